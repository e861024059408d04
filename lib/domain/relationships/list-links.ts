import "server-only";
import { sqlRows } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/auth/actor";
import type { RelationshipType, TicketStatus } from "@/lib/generated/prisma/enums";
import { mayAddSubtask, mayLink, ticketScopeSql } from "@/lib/domain/tickets/policy";
import { assertTicketInScope } from "@/lib/domain/tickets/queries";
import { isTerminal } from "@/lib/domain/tickets/workflow";
import { LINK_SIDES, SIDE_LABELS, sideOf, subtaskProgress, type LinkSide } from "./link-types";

export interface LinkView {
  id: string;
  side: LinkSide;
  label: string;
  ticket: { id: string; number: string; title: string; status: TicketStatus; done: boolean };
}

/**
 * A ticket's links, both directions, each labelled from this ticket's side.
 * A linked ticket the viewer may not see is never listed: the other end is
 * filtered by the viewer's scope (and, on the portal, by being their own).
 */
export async function ticketLinks(actor: Actor, ticketId: string, opts: { ownOnly?: boolean } = {}): Promise<LinkView[]> {
  await assertTicketInScope(actor, ticketId);
  // Hand-written (the ticket page reads it on every view): Prisma's relation
  // filters on both ends cost ~12 ms a call to compile. The other end is `t`,
  // so the viewer's scope applies to it as everywhere.
  const own = opts.ownOnly ? Prisma.sql`AND t."requesterId" = ${actor.id}::uuid` : Prisma.empty;
  const rows = await sqlRows<{ id: string; sourceId: string; type: RelationshipType; otherId: string; number: string; title: string; status: TicketStatus; seq: number }>(
    Prisma.sql`
      SELECT r."id"::text, r."sourceId"::text, r."type"::text AS "type", t."id"::text AS "otherId", t."number", t."title", t."status"::text AS "status", t."seq"
        FROM "Relationship" r
        JOIN "Ticket" t ON t."id" = CASE WHEN r."sourceId" = ${ticketId}::uuid THEN r."targetId" ELSE r."sourceId" END
       WHERE r."organizationId" = ${actor.organizationId}::uuid AND (r."sourceId" = ${ticketId}::uuid OR r."targetId" = ${ticketId}::uuid)
         AND ${ticketScopeSql(actor)} ${own}`,
    { prepared: true },
  );
  const order = (s: LinkSide) => LINK_SIDES.indexOf(s);
  return rows
    .map((r) => {
      const side = sideOf(r, ticketId);
      return { id: r.id, side, label: SIDE_LABELS[side], ticket: { id: r.otherId, number: r.number, title: r.title, status: r.status, done: isTerminal(r.status) }, seq: r.seq };
    })
    .sort((a, b) => order(a.side) - order(b.side) || a.seq - b.seq || a.ticket.number.localeCompare(b.ticket.number))
    .map(({ seq: _seq, ...view }) => view);
}

/** Everything the ticket page's Links and Subtasks sections show, and what this viewer may do there. */
export async function ticketRelationships(actor: Actor, ticketId: string, opts: { ownOnly?: boolean } = {}) {
  const links = await ticketLinks(actor, ticketId, opts);
  const subtasks = links.filter((l) => l.side === "parent_of");
  const canLink = !opts.ownOnly && mayLink(actor);
  return {
    links,
    subtasks,
    progress: subtaskProgress(subtasks),
    canLink,
    canAddSubtask: !opts.ownOnly && mayAddSubtask(actor),
  };
}

export type TicketRelationships = Awaited<ReturnType<typeof ticketRelationships>>;
