import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import { rowsOf, utc, type Db, type Tx } from "@/lib/db";
import { ticketCreatedNotices } from "@/lib/domain/notifications/hooks";
import type { NumberingScheme, Priority, TicketStatus, TicketType } from "@/lib/generated/prisma/enums";
import { uuidv7 } from "@/lib/ids";
import { counterScope, numberSql } from "./numbering";
import { requesterCustomerSql } from "@/lib/domain/customers/requester-customer";

/** Everything the creation statement writes, decided and validated beforehand. */
export interface NewTicket {
  organizationId: string;
  project: { id: string; key: string; numbering: NumberingScheme };
  type: TicketType;
  title: string;
  description: string;
  priority: Priority;
  status: TicketStatus;
  columnId: string | null;
  rank: string;
  requesterId: string;
  /** The project's default team (or null). */
  teamId: string | null;
  assetId: string | null;
  slaStartedAt: Date | null;
  submittedAt: Date | null;
  now: Date;
  /** Change items, already validated (ChangeItem columns). */
  items: NewChangeItem[];
  /** More CTEs of the same statement (",\n  name AS (…)"), which may read `ticket`: the new ticket's notifications. */
  also?: Prisma.Sql;
  /** A subtask's parent (in scope, same project: relationships/subtask-parent.ts), linked in the same statement. */
  parent?: { id: string; number: string } | null;
}

export interface NewChangeItem {
  action: string;
  componentType: string;
  componentRef: string | null;
  serial: string | null;
  specifications: unknown;
  quantity: number;
  currentValue: string | null;
  requestedValue: string | null;
  validationStatus: string;
  validationMessage: string | null;
}

export interface InsertedTicket {
  id: string;
  number: string;
  organizationId: string;
  status: TicketStatus;
  projectId: string;
}

/**
 * One statement that creates a ticket: advances the number counter, inserts
 * the ticket with that number (in its project's default team, with the requester's customer), its "created"
 * history row, the requester as a watcher and any change items. A single statement is its own transaction, so
 * they commit together or not at all; the counter row stays locked only for
 * the statement itself (no round trips while other creations wait on it), and
 * a statement that fails gives its number back.
 *
 * Returned as SQL so the benchmark runs the very same text through `pg`.
 */
export function insertTicketSql(t: NewTicket): Prisma.Sql {
  const id = uuidv7(t.now.getTime());
  const items = t.items.length
    ? Prisma.sql`,
  items AS (
    INSERT INTO "ChangeItem" ("id", "organizationId", "ticketId", "position", "action", "componentType", "componentRef", "serial",
                              "specifications", "quantity", "currentValue", "requestedValue", "validationStatus", "validationMessage",
                              "createdAt", "updatedAt")
    SELECT i."id", ticket."organizationId", ticket."id", i."position", i."action"::"ChangeAction", i."componentType", i."componentRef", i."serial",
           i."specifications", i."quantity", i."currentValue", i."requestedValue", i."validationStatus"::"ValidationStatus", i."validationMessage",
           ${utc(t.now)}, ${utc(t.now)}
      FROM ticket
     CROSS JOIN jsonb_to_recordset(${JSON.stringify(t.items.map((item, position) => ({ ...item, id: uuidv7(t.now.getTime()), position })))}::jsonb)
        AS i("id" uuid, "position" int, "action" text, "componentType" text, "componentRef" text, "serial" text, "specifications" jsonb,
             "quantity" int, "currentValue" text, "requestedValue" text, "validationStatus" text, "validationMessage" text)
  )`
    : Prisma.empty;
  return Prisma.sql`
WITH counter AS (
    INSERT INTO "NumberCounter" ("organizationId", "scope", "value")
    VALUES (${t.organizationId}::uuid, ${counterScope(t.project, t.now)}, 1)
    ON CONFLICT ("organizationId", "scope") DO UPDATE SET "value" = "NumberCounter"."value" + 1
    RETURNING "value"
  ),
  ticket AS (
    INSERT INTO "Ticket" ("id", "organizationId", "projectId", "number", "seq", "type", "title", "description", "priority", "status",
                          "columnId", "rank", "requesterId", "teamId", "customerId", "assetId", "createdAt", "updatedAt", "slaStartedAt", "submittedAt")
    SELECT ${id}::uuid, ${t.organizationId}::uuid, ${t.project.id}::uuid, ${numberSql(t.project.numbering, t.project.key, t.now, Prisma.sql`counter."value"`)},
           counter."value", ${t.type}::"TicketType", ${t.title}, ${t.description}, ${t.priority}::"Priority", ${t.status}::"TicketStatus",
           ${t.columnId}::uuid, ${t.rank}, ${t.requesterId}::uuid, ${t.teamId}::uuid, ${requesterCustomerSql(t.requesterId)}, ${t.assetId}::uuid,
           ${utc(t.now)}, ${utc(t.now)}, ${utc(t.slaStartedAt)}, ${utc(t.submittedAt)}
      FROM counter
    RETURNING "id", "number", "organizationId", "status", "projectId"
  ),
  history AS (
    INSERT INTO "TicketHistory" ("id", "organizationId", "ticketId", "actorId", "action", "newValue", "internal", "createdAt")
    SELECT ${uuidv7(t.now.getTime())}::uuid, ticket."organizationId", ticket."id", ${t.requesterId}::uuid, 'created'::"HistoryAction", ticket."status"::text, false, ${utc(t.now)}
      FROM ticket
  ),
  watcher AS (
    INSERT INTO "Watcher" ("ticketId", "userId", "organizationId", "createdAt")
    SELECT ticket."id", ${t.requesterId}::uuid, ticket."organizationId", ${utc(t.now)} FROM ticket
  )${items}${t.parent ? parentLinkSql(t, t.parent) : Prisma.empty}${t.also ?? Prisma.empty}
SELECT "id", "number", "organizationId", "status"::text AS "status", "projectId" FROM ticket`;
}

