import "server-only";
import { assertAdminister } from "@/lib/domain/admin/access";
import type { Tx } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { invalid, notFound } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";

// Tag administration (/admin/tags) needs org.manage, checked on every call;
// a tag is loaded through the actor's organization, so another organization's
// id is "not found". Names are normalised by tagNameSchema (lib/validation/tags.ts).

export function assertManageTags(actor: Actor) {
  assertAdminister(actor, "Tag");
}

export const tagSelect = { id: true, name: true, color: true, description: true, version: true } as const;
export type AdminTag = Prisma.TagGetPayload<{ select: typeof tagSelect }>;

/** The tag, locked for the rest of the transaction (an edit, delete or merge of it waits for this one). */
export async function lockedTag(tx: Tx, actor: Actor, id: string, what = "Tag"): Promise<AdminTag> {
  const rows = await tx.$queryRaw<AdminTag[]>`
    SELECT t."id"::text AS "id", t."name", t."color", t."description", t."version"
      FROM "Tag" t WHERE t."id" = ${id}::uuid AND t."organizationId" = ${actor.organizationId}::uuid FOR UPDATE`;
  if (!rows[0]) throw notFound(what);
  return rows[0];
}

export const nameTaken = (name: string) =>
  invalid(`A tag named “${name}” already exists.`, { name: [`“${name}” already exists: choose another name, or merge into it`] });

export function isUniqueViolation(e: unknown): boolean {
  return e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2002";
}

/** Tickets carrying a tag (all of them, binned ones too: a delete or merge changes those as well). */
export async function ticketsWithTag(tx: Tx, tagId: string): Promise<number> {
  return tx.ticketTag.count({ where: { tagId } });
}
