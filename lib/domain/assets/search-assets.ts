import "server-only";
import { db, sqlRows } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/auth/actor";
import { can, isStaff } from "@/lib/auth/permissions";
import { notFound } from "@/lib/errors";
import { parseInput } from "@/lib/validation/parse";
import { assetSearchSchema, ASSET_SEARCH_LIMIT } from "@/lib/validation/assets";
import { mayCreateTicket, projectScope } from "@/lib/domain/tickets/policy";
import { likePrefix } from "@/lib/domain/users/staff-directory";

/** An asset as the target-asset picker shows it. */
export interface AssetChoice {
  id: string;
  tag: string;
  name: string;
}

/**
 * The asset search's statement. Without a term: the first assets by tag.
 * With one: those whose tag starts with it (by tag), then those whose name
 * does (by name). Each half is a range of its index (Asset_tag_search_idx,
 * Asset_name_search_idx) read in order and cut at the limit, so a search reads
 * at most twice the limit, whatever the organization holds.
 */
export function assetSearchSql(organizationId: string, q: string): Prisma.Sql {
  // Retired assets are no longer offered (a change that targets one keeps it).
  const org = Prisma.sql`a."organizationId" = ${organizationId}::uuid AND a."retiredAt" IS NULL`;
  const tag = Prisma.sql`lower(a."tag") COLLATE "C"`;
  const name = Prisma.sql`lower(a."name") COLLATE "C"`;
  if (!q) {
    return Prisma.sql`
      SELECT a."id"::text AS "id", a."tag", a."name" FROM "Asset" a
       WHERE ${org} ORDER BY ${tag} LIMIT ${ASSET_SEARCH_LIMIT}`;
  }
  const prefix = likePrefix(q);
  return Prisma.sql`
    SELECT "id", "tag", "name" FROM (
      (SELECT a."id"::text AS "id", a."tag", a."name", 0 AS "rank", ${tag} AS "key" FROM "Asset" a
        WHERE ${org} AND ${tag} LIKE ${prefix} ORDER BY ${tag} LIMIT ${ASSET_SEARCH_LIMIT})
      UNION ALL
      (SELECT a."id"::text, a."tag", a."name", 1, ${name} FROM "Asset" a
        WHERE ${org} AND ${name} LIKE ${prefix} AND NOT (${tag} LIKE ${prefix}) ORDER BY ${name} LIMIT ${ASSET_SEARCH_LIMIT})
    ) found
    ORDER BY "rank", "key", "id" LIMIT ${ASSET_SEARCH_LIMIT}`;
}

/**
 * Who may pick a target asset: staff (they edit changes), and anyone who may
 * open or edit a change request in a change project they belong to (the
 * portal's new-request form, their own draft). Everyone else: not found.
 */
export async function assertMayChooseAsset(actor: Actor): Promise<void> {
  if (isStaff(actor)) return;
  if (mayCreateTicket(actor) || can(actor, "ticket.edit_own")) {
    const change = await db.project.findFirst({ where: { ...projectScope(actor), workflow: "change" }, select: { id: true } });
    if (change) return;
  }
  throw notFound("Asset");
}

/**
 * The target-asset picker as the user types: at most 20 assets of the
 * actor's organization whose tag or name starts with what was typed.
 */
export async function searchAssets(actor: Actor, raw: { q?: string }): Promise<AssetChoice[]> {
  await assertMayChooseAsset(actor);
  const { q } = parseInput(assetSearchSchema, raw);
  return sqlRows<AssetChoice>(assetSearchSql(actor.organizationId, q));
}
