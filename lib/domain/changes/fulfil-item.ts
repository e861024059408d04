import "server-only";
import { parseInput } from "@/lib/validation/parse";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { AppError, conflict, forbidden } from "@/lib/errors";
import { fulfilItemSchema, type FulfilItemInput } from "@/lib/validation/ticket";
import { loadTicketForActor } from "@/lib/domain/tickets/queries";
import { mayFulfilItems } from "@/lib/domain/tickets/policy";
import { recordHistory } from "@/lib/domain/tickets/history";
import { summarizeItem } from "./validate-items";

/** While a change is in progress its assignee fulfils items one by one. */
export async function fulfilItem(actor: Actor, raw: FulfilItemInput, opts: { now?: Date } = {}) {
  const input = parseInput(fulfilItemSchema, raw);
  const now = opts.now ?? new Date();
  const t = await loadTicketForActor(actor, input.ticketId, {
    id: true, organizationId: true, version: true, status: true,
    project: { select: { workflow: true } },
    assignees: { select: { userId: true } },
    items: { where: { id: input.itemId } },
  });
  const item = t.items[0];
  if (!item) throw new AppError("NOT_FOUND", "Item not found");
  if (t.status !== "in_progress") throw new AppError("INVALID_TRANSITION", "Items are fulfilled while the change is in progress.");
  if (!mayFulfilItems(actor, { workflow: t.project.workflow, status: t.status, assigneeIds: t.assignees.map((a) => a.userId) })) throw forbidden("Only an assignee can fulfil items.");
  if (item.fulfilled) throw new AppError("CONFLICT", "This item is already fulfilled.");
  if (input.version !== t.version) throw conflict();

  return db.$transaction(async (tx) => {
    const res = await tx.ticket.updateMany({ where: { id: t.id, version: t.version }, data: { version: { increment: 1 }, updatedAt: now } });
    if (res.count !== 1) throw conflict();
    await tx.changeItem.update({
      where: { id: item.id },
      data: { fulfilled: true, fulfilledAt: now, fulfilledById: actor.id, fulfilledWith: input.fulfilledWith || null, fulfilmentNotes: input.notes || null },
    });
    await recordHistory(tx, t, actor.id, [{ action: "item_fulfilled", newValue: summarizeItem(item), comment: input.notes || null }]);
    return { id: t.id, version: t.version + 1 };
  });
}
