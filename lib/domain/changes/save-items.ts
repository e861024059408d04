import "server-only";
import { parseInput } from "@/lib/validation/parse";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { conflict, forbidden, invalid } from "@/lib/errors";
import { saveItemsSchema, type SaveItemsInput } from "@/lib/validation/ticket";
import { loadTicketForActor } from "@/lib/domain/tickets/queries";
import { itemsEditDecision } from "@/lib/domain/tickets/policy";
import { recordHistory, type HistoryEntry } from "@/lib/domain/tickets/history";
import { loadAsset, itemData } from "./items";
import { summarizeItem, validateItems } from "./validate-items";

/**
 * Replaces a change's item list with the editor's (validated against the
 * target asset). The requester edits their own draft or rejected change;
 * assigners and managers may also correct a pending one.
 */
export async function saveItems(actor: Actor, raw: SaveItemsInput, opts: { now?: Date } = {}) {
  const input = parseInput(saveItemsSchema, raw);
  const now = opts.now ?? new Date();
  const t = await loadTicketForActor(actor, input.ticketId, {
    id: true, organizationId: true, version: true, status: true, requesterId: true, assetId: true,
    project: { select: { workflow: true } },
    items: { orderBy: { position: "asc" } },
  });
  if (t.project.workflow !== "change") throw invalid("Only change requests have items.");
  const may = itemsEditDecision(actor, { workflow: t.project.workflow, status: t.status, requesterId: t.requesterId });
  if (!may.ok) throw forbidden(may.message);
  if (input.version !== t.version) throw conflict();

  const asset = t.assetId ? await loadAsset(t.organizationId, t.assetId) : null;
  const results = validateItems(input.items, asset);
  const before = t.items.map((i) => summarizeItem(i));
  const after = input.items.map((i) => summarizeItem(i));
  const entries: HistoryEntry[] = [
    ...before.filter((s) => !after.includes(s)).map((s): HistoryEntry => ({ action: "item_removed", oldValue: s })),
    ...after.filter((s) => !before.includes(s)).map((s): HistoryEntry => ({ action: "item_added", newValue: s })),
  ];

  return db.$transaction(async (tx) => {
    const res = await tx.ticket.updateMany({ where: { id: t.id, version: t.version }, data: { version: { increment: 1 }, updatedAt: now } });
    if (res.count !== 1) throw conflict();
    await tx.changeItem.deleteMany({ where: { ticketId: t.id } });
    if (input.items.length) {
      await tx.changeItem.createMany({
        data: input.items.map((item, i) => ({ ...itemData(item, results[i]), position: i, organizationId: t.organizationId, ticketId: t.id })),
      });
    }
    await recordHistory(tx, t, actor.id, entries.length ? entries : [{ action: "item_updated", newValue: `${input.items.length} items` }]);
    return { id: t.id, version: t.version + 1, validations: results };
  });
}
