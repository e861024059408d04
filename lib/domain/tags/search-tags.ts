import "server-only";
import { sqlRows } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/auth/actor";
import { isStaff } from "@/lib/auth/permissions";
import { forbidden } from "@/lib/errors";
import { parseInput } from "@/lib/validation/parse";
import { tagSearchSchema, TAG_SEARCH_LIMIT } from "@/lib/validation/tags";
import { likePrefix } from "@/lib/domain/users/staff-directory";

/** A tag as the pickers show it: its name is also its value in filters (?tag=vpn). */
export interface TagChoice {
  id: string;
  name: string;
}

/** The tag search's statement: a range of Tag_search_idx, so it reads only what it returns. */
export function tagSearchSql(organizationId: string, q: string): Prisma.Sql {
  const match = q ? Prisma.sql`AND lower(t."name") COLLATE "C" LIKE ${likePrefix(q)}` : Prisma.empty;
  return Prisma.sql`
    SELECT t."name" AS "id", t."name"
      FROM "Tag" t
     WHERE t."organizationId" = ${organizationId}::uuid ${match}
     ORDER BY lower(t."name") COLLATE "C"
     LIMIT ${TAG_SEARCH_LIMIT}`;
}

/**
 * The desk's and board's tag filters as the user types: at most 20 tags of
 * the actor's organization starting with what was typed, for staff only
 * (the filters are on staff pages).
 */
export async function searchTags(actor: Actor, raw: { q?: string }): Promise<TagChoice[]> {
  if (!isStaff(actor)) throw forbidden("Only staff can search tags.");
  const { q } = parseInput(tagSearchSchema, raw);
  return sqlRows<TagChoice>(tagSearchSql(actor.organizationId, q));
}
