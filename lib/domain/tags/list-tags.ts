import "server-only";
import { sqlRows } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { Prisma } from "@/lib/generated/prisma/client";
import { parseInput } from "@/lib/validation/parse";
import { TAG_PAGE_SIZE, tagListSchema, type TagListInput } from "@/lib/validation/tags";
import { likePrefix } from "@/lib/domain/users/staff-directory";
import { assertManageTags } from "./access";

/** Usage counts stop here ("10,000+"): each is an index range of TicketTag_tagId_ticketId_idx, for the page's tags only. */
export const TAG_COUNT_CAP = 10_000;

export interface TagRow {
  id: string;
  name: string;
  color: string;
  description: string;
  version: number;
  tickets: number;
}

/**
 * A page of the organization's tags by name (Tag_search_idx gives the order,
 * and a prefix `q` is a range of it), with how many tickets carry each.
 */
export async function listTagsForAdmin(actor: Actor, raw: TagListInput = {}) {
  assertManageTags(actor);
  const { q, page } = parseInput(tagListSchema, raw);
  const match = q ? Prisma.sql`AND lower(t."name") COLLATE "C" LIKE ${likePrefix(q)}` : Prisma.empty;
  const rows = await sqlRows<TagRow>(Prisma.sql`
    SELECT t."id"::text AS "id", t."name", t."color", t."description", t."version",
           (SELECT count(*)::int FROM (SELECT 1 FROM "TicketTag" tt WHERE tt."tagId" = t."id" LIMIT ${TAG_COUNT_CAP + 1}) x) AS "tickets"
      FROM "Tag" t
     WHERE t."organizationId" = ${actor.organizationId}::uuid ${match}
     ORDER BY lower(t."name") COLLATE "C", t."id"
     LIMIT ${TAG_PAGE_SIZE + 1} OFFSET ${(page - 1) * TAG_PAGE_SIZE}`);
  return { rows: rows.slice(0, TAG_PAGE_SIZE), page, q, hasNext: rows.length > TAG_PAGE_SIZE };
}
