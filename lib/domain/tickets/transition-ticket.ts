import { parseInput } from "@/lib/validation/parse";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { AppError, conflict, invalid, INVALID_FORM } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import type { TicketStatus } from "@/lib/generated/prisma/enums";
import { transitionSchema, type TransitionInput } from "@/lib/validation/ticket";
import { applyItemsToAsset, restoreAsset } from "@/lib/domain/changes/apply-to-asset";
import { loadTicketForActor } from "./queries";
import { decideMove, mayMoveCard } from "./move-policy";
import { recordHistory, type HistoryEntry } from "./history";
import { MOVES_NEEDING_REASON, STATUS_LABELS } from "./workflow";
import { notifyTransition } from "@/lib/domain/notifications/hooks";
import type { Tx } from "@/lib/db";
import { assertNoOpenChildren } from "@/lib/domain/relationships/open-children";

const SELECT = {
  id: true,
  organizationId: true,
  status: true,
  version: true,
  requesterId: true,
  approvedById: true,
  columnId: true,
  assetId: true,
  deploySnapshot: true,
  firstResponseAt: true,
  project: { select: { id: true, workflow: true } },
  assignees: { select: { userId: true } },
  asset: { select: { id: true, organizationId: true, name: true } },
  items: { orderBy: { position: "asc" } },
} as const satisfies Prisma.TicketSelect;

/**
 * The one way a ticket changes state — ticket page buttons, board drops, bulk
 * actions and the API all come here. Loads through the actor's scope, checks
 * the move exists and who may make it, then compare-and-sets status and
 * version, stamps the move's timestamps and writes history in one transaction.
 */
