import "server-only";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { parseInput } from "@/lib/validation/parse";
import { watchSchema, type WatchInput } from "@/lib/validation/notifications";
import { loadTicketForActor } from "@/lib/domain/tickets/queries";
import { recordHistory } from "@/lib/domain/tickets/history";

// Watching a ticket: anyone who can see it may follow it (watcher_update
// notifications). The requester follows their own request from the start
// (createTicket) and staff who comment start following (notifyComment).

/** Starts or stops watching a ticket in the actor's scope; a no-op writes nothing. */
export async function setWatching(actor: Actor, raw: WatchInput) {
  const input = parseInput(watchSchema, raw);
  const t = await loadTicketForActor(actor, input.ticketId, { id: true, organizationId: true });
  return db.$transaction(async (tx) => {
    const changed = input.watch
      ? (await tx.watcher.createMany({ data: [{ ticketId: t.id, userId: actor.id, organizationId: t.organizationId }], skipDuplicates: true })).count
      : (await tx.watcher.deleteMany({ where: { ticketId: t.id, userId: actor.id } })).count;
    // Who follows a ticket is staff bookkeeping: the row is kept from the requester's view.
    if (changed) await recordHistory(tx, t, actor.id, [{ action: input.watch ? "watcher_added" : "watcher_removed", internal: true }]);
    return { watching: input.watch };
  });
}

export async function isWatching(actor: Actor, ticketId: string): Promise<boolean> {
  const row = await db.watcher.findUnique({ where: { ticketId_userId: { ticketId, userId: actor.id } }, select: { userId: true } });
  return !!row;
}
