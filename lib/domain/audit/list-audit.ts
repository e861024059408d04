import "server-only";
import { db, utc } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/auth/actor";
import { auditRange, decodeAuditCursor, encodeAuditCursor, AUDIT_PAGE_SIZE, type AuditCursor, type AuditQuery } from "@/lib/validation/audit";
import { isUuid } from "@/lib/validation/text";
import { assetLabel } from "@/lib/domain/assets/label";
import { assertAdmin } from "./admin-only";
import type { EntityLookups } from "./describe";

export interface AuditRow {
  id: string;
  createdAt: Date;
  action: string;
  actorId: string | null;
  actorName: string | null;
  entityType: string | null;
  entityId: string | null;
  data: Prisma.JsonValue;
  ip: string | null;
  userAgent: string | null;
}

export interface AuditFilter {
  action?: string;
  actorId?: string;
  since?: Date | null;
  until?: Date | null;
}

export const auditFilterOf = (q: AuditQuery): AuditFilter => ({ action: q.action, actorId: q.actor, ...auditRange(q) });

/**
 * One keyset range of the organization's audit rows. `older`: rows before the
 * cursor, newest first; `newer`: rows after it, oldest first (the caller
 * reverses). Every filter is a range of one index, (organizationId[, action |
 * actorId], createdAt, id), entered at the cursor: a deep page reads what the
 * first one does.
 */
export async function auditRows(
  organizationId: string,
  filter: AuditFilter,
  page: { older?: AuditCursor | null; newer?: AuditCursor | null },
  limit: number,
): Promise<AuditRow[]> {
  const where: Prisma.Sql[] = [Prisma.sql`a."organizationId" = ${organizationId}::uuid`];
  if (filter.action) where.push(Prisma.sql`a."action" = ${filter.action}`);
  if (filter.actorId) where.push(Prisma.sql`a."actorId" = ${filter.actorId}::uuid`);
  if (filter.since) where.push(Prisma.sql`a."createdAt" >= ${utc(filter.since)}`);
  if (filter.until) where.push(Prisma.sql`a."createdAt" < ${utc(filter.until)}`);
  const ascending = !page.older && !!page.newer;
  const cursor = page.older ?? page.newer;
  if (cursor) {
    const at = utc(new Date(cursor.createdAt));
    where.push(ascending ? Prisma.sql`(a."createdAt", a."id") > (${at}, ${cursor.id}::uuid)` : Prisma.sql`(a."createdAt", a."id") < (${at}, ${cursor.id}::uuid)`);
  }
  const order = ascending ? Prisma.sql`a."createdAt" ASC, a."id" ASC` : Prisma.sql`a."createdAt" DESC, a."id" DESC`;
  return db.$queryRaw<AuditRow[]>`
    SELECT a."id"::text AS "id", a."createdAt", a."action", a."actorId"::text AS "actorId", u."name" AS "actorName",
           a."entityType", a."entityId", a."data", a."ip", a."userAgent"
      FROM "AuditLog" a
      LEFT JOIN "User" u ON u."id" = a."actorId" AND u."organizationId" = a."organizationId"
     WHERE ${Prisma.join(where, " AND ")}
     ORDER BY ${order}
     LIMIT ${limit}`;
}

/** Tickets, users, assets and teams the rows name, found by id in the organization (one query each, at most a page of ids). */
export async function entityLookups(organizationId: string, rows: readonly Pick<AuditRow, "entityType" | "entityId">[]): Promise<EntityLookups> {
  const idsOf = (type: string) => [...new Set(rows.filter((r) => r.entityType?.toLowerCase() === type && isUuid(r.entityId)).map((r) => r.entityId!))];
  const [ticketIds, userIds, assetIds, teamIds] = [idsOf("ticket"), idsOf("user"), idsOf("asset"), idsOf("team")];
  const [tickets, users, assets, teams] = await Promise.all([
    ticketIds.length ? db.ticket.findMany({ where: { organizationId, id: { in: ticketIds }, deletedAt: null }, select: { id: true, number: true } }) : [],
    userIds.length ? db.user.findMany({ where: { organizationId, id: { in: userIds } }, select: { id: true, name: true } }) : [],
    assetIds.length ? db.asset.findMany({ where: { organizationId, id: { in: assetIds } }, select: { id: true, tag: true, name: true } }) : [],
    teamIds.length ? db.team.findMany({ where: { organizationId, id: { in: teamIds } }, select: { id: true, name: true } }) : [],
  ]);
  return {
    tickets: new Map(tickets.map((t) => [t.id, t.number])),
    users: new Map(users.map((u) => [u.id, u.name])),
    assets: new Map(assets.map((a) => [a.id, assetLabel(a)])),
    teams: new Map(teams.map((t) => [t.id, t.name])),
  };
}

export interface AuditPage {
  rows: AuditRow[];
  lookups: EntityLookups;
  /** Cursor of the page before (newer rows), null on the newest page. */
  newerCursor: string | null;
  /** Cursor of the page after (older rows), null on the last one. */
  olderCursor: string | null;
}

/** /admin/audit: one page of the organization's audit rows, newest first, for admins only. */
export async function listAudit(actor: Actor, query: AuditQuery, opts: { limit?: number } = {}): Promise<AuditPage> {
  assertAdmin(actor);
  const limit = opts.limit ?? AUDIT_PAGE_SIZE;
  const older = decodeAuditCursor(query.older);
  const newer = older ? null : decodeAuditCursor(query.newer);
  const found = await auditRows(actor.organizationId, auditFilterOf(query), { older, newer }, limit + 1);
  const more = found.length > limit;
  let rows = found.slice(0, limit);
  if (newer) rows = rows.reverse();
  const first = rows[0];
  const last = rows.at(-1);
  // Walking newer: more rows beyond means a newer page; we came from an older one.
  const hasNewer = newer ? more : !!older && rows.length > 0;
  const hasOlder = newer ? rows.length > 0 : more;
  return {
    rows,
    lookups: await entityLookups(actor.organizationId, rows),
    newerCursor: hasNewer && first ? encodeAuditCursor(first) : null,
    olderCursor: hasOlder && last ? encodeAuditCursor(last) : null,
  };
}
