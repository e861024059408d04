import "server-only";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import type { TicketStatus } from "@/lib/generated/prisma/enums";
import { mayAddSubtask, mayLink, ticketScope } from "@/lib/domain/tickets/policy";
import { loadTicketForActor } from "@/lib/domain/tickets/queries";
import { isTerminal } from "@/lib/domain/tickets/workflow";
import { LINK_SIDES, SIDE_LABELS, sideOf, subtaskProgress, type LinkSide } from "./link-types";

export interface LinkView {
  id: string;
  side: LinkSide;
  label: string;
  ticket: { id: string; number: string; title: string; status: TicketStatus; done: boolean };
}

const OTHER = { id: true, number: true, title: true, status: true, seq: true } as const;

/**
 * A ticket's links, both directions, each labelled from this ticket's side.
 * A linked ticket the viewer may not see is never listed: the other end is
 * filtered by the viewer's scope (and, on the portal, by being their own).
 */
export async function ticketLinks(actor: Actor, ticketId: string, opts: { ownOnly?: boolean } = {}): Promise<LinkView[]> {
  await loadTicketForActor(actor, ticketId, { id: true });
  const visible = { ...ticketScope(actor), ...(opts.ownOnly ? { requesterId: actor.id } : {}) };
  const rows = await db.relationship.findMany({
    where: { organizationId: actor.organizationId, OR: [{ sourceId: ticketId, target: { is: visible } }, { targetId: ticketId, source: { is: visible } }] },
    select: { id: true, sourceId: true, type: true, source: { select: OTHER }, target: { select: OTHER } },
  });
  const order = (s: LinkSide) => LINK_SIDES.indexOf(s);
  return rows
    .map((r) => {
      const side = sideOf(r, ticketId);
      const other = r.sourceId === ticketId ? r.target : r.source;
      return { id: r.id, side, label: SIDE_LABELS[side], ticket: { id: other.id, number: other.number, title: other.title, status: other.status, done: isTerminal(other.status) }, seq: other.seq };
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
