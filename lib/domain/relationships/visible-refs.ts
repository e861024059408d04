import "server-only";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import type { HistoryAction, CommentType } from "@/lib/generated/prisma/enums";
import { ticketScope } from "@/lib/domain/tickets/policy";

// Other tickets named on a ticket's page — "Closed as a duplicate of SUP-3" in
// a system comment, "linked SUP-7" in the history — are named only to viewers
// who may see them. System comments store a reference ({{ticket:<id>}}) and
// history rows the number; both are resolved here, per viewer, before the page
// data leaves the server.

const REF = /\{\{ticket:([0-9a-f-]{36})\}\}/gi;
export const HIDDEN_TICKET = "another ticket";

export function ticketRef(id: string): string {
  return `{{ticket:${id}}}`;
}

/** The ids a body refers to. */
export function referencedIds(body: string): string[] {
  return [...body.matchAll(REF)].map((m) => m[1]!.toLowerCase());
}

/** The body with each reference replaced by the ticket's number, or "another ticket" when not in `visible`. */
export function resolveRefs(body: string, visible: ReadonlyMap<string, string>): string {
  return body.replace(REF, (_, id: string) => visible.get(id.toLowerCase()) ?? HIDDEN_TICKET);
}

const LINK_ACTIONS: ReadonlySet<HistoryAction> = new Set(["relationship_created", "relationship_deleted"]);

interface WithRefs {
  comments: { type: CommentType; body: string }[];
  history: { action: HistoryAction; oldValue: string | null; newValue: string | null }[];
}

/**
 * The ticket's system comments and relationship history as this viewer may
 * read them. `ownOnly`: the portal, where a viewer sees only tickets they requested.
 */
export async function withVisibleReferences<T extends WithRefs>(actor: Actor, ticket: T, opts: { ownOnly?: boolean } = {}): Promise<T> {
  const ids = new Set(ticket.comments.filter((c) => c.type === "system").flatMap((c) => referencedIds(c.body)));
  const numbers = new Set(ticket.history.filter((h) => LINK_ACTIONS.has(h.action)).flatMap((h) => [h.oldValue, h.newValue].filter((v): v is string => !!v)));
  if (ids.size === 0 && numbers.size === 0) return ticket;

  const rows = await db.ticket.findMany({
    where: { ...ticketScope(actor), ...(opts.ownOnly ? { requesterId: actor.id } : {}), OR: [{ id: { in: [...ids] } }, { number: { in: [...numbers] } }] },
    select: { id: true, number: true },
  });
  const byId = new Map(rows.map((r) => [r.id.toLowerCase(), r.number]));
  const seen = new Set(rows.map((r) => r.number));
  const shown = (v: string | null) => (v && seen.has(v) ? v : null);

  return {
    ...ticket,
    comments: ticket.comments.map((c) => (c.type === "system" && referencedIds(c.body).length ? { ...c, body: resolveRefs(c.body, byId) } : c)),
    history: ticket.history.map((h) => (LINK_ACTIONS.has(h.action) ? { ...h, oldValue: shown(h.oldValue), newValue: shown(h.newValue) } : h)),
  };
}