/**
 * THE way a ticket comes into being, for the app (createTicket) and the data
 * builders (prisma/factories.ts seedTicket) alike: plans the new ticket's
 * notifications from its facts (hooks.ts ticketCreatedNotices), then runs the
 * one creation statement above — number from the counter, ticket with its
 * rank, the "created" history row, the requester as watcher, change items,
 * the parent link and the notifications, together or not at all.
 *
 * `t` is already decided and validated (create-ticket.ts newTicketFor);
 * `client` is the app's `db` (the statement then runs straight on the pool)
 * or another Prisma client or transaction.
 */
export async function insertTicket(client: Tx | Db, t: Omit<NewTicket, "also">): Promise<InsertedTicket> {
  const also = await ticketCreatedNotices(client, {
    organizationId: t.organizationId,
    requesterId: t.requesterId,
    projectId: t.project.id,
    title: t.title,
    status: t.status,
    now: t.now,
  });
  // Prepared: the text takes a few shapes (items, parent, which notices), and
  // planning it (13 foreign keys, 19 indexes) cost ~1 ms of each creation.
  const rows = await rowsOf<InsertedTicket>(client, insertTicketSql({ ...t, also }), { prepared: true });
  return rows[0]!;
}

/**
 * A subtask's parent row (stored as parent → child, lib/domain/relationships/link-types.ts)
 * with history on both tickets, each read from its side, and the parent's
 * activity time. A brand-new ticket has no links, so no link rule can fail here.
 */
function parentLinkSql(t: NewTicket, parent: { id: string; number: string }): Prisma.Sql {
  const ms = t.now.getTime();
  return Prisma.sql`,
  parent_link AS (
    INSERT INTO "Relationship" ("id", "organizationId", "sourceId", "targetId", "type", "createdById", "createdAt")
    SELECT ${uuidv7(ms)}::uuid, ticket."organizationId", ${parent.id}::uuid, ticket."id", 'parent'::"RelationshipType", ${t.requesterId}::uuid, ${utc(t.now)}
      FROM ticket
  ),
  parent_history AS (
    INSERT INTO "TicketHistory" ("id", "organizationId", "ticketId", "actorId", "action", "field", "newValue", "internal", "createdAt")
    SELECT ${uuidv7(ms)}::uuid, ticket."organizationId", ${parent.id}::uuid, ${t.requesterId}::uuid, 'relationship_created'::"HistoryAction", 'parent_of', ticket."number", false, ${utc(t.now)}
      FROM ticket
    UNION ALL
    SELECT ${uuidv7(ms)}::uuid, ticket."organizationId", ticket."id", ${t.requesterId}::uuid, 'relationship_created'::"HistoryAction", 'child_of', ${parent.number}, false, ${utc(t.now)}
      FROM ticket
  ),
  parent_touched AS (
    UPDATE "Ticket" SET "updatedAt" = ${utc(t.now)} WHERE "id" = ${parent.id}::uuid
  )`;
}
