import "server-only";
import type { Tx } from "@/lib/db";

/**
 * A comment written by the system for an automatic event ("Closed as a
 * duplicate of SUP-12"). Public: requesters see it, so never put internal
 * material in `text`. Call it inside the transaction of the event, which
 * writes the event's own history row; the thread renders system comments
 * small, centred and grey (components/tickets/thread.tsx).
 */
export async function addSystemComment(tx: Tx, ticket: { id: string; organizationId: string }, text: string, opts: { now?: Date } = {}) {
  return tx.comment.create({
    data: { organizationId: ticket.organizationId, ticketId: ticket.id, authorId: null, type: "system", body: text, ...(opts.now ? { createdAt: opts.now } : {}) },
    select: { id: true, type: true, body: true, createdAt: true },
  });
}
