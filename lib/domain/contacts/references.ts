import "server-only";
import type { Tx } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { Prisma } from "@/lib/generated/prisma/client";
import { STAFF_PERMISSIONS } from "@/lib/auth/permissions";
import { conflict, invalid, INVALID_FORM, notFound } from "@/lib/errors";

// What a contact points at — its customer, its requester account, its tags —
// resolved inside the writing transaction through the actor's organization:
// an id or name of another organization is refused on its field exactly like
// one that does not exist, and nothing is written.

export interface ContactRefs {
  customer: { id: string; name: string } | null;
  user: { id: string; name: string; email: string } | null;
  tags: { id: string; name: string }[];
}

export interface ContactRefsInput {
  customerId?: string | null;
  userId?: string | null;
  tags: readonly string[];
}

export const CONTACT_CONFLICT = "Someone else changed this contact first. The latest version has been loaded; make your change again.";

const refused = (field: string, message: string) => invalid(INVALID_FORM, { [field]: [message] });

/** The contact's customer, requester and tags as named in the form; `contactId` is the contact being edited (its own link is no clash). */
export async function resolveContactRefs(tx: Tx, actor: Actor, input: ContactRefsInput, contactId?: string): Promise<ContactRefs> {
  const org = actor.organizationId;
  let customer: ContactRefs["customer"] = null;
  if (input.customerId) {
    customer = await tx.customer.findFirst({ where: { id: input.customerId, organizationId: org }, select: { id: true, name: true } });
    if (!customer) throw refused("customerId", "Choose a customer from the list");
  }
  let user: ContactRefs["user"] = null;
  if (input.userId) {
    const [row] = await tx.$queryRaw<{ id: string; name: string; email: string; staff: boolean; linkedTo: string | null; linkedId: string | null }[]>`
      SELECT u."id"::text AS "id", u."name", u."email", (r."permissions" && ${[...STAFF_PERMISSIONS]}::text[]) AS "staff",
             c."name" AS "linkedTo", c."id"::text AS "linkedId"
        FROM "User" u JOIN "Role" r ON r."id" = u."roleId"
        LEFT JOIN "Contact" c ON c."userId" = u."id"
       WHERE u."id" = ${input.userId}::uuid AND u."organizationId" = ${org}::uuid`;
    if (!row || row.staff) throw refused("userId", "Choose a requester of your organization");
    if (row.linkedId && row.linkedId !== contactId) throw refused("userId", `${row.name} is already the contact “${row.linkedTo}”`);
    user = { id: row.id, name: row.name, email: row.email };
  }
  const tags = input.tags.length ? await tx.tag.findMany({ where: { organizationId: org, name: { in: [...input.tags] } }, select: { id: true, name: true }, orderBy: { name: "asc" } }) : [];
  const missing = input.tags.filter((n) => !tags.some((t) => t.name === n));
  if (missing.length) throw refused("tags", `${missing.map((n) => `“${n}”`).join(", ")} ${missing.length === 1 ? "is not a tag" : "are not tags"} of your organization: choose from the list (tags are made on Tags)`);
  return { customer, user, tags };
}

/** Refuses an e-mail address another contact of the organization has. */
export async function assertContactEmailFree(tx: Tx, organizationId: string, email: string | null | undefined, exceptId?: string): Promise<void> {
  if (!email) return;
  const clash = await tx.contact.findFirst({ where: { organizationId, email, ...(exceptId ? { id: { not: exceptId } } : {}) }, select: { name: true } });
  if (clash) throw refused("email", `${clash.name} already has this e-mail address`);
}

/** A unique-index race lost to another save: the e-mail or the requester link, on its field. */
export function contactRaced(e: unknown): never {
  if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2002") {
    const where = `${e.message} ${JSON.stringify(e.meta ?? {})}`;
    if (/userId/.test(where)) throw refused("userId", "This requester was just linked to another contact");
    throw refused("email", "Another contact was just given this e-mail address");
  }
  throw e;
}

/** A contact's columns with its customer's name and its requester's e-mail, as the list and the writers read them. */
export interface ContactBase {
  id: string;
  name: string;
  email: string | null;
  phone: string | null;
  title: string | null;
  notes: string;
  version: number;
  customerId: string | null;
  customerName: string | null;
  userId: string | null;
  userEmail: string | null;
}

export interface LockedContact extends ContactBase {
  tags: { id: string; name: string }[];
}

/** The contact with what it points at, locked for the rest of the transaction; a stale `version` is a conflict. */
export async function lockedContact(tx: Tx, actor: Actor, id: string, version?: number): Promise<LockedContact> {
  const [row] = await tx.$queryRaw<(Omit<LockedContact, "tags"> & { tags: { id: string; name: string }[] | null })[]>`
    SELECT k."id"::text AS "id", k."name", k."email", k."phone", k."title", k."notes", k."version",
           k."customerId"::text AS "customerId", cu."name" AS "customerName", k."userId"::text AS "userId", u."email" AS "userEmail",
           (SELECT json_agg(json_build_object('id', t."id", 'name', t."name") ORDER BY t."name")
              FROM "ContactTag" ct JOIN "Tag" t ON t."id" = ct."tagId" WHERE ct."contactId" = k."id") AS "tags"
      FROM "Contact" k
      LEFT JOIN "Customer" cu ON cu."id" = k."customerId"
      LEFT JOIN "User" u ON u."id" = k."userId"
     WHERE k."id" = ${id}::uuid AND k."organizationId" = ${actor.organizationId}::uuid
       FOR UPDATE OF k`;
  if (!row) throw notFound("Contact");
  if (version !== undefined && row.version !== version) throw conflict(CONTACT_CONFLICT);
  return { ...row, tags: row.tags ?? [] };
}

/** A contact as its audit row records it: what people read, by name (the customer, the requester's e-mail, the tags). */
export function contactAuditValues(c: { name: string; email: string | null; phone: string | null; title: string | null; notes: string }, refs: { customer: string | null; requester: string | null; tags: string[] }) {
  return { name: c.name, email: c.email, phone: c.phone, title: c.title, notes: c.notes, customer: refs.customer, requester: refs.requester, tags: refs.tags };
}