export async function transitionTicket(
  actor: Actor,
  raw: TransitionInput,
  // `within`: more writes that belong to this move (a duplicate's link and system comment), in its transaction.
  opts: { now?: Date; within?: (tx: Tx) => Promise<void> } = {},
) {
  const input = parseInput(transitionSchema, raw);
  const now = opts.now ?? new Date();

  const t = await loadTicketForActor(actor, input.ticketId, SELECT);
  const workflow = t.project.workflow;

  let to = input.to as TicketStatus | undefined;
  let columnId: string | null = t.columnId;
  let columnName: string | null = null;
  if (workflow === "kanban") {
    const column = input.columnId
      ? await db.kanbanColumn.findFirst({ where: { id: input.columnId, projectId: t.project.id }, select: { id: true, name: true, category: true } })
      : null;
    if (!column) throw invalid(INVALID_FORM, { columnId: ["Choose a column of this board"] });
    if (column.id === t.columnId) throw new AppError("INVALID_TRANSITION", `The card is already in ${column.name}.`);
    to = column.category;
    columnId = column.id;
    columnName = column.name;
  }
  if (!to) throw invalid(INVALID_FORM, { to: ["Choose where to move the ticket"] });

  const subject = { workflow, status: t.status, requesterId: t.requesterId, approvedById: t.approvedById, assigneeIds: t.assignees.map((a) => a.userId) };
  // Kanban moves within the same category (e.g. two "in progress" columns) are column changes.
  const sameCategory = workflow === "kanban" && to === t.status;
  const decision = sameCategory
    ? mayMoveCard(actor, subject)
      ? ({ ok: true, move: "move" } as const)
      : ({ ok: false, code: "FORBIDDEN", message: "You do not have permission to move this card." } as const)
    : decideMove(actor, subject, to);
  if (!decision.ok) throw new AppError(decision.code, decision.message);
  const move = decision.move;

  if (MOVES_NEEDING_REASON.has(move) && !input.reason) {
    throw invalid(INVALID_FORM, { reason: [move === "reject" ? "Say why the change is rejected." : "Say why the change is rolled back."] });
  }
  if (input.version !== t.version) throw conflict();

  // Preconditions that depend on the ticket's contents.
  if (move === "submit" || move === "resubmit") {
    if (t.items.length === 0) throw new AppError("VALIDATION", "Add at least one item before submitting.", { items: ["Add at least one item"] });
    const bad = t.items.filter((i) => i.validationStatus === "invalid");
    if (bad.length) {
      throw new AppError("VALIDATION", "Some items are invalid.", { items: bad.map((i) => `Item ${i.position + 1}: ${i.validationMessage ?? "invalid"}`) });
    }
  }
  if (move === "start" && workflow === "change" && t.assignees.length === 0) {
    throw new AppError("VALIDATION", "Assign the change to someone before starting it.", { assignees: ["Assign someone first"] });
  }
  if (move === "deploy") {
    const open = t.items.filter((i) => !i.fulfilled);
    if (open.length) throw new AppError("VALIDATION", `Fulfil every item before deploying (${open.length} left).`, { items: open.map((i) => `Item ${i.position + 1} is not fulfilled`) });
  }
  if (to !== t.status) await assertNoOpenChildren(actor, t.id, to, input.confirmOpenChildren);

  const data: Prisma.TicketUncheckedUpdateManyInput = { status: to, version: { increment: 1 }, updatedAt: now, columnId };
  if (input.rank) data.rank = input.rank;
  stampTimestamps(data, t.status, to, move, actor, now, input.reason);

  return db.$transaction(async (tx) => {
    const res = await tx.ticket.updateMany({ where: { id: t.id, status: t.status, version: t.version }, data });
    if (res.count !== 1) throw conflict();

    const entries: HistoryEntry[] = [];
    if (move === "approve") entries.push({ action: "approved", comment: input.reason ?? null });
    if (move === "reject") entries.push({ action: "rejected", comment: input.reason ?? null });
    entries.push({
      action: "status_change",
      field: columnName ? "column" : "status",
      oldValue: t.status,
      newValue: columnName ?? to,
      comment: move === "reject" ? null : (input.reason ?? null),
    });

    if (move === "deploy" && t.asset) {
      const snapshot = await applyItemsToAsset(tx, t.asset, t.items);
      await tx.ticket.update({ where: { id: t.id }, data: { deploySnapshot: snapshot as unknown as Prisma.InputJsonValue } });
    }
    if (move === "roll_back") {
      if (t.asset) await restoreAsset(tx, t.asset, t.deploySnapshot);
      await tx.changeItem.updateMany({ where: { ticketId: t.id }, data: { fulfilled: false, fulfilledAt: null, fulfilledById: null, fulfilledWith: null } });
      await tx.ticket.update({ where: { id: t.id }, data: { deploySnapshot: Prisma.DbNull } });
    }
    await recordHistory(tx, t, actor.id, entries);
    await notifyTransition(tx, { ticket: t, actorId: actor.id, move, from: t.status, to, reason: input.reason });
    await opts.within?.(tx);
    return { id: t.id, status: to, version: t.version + 1, label: STATUS_LABELS[to] };
  });
}

function stampTimestamps(
  data: Prisma.TicketUncheckedUpdateManyInput,
  from: TicketStatus,
  to: TicketStatus,
  move: string,
  actor: Actor,
  now: Date,
  reason: string | undefined,
) {
  switch (move) {
    case "submit":
    case "resubmit":
      data.submittedAt = now;
      data.slaStartedAt = now;
      if (move === "resubmit") {
        data.rejectedAt = null;
        data.rejectReason = null;
      }
      break;
    case "approve":
      data.approvedAt = now;
      data.approvedById = actor.id;
      break;
    case "reject":
      data.rejectedAt = now;
      data.rejectReason = reason ?? null;
      break;
    case "deploy":
      data.deployedAt = now;
      break;
    case "roll_back":
      data.deployedAt = null;
      break;
    case "complete":
      data.completedAt = now;
      break;
    case "cancel":
      data.cancelledAt = now;
      break;
    case "reopen":
      data.resolvedAt = null;
      data.closedAt = null;
      break;
  }
  if (to === "resolved" || to === "done") data.resolvedAt = now;
  if (to === "closed") {
    data.closedAt = now;
    if (from !== "resolved") data.resolvedAt ??= now;
  }
  if (from === "done" && to !== "done") data.resolvedAt = null;
}
