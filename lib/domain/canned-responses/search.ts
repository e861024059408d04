import "server-only";
import { sqlRows } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/auth/actor";
import { parseInput } from "@/lib/validation/parse";
import { cannedResponseSearchSchema, CANNED_SEARCH_LIMIT } from "@/lib/validation/canned-responses";
import { mentionsAsPlainText } from "@/lib/domain/comments/mention-token";
import { assertStaff } from "./access";

const PREVIEW = 90;

/** A response as the reply box's picker offers it: enough to recognise it, never its whole text. */
export interface CannedResponseChoice {
  id: string;
  title: string;
  /** The first characters of the text. */
  preview: string;
  personal: boolean;
}

/** What was typed, matched literally anywhere (LIKE's wildcards escaped). */
export const likeAnywhere = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * The statement: the organization's responses and the actor's own (through
 * CannedResponse_organizationId_ownerId_idx) whose title or text contains
 * `q`, by title, at most `limit`. Only the head of each text leaves the database.
 */
export function cannedResponseSearchSql(
  actor: Pick<Actor, "id" | "organizationId">,
  q: string,
  opts: { limit: number; ownerId?: "organization" | "personal"; fullText?: boolean },
): Prisma.Sql {
  const owner =
    opts.ownerId === "organization" ? Prisma.sql`c."ownerId" IS NULL`
    : opts.ownerId === "personal" ? Prisma.sql`c."ownerId" = ${actor.id}::uuid`
    : Prisma.sql`(c."ownerId" IS NULL OR c."ownerId" = ${actor.id}::uuid)`;
  const match = q ? Prisma.sql`AND (c."title" ILIKE ${likeAnywhere(q)} OR c."body" ILIKE ${likeAnywhere(q)})` : Prisma.empty;
  return Prisma.sql`
    SELECT c."id"::text AS "id", c."title", c."ownerId"::text AS "ownerId", ${opts.fullText ? Prisma.sql`c."body"` : Prisma.sql`left(c."body", 400) AS "head"`}
      FROM "CannedResponse" c
     WHERE c."organizationId" = ${actor.organizationId}::uuid AND ${owner} ${match}
     ORDER BY lower(c."title"), c."id"
     LIMIT ${opts.limit}`;
}

/**
 * The reply box's "Insert response" as the agent types: at most 20 of the
 * organization's responses and the agent's own, for staff only.
 */
export async function searchCannedResponses(actor: Actor, raw: { q?: string }): Promise<CannedResponseChoice[]> {
  assertStaff(actor);
  const { q } = parseInput(cannedResponseSearchSchema, raw);
  const rows = await sqlRows<{ id: string; title: string; ownerId: string | null; head: string }>(cannedResponseSearchSql(actor, q, { limit: CANNED_SEARCH_LIMIT }));
  return rows.map((r) => ({ id: r.id, title: r.title, preview: mentionsAsPlainText(r.head).replace(/\s+/g, " ").slice(0, PREVIEW), personal: r.ownerId !== null }));
}
