import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import { sqlRows } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { ticketScopeSql } from "./policy";

// The ticket page's data in one hand-written statement. The same include
// through Prisma cost ~40 ms a page at 14 comments (20 queries, each compiled
// by the query compiler on every call); this reads it in one round trip of
// ~3 ms. Its shape is exactly Prisma's (DETAIL_INCLUDE's payload):
// detail-sql.integration.test.ts compares the two for every demo user and ticket.

// Names only: e-mail addresses of staff never travel to requesters' pages.
const person = { select: { id: true, name: true } } as const;

/** The shape of the ticket page's data, as Prisma would return it (the filters below decide which rows). */
export const DETAIL_INCLUDE = {
  project: { select: { id: true, key: true, name: true, workflow: true } },
  requester: person,
  assignees: { include: { user: person } },
  watchers: { include: { user: person } },
  tags: { include: { tag: true } },
  column: { select: { id: true, name: true, color: true, category: true } },
  asset: { select: { id: true, tag: true, name: true } },
  customer: { select: { id: true, name: true } },
  approvedBy: person,
  acceptedBy: person,
  reviewer: person,
  items: true,
  comments: {
    include: {
      author: person,
      revisions: { select: { id: true, body: true, createdAt: true, editedBy: person } },
      mentions: { select: { userId: true, user: person } },
    },
  },
  history: { include: { actor: person } },
  attachments: { select: { id: true, commentId: true, originalName: true, size: true, mimeType: true, createdAt: true, uploadedBy: person } },
} as const satisfies Prisma.TicketInclude;

export type TicketDetailRow = Prisma.TicketGetPayload<{ include: typeof DETAIL_INCLUDE }>;

export interface DetailFilter {
  /** Internal notes, internal history and mentions. */
  internal: boolean;
  /** Earlier versions of edited comments. */
  staffView: boolean;
  /** Only a ticket the viewer requested (the portal). */
  ownOnly: boolean;
}

const TICKET_DATES = [
  "startDate", "dueDate", "scheduledAt", "submittedAt", "approvedAt", "rejectedAt", "deployedAt", "completedAt", "cancelledAt",
  "acceptedAt", "firstResponseAt", "resolvedAt", "closedAt", "slaStartedAt", "slaFirstResponseDueAt", "slaResolutionDueAt",
  "slaPausedAt", "slaBreachedAt", "createdAt", "updatedAt", "deletedAt",
] as const;

const name = (alias: string) => Prisma.raw(`jsonb_build_object('id', ${alias}."id", 'name', ${alias}."name")`);
const personOf = (column: Prisma.Sql) => Prisma.sql`(SELECT ${name("p")} FROM "User" p WHERE p."id" = ${column})`;

