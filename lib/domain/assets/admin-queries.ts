import "server-only";
import { db, sqlRows } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { TicketStatus } from "@/lib/generated/prisma/enums";
import type { Actor } from "@/lib/auth/actor";
import { notFound } from "@/lib/errors";
import { parseInput } from "@/lib/validation/parse";
import { assetListSchema, ASSET_PAGE_SIZE } from "@/lib/validation/assets";
import { isUuid, unstorableText } from "@/lib/validation/text";
import { likePrefix } from "@/lib/domain/users/staff-directory";
import { assertAdmin } from "@/lib/domain/audit/admin-only";

export interface AssetListRow {
  id: string;
  tag: string;
  name: string;
  location: string | null;
  kind: string;
  componentCount: number;
  retired: boolean;
}

const encodeAfter = (key: string, id: string) => Buffer.from(JSON.stringify([key, id])).toString("base64url");
function decodeAfter(raw: string | undefined): [string, string] | null {
  if (!raw) return null;
  try {
    const v = JSON.parse(Buffer.from(raw, "base64url").toString("utf8"));
    return Array.isArray(v) && v.length === 2 && typeof v[0] === "string" && v[0].length <= 200 && !unstorableText(v[0]) && isUuid(v[1]) ? [v[0], v[1]] : null;
  } catch {
    return null;
  }
}

/**
 * /admin/assets: the organization's assets by tag, 25 a page, keyset on
 * (lower(tag) COLLATE "C", id) — the order of Asset_tag_search_idx; with a
 * term, those whose tag or name starts with it (the two prefix indexes).
 */
export async function listAssets(actor: Actor, raw: { q?: string; after?: string }, opts: { limit?: number } = {}) {
  assertAdmin(actor, "Asset");
  const { q, after } = parseInput(assetListSchema, raw);
  const limit = opts.limit ?? ASSET_PAGE_SIZE;
  const tag = Prisma.sql`lower(a."tag") COLLATE "C"`;
  const where = [Prisma.sql`a."organizationId" = ${actor.organizationId}::uuid`];
  if (q) where.push(Prisma.sql`(${tag} LIKE ${likePrefix(q)} OR lower(a."name") COLLATE "C" LIKE ${likePrefix(q)})`);
  const cursor = decodeAfter(after);
  if (cursor) where.push(Prisma.sql`(${tag}, a."id") > (${cursor[0]}::text COLLATE "C", ${cursor[1]}::uuid)`);
  const rows = await sqlRows<AssetListRow & { key: string }>(Prisma.sql`
    SELECT a."id"::text AS "id", a."tag", a."name", a."location", a."kind", ${tag} AS "key", a."retiredAt" IS NOT NULL AS "retired",
           (SELECT count(*)::int FROM "AssetComponent" c WHERE c."assetId" = a."id") AS "componentCount"
      FROM "Asset" a
     WHERE ${Prisma.join(where, " AND ")}
     ORDER BY ${tag}, a."id"
     LIMIT ${limit + 1}`);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    q,
    rows: page.map(({ key: _key, ...r }) => r),
    nextAfter: rows.length > limit && last ? encodeAfter(last.key, last.id) : null,
    paged: !!cursor,
  };
}

/** The most components the asset page lists (a server holds tens). */
export const COMPONENT_LIST_MAX = 500;
/** Change tickets shown in an asset's history, newest first. */
export const ASSET_HISTORY_LIMIT = 20;

export interface AssetHistoryEntry {
  id: string;
  number: string;
  title: string;
  status: TicketStatus;
  createdAt: Date;
  deployedAt: Date | null;
  completedAt: Date | null;
  /** Components before deploy, as recorded (null when never deployed, or rolled back). */
  before: { componentType: string; reference: string; quantity: number }[] | null;
  items: {
    id: string;
    action: string;
    componentType: string;
    componentRef: string | null;
    quantity: number;
    currentValue: string | null;
    requestedValue: string | null;
    fulfilled: boolean;
    fulfilledAt: Date | null;
    fulfilledWith: string | null;
    fulfilmentNotes: string | null;
    fulfilledBy: string | null;
  }[];
}

/** One asset for /admin/assets/[id]: fields, components, and the change tickets that targeted it with what their deploys applied. */
export async function loadAssetForAdmin(actor: Actor, id: string) {
  assertAdmin(actor, "Asset");
  if (!isUuid(id)) throw notFound("Asset");
  const asset = await db.asset.findFirst({
    where: { id, organizationId: actor.organizationId },
    select: {
      id: true,
      tag: true,
      name: true,
      location: true,
      kind: true,
      slotCapacities: true,
      version: true,
      retiredAt: true,
      updatedAt: true,
      components: { select: { id: true, componentType: true, reference: true, serial: true, quantity: true }, orderBy: [{ componentType: "asc" }, { createdAt: "asc" }], take: COMPONENT_LIST_MAX },
    },
  });
  if (!asset) throw notFound("Asset");
  const where = { organizationId: actor.organizationId, assetId: asset.id, deletedAt: null } satisfies Prisma.TicketWhereInput;
  const [tickets, ticketCount] = await Promise.all([
    db.ticket.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: ASSET_HISTORY_LIMIT,
      select: {
        id: true,
        number: true,
        title: true,
        status: true,
        createdAt: true,
        deployedAt: true,
        completedAt: true,
        deploySnapshot: true,
        items: {
          orderBy: { position: "asc" },
          select: {
            id: true,
            action: true,
            componentType: true,
            componentRef: true,
            quantity: true,
            currentValue: true,
            requestedValue: true,
            fulfilled: true,
            fulfilledAt: true,
            fulfilledWith: true,
            fulfilmentNotes: true,
            fulfilledBy: { select: { name: true } },
          },
        },
      },
    }),
    db.ticket.count({ where }),
  ]);
  const history: AssetHistoryEntry[] = tickets.map((t) => ({
    ...t,
    before: Array.isArray(t.deploySnapshot)
      ? (t.deploySnapshot as { componentType: string; reference: string; quantity: number }[]).map((c) => ({ componentType: c.componentType, reference: c.reference, quantity: c.quantity }))
      : null,
    items: t.items.map(({ fulfilledBy, ...i }) => ({ ...i, fulfilledBy: fulfilledBy?.name ?? null })),
  }));
  return { asset: { ...asset, slotCapacities: (asset.slotCapacities ?? {}) as Record<string, number> }, history, ticketCount };
}
