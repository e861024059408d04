import "server-only";
import { db, type Tx } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { audit, type RequestMeta } from "@/lib/audit";
import type { Prisma } from "@/lib/generated/prisma/client";
import { parseInput } from "@/lib/validation/parse";
import { createContactSchema, updateContactSchema, type CreateContactInput, type UpdateContactInput } from "@/lib/validation/contacts";
import { assertManageContacts } from "./access";
import { assertContactEmailFree, contactAuditValues, contactRaced, lockedContact, resolveContactRefs } from "./references";

async function writeTags(tx: Tx, organizationId: string, contactId: string, before: readonly string[], next: readonly string[]) {
  const gone = before.filter((id) => !next.includes(id));
  const added = next.filter((id) => !before.includes(id));
  if (gone.length) await tx.contactTag.deleteMany({ where: { contactId, tagId: { in: gone } } });
  if (added.length) await tx.contactTag.createMany({ data: added.map((tagId) => ({ contactId, tagId, organizationId })) });
}

/**
 * "New contact": name, e-mail (unique in the organization when given), phone,
 * title, notes, the customer they work for, the requester account that is
 * them (its customer is then theirs: requester-customer.ts) and tags of the
 * organization; audited as contact.created.
 */
export async function createContact(actor: Actor, raw: CreateContactInput, meta: RequestMeta = {}) {
  assertManageContacts(actor);
  const input = parseInput(createContactSchema, raw);
  const organizationId = actor.organizationId;
  return db
    .$transaction(async (tx) => {
      const refs = await resolveContactRefs(tx, actor, input);
      await assertContactEmailFree(tx, organizationId, input.email);
      const fields = { name: input.name, email: input.email ?? null, phone: input.phone ?? null, title: input.title ?? null, notes: input.notes };
      const contact = await tx.contact.create({
        data: { organizationId, ...fields, customerId: refs.customer?.id ?? null, userId: refs.user?.id ?? null },
        select: { id: true, name: true, version: true },
      });
      await writeTags(tx, organizationId, contact.id, [], refs.tags.map((t) => t.id));
      const values = contactAuditValues(fields, { customer: refs.customer?.name ?? null, requester: refs.user?.email ?? null, tags: refs.tags.map((t) => t.name) });
      await audit({ ...meta, organizationId, actorId: actor.id, action: "contact.created", entityType: "Contact", entityId: contact.id, data: { old: {}, new: values } }, tx);
      return contact;
    })
    .catch(contactRaced);
}

/** Edits a contact if nobody changed it since `version`; audited with the old and new values of what changed. */
export async function updateContact(actor: Actor, raw: UpdateContactInput, meta: RequestMeta = {}) {
  assertManageContacts(actor);
  const input = parseInput(updateContactSchema, raw);
  const organizationId = actor.organizationId;
  return db
    .$transaction(async (tx) => {
      const before = await lockedContact(tx, actor, input.id, input.version);
      const refs = await resolveContactRefs(tx, actor, input, before.id);
      const fields = { name: input.name, email: input.email ?? null, phone: input.phone ?? null, title: input.title ?? null, notes: input.notes };
      if (fields.email !== before.email) await assertContactEmailFree(tx, organizationId, fields.email, before.id);
      const was = contactAuditValues(before, { customer: before.customerName, requester: before.userEmail, tags: before.tags.map((t) => t.name) });
      const now = contactAuditValues(fields, { customer: refs.customer?.name ?? null, requester: refs.user?.email ?? null, tags: refs.tags.map((t) => t.name) });
      const old: Record<string, unknown> = {};
      const changed: Record<string, unknown> = {};
      for (const key of Object.keys(now) as (keyof typeof now)[]) {
        if (JSON.stringify(was[key]) !== JSON.stringify(now[key])) [old[key], changed[key]] = [was[key], now[key]];
      }
      const customerId = refs.customer?.id ?? null;
      const userId = refs.user?.id ?? null;
      // Names are compared above; ids decide whether anything is written (a renamed customer reads the same by id).
      if (Object.keys(changed).length === 0 && customerId === before.customerId && userId === before.userId) return { id: before.id, version: before.version, changed: false };
      const saved = await tx.contact.update({ where: { id: before.id }, data: { ...fields, customerId, userId, version: { increment: 1 } }, select: { id: true, version: true } });
      await writeTags(tx, organizationId, before.id, before.tags.map((t) => t.id), refs.tags.map((t) => t.id));
      await audit(
        { ...meta, organizationId, actorId: actor.id, action: "contact.updated", entityType: "Contact", entityId: before.id, data: { contact: before.name, old, new: changed } as Prisma.InputJsonValue },
        tx,
      );
      return { ...saved, changed: true };
    })
    .catch(contactRaced);
}