/** The statement: one row of JSON documents, or none when the ticket is not in the viewer's scope. */
export function ticketDetailSql(actor: Actor, number: string, f: DetailFilter): Prisma.Sql {
  const comments = f.internal ? Prisma.sql`TRUE` : Prisma.sql`c."type" <> 'internal_note'::"CommentType"`;
  const revisions = f.staffView
    ? Prisma.sql`(SELECT coalesce(jsonb_agg(jsonb_build_object('id', r."id", 'body', r."body", 'createdAt', r."createdAt", 'editedBy', ${personOf(Prisma.sql`r."editedById"`)})
                                             ORDER BY r."createdAt" DESC, r."id" DESC), '[]'::jsonb)
                    FROM "CommentRevision" r WHERE r."commentId" = c."id")`
    : Prisma.sql`'[]'::jsonb`;
  const mentions = f.internal
    ? Prisma.sql`(SELECT coalesce(jsonb_agg(jsonb_build_object('userId', m."userId", 'user', ${name("mu")}) ORDER BY m."createdAt", m."userId"), '[]'::jsonb)
                    FROM "CommentMention" m JOIN "User" mu ON mu."id" = m."userId" WHERE m."commentId" = c."id")`
    : Prisma.sql`'[]'::jsonb`;
  const history = f.internal ? Prisma.sql`TRUE` : Prisma.sql`NOT h."internal"`;
  const files = f.internal
    ? Prisma.sql`TRUE`
    : Prisma.sql`(f."commentId" IS NULL OR EXISTS (SELECT 1 FROM "Comment" fc WHERE fc."id" = f."commentId" AND fc."type" <> 'internal_note'::"CommentType"))`;
  const own = f.ownOnly ? Prisma.sql`AND t."requesterId" = ${actor.id}::uuid` : Prisma.empty;
  return Prisma.sql`
    SELECT to_jsonb(t) - 'searchVector' AS "ticket",
           (SELECT jsonb_build_object('id', p."id", 'key', p."key", 'name', p."name", 'workflow', p."workflow") FROM "Project" p WHERE p."id" = t."projectId") AS "project",
           ${personOf(Prisma.sql`t."requesterId"`)} AS "requester",
           ${personOf(Prisma.sql`t."approvedById"`)} AS "approvedBy",
           ${personOf(Prisma.sql`t."acceptedById"`)} AS "acceptedBy",
           ${personOf(Prisma.sql`t."reviewerId"`)} AS "reviewer",
           (SELECT jsonb_build_object('id', k."id", 'name', k."name", 'color', k."color", 'category', k."category") FROM "KanbanColumn" k WHERE k."id" = t."columnId") AS "column",
           (SELECT jsonb_build_object('id', s."id", 'tag', s."tag", 'name', s."name") FROM "Asset" s WHERE s."id" = t."assetId") AS "asset",
           (SELECT jsonb_build_object('id', cu."id", 'name', cu."name") FROM "Customer" cu WHERE cu."id" = t."customerId") AS "customer",
           (SELECT coalesce(jsonb_agg(to_jsonb(a) || jsonb_build_object('user', ${name("au")}) ORDER BY a."isPrimary" DESC, a."assignedAt", a."userId"), '[]'::jsonb)
              FROM "TicketAssignee" a JOIN "User" au ON au."id" = a."userId" WHERE a."ticketId" = t."id") AS "assignees",
           (SELECT coalesce(jsonb_agg(to_jsonb(w) || jsonb_build_object('user', ${name("wu")}) ORDER BY w."createdAt", w."userId"), '[]'::jsonb)
              FROM "Watcher" w JOIN "User" wu ON wu."id" = w."userId" WHERE w."ticketId" = t."id") AS "watchers",
           (SELECT coalesce(jsonb_agg(to_jsonb(tt) || jsonb_build_object('tag', to_jsonb(g)) ORDER BY g."name", g."id"), '[]'::jsonb)
              FROM "TicketTag" tt JOIN "Tag" g ON g."id" = tt."tagId" WHERE tt."ticketId" = t."id") AS "tags",
           (SELECT coalesce(jsonb_agg(to_jsonb(i) ORDER BY i."position", i."id"), '[]'::jsonb) FROM "ChangeItem" i WHERE i."ticketId" = t."id") AS "items",
           (SELECT coalesce(jsonb_agg((to_jsonb(c) - 'searchVector') || jsonb_build_object('author', ${personOf(Prisma.sql`c."authorId"`)}, 'revisions', ${revisions}, 'mentions', ${mentions})
                                      ORDER BY c."createdAt", c."id"), '[]'::jsonb)
              FROM "Comment" c WHERE c."ticketId" = t."id" AND ${comments}) AS "comments",
           (SELECT coalesce(jsonb_agg(to_jsonb(h) || jsonb_build_object('actor', ${personOf(Prisma.sql`h."actorId"`)}) ORDER BY h."createdAt", h."id"), '[]'::jsonb)
              FROM "TicketHistory" h WHERE h."ticketId" = t."id" AND ${history}) AS "history",
           (SELECT coalesce(jsonb_agg(jsonb_build_object('id', f."id", 'commentId', f."commentId", 'originalName', f."originalName", 'size', f."size",
                                                         'mimeType', f."mimeType", 'createdAt', f."createdAt", 'uploadedBy', ${personOf(Prisma.sql`f."uploadedById"`)})
                                      ORDER BY f."createdAt", f."id"), '[]'::jsonb)
              FROM "Attachment" f WHERE f."ticketId" = t."id" AND NOT f."pending" AND ${files}) AS "attachments"
      FROM "Ticket" t
     WHERE ${ticketScopeSql(actor)} AND t."number" = ${number} ${own}
     LIMIT 1`;
}

type Json = Record<string, unknown>;
type DetailDocs = {
  ticket: Json; project: Json; requester: Json; approvedBy: Json | null; acceptedBy: Json | null; reviewer: Json | null;
  column: Json | null; asset: Json | null; customer: Json | null;
  assignees: Json[]; watchers: Json[]; tags: (Json & { tag: Json })[]; items: Json[];
  comments: (Json & { revisions: Json[] })[]; history: Json[]; attachments: Json[];
};

/** PostgreSQL writes a timestamp(3) into JSON as "2026-12-01T10:00:00.12" (UTC, no zone): back to the Date Prisma gives. */
function toDate(v: unknown): Date | null {
  return typeof v === "string" ? new Date(`${v}Z`) : null;
}

/** The named keys of `o` as Dates (only those: JSON columns inside stay as they were stored). */
function withDates<T extends Json>(o: T, keys: readonly string[]): T {
  const out: Json = { ...o };
  for (const k of keys) if (k in out) out[k] = toDate(out[k]);
  return out as T;
}

/** The ticket page's data for `number` through the viewer's scope, or null. */
export async function loadTicketDetail(actor: Actor, number: string, f: DetailFilter): Promise<TicketDetailRow | null> {
  const [row] = await sqlRows<DetailDocs>(ticketDetailSql(actor, number, f), { prepared: true });
  if (!row) return null;
  const detail = {
    ...withDates(row.ticket, TICKET_DATES),
    project: row.project,
    requester: row.requester,
    approvedBy: row.approvedBy,
    acceptedBy: row.acceptedBy,
    reviewer: row.reviewer,
    column: row.column,
    asset: row.asset,
    customer: row.customer,
    assignees: row.assignees.map((a) => withDates(a, ["assignedAt"])),
    watchers: row.watchers.map((w) => withDates(w, ["createdAt"])),
    tags: row.tags.map((t) => ({ ...withDates(t, ["createdAt"]), tag: withDates(t.tag, ["createdAt"]) })),
    items: row.items.map((i) => withDates(i, ["fulfilledAt", "createdAt", "updatedAt"])),
    comments: row.comments.map((c) => ({ ...withDates(c, ["editedAt", "createdAt", "updatedAt"]), revisions: c.revisions.map((r) => withDates(r, ["createdAt"])) })),
    history: row.history.map((h) => withDates(h, ["createdAt"])),
    attachments: row.attachments.map((a) => withDates(a, ["createdAt"])),
  };
  return detail as unknown as TicketDetailRow;
}
