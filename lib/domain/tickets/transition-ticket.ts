import "server-only";
import { parseInput } from "@/lib/validation/parse";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { AppError, conflict, invalid, INVALID_FORM } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import type { TicketStatus, WorkflowKind } from "@/lib/generated/prisma/enums";
import { transitionSchema, type TransitionInput } from "@/lib/validation/ticket";
import { applyItemsToAsset, restoreAsset } from "@/lib/domain/changes/apply-to-asset";
import { loadTicketForActor } from "./queries";
import { decideMove, mayMoveCard } from "./policy";
import { recordHistory, type HistoryEntry } from "./history";
import { canTransition, MOVES_NEEDING_REASON, STATUS_LABELS, type MoveName } from "./workflow";
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

  return db.$transaction(async (tx) => {
    const moved = await writeTransition(tx, t, {
      workflow,
      to,
      move,
      actorId: actor.id,
      now,
      reason: input.reason,
      version: t.version,
      columnId,
      columnName,
      rank: input.rank,
    });
    if (!moved) throw conflict();

    if (move === "deploy" && t.asset) {
      const snapshot = await applyItemsToAsset(tx, t.asset, t.items);
      await tx.ticket.update({ where: { id: t.id }, data: { deploySnapshot: snapshot as unknown as Prisma.InputJsonValue } });
    }
    if (move === "roll_back") {
      if (t.asset) await restoreAsset(tx, t.asset, t.deploySnapshot);
      await tx.changeItem.updateMany({ where: { ticketId: t.id }, data: { fulfilled: false, fulfilledAt: null, fulfilledById: null, fulfilledWith: null } });
      await tx.ticket.update({ where: { id: t.id }, data: { deploySnapshot: Prisma.DbNull } });
    }
    await opts.within?.(tx);
    return { id: t.id, status: to, version: t.version + 1, label: STATUS_LABELS[to] };
  });
}

/** A move already decided — by transitionTicket for a person's move, or by the domain for an automatic one. */
export interface DecidedMove {
  workflow: WorkflowKind;
  to: TicketStatus;
  /** The move's name (approve, reject, reopen…); "reply" for the moves a reply makes by itself. */
  move: MoveName | "reply";
  actorId: string;
  now: Date;
  /** Why, for the history: the person's reason, or what made an automatic move. */
  reason?: string | null;
  /** Compare-and-set on this version too (a person's move carries the version they saw). */
  version?: number;
  columnId?: string | null;
  columnName?: string | null;
  rank?: string;
  /** More ticket fields written in the same update (a reply's firstResponseAt). */
  fields?: Prisma.TicketUncheckedUpdateManyInput;
  /** false when the caller tells of the activity itself (a reply notifies as a reply). */
  notify?: boolean;
}

/**
 * The one writer of a ticket's status. In the caller's transaction: checks the
 * workflow has the move, compare-and-sets status (and version when given),
 * bumps the version, stamps the move's timestamps, writes the history row and
 * tells those concerned. Returns false when the ticket changed meanwhile —
 * the caller decides whether that is a conflict or simply no move.
 * Permission is the caller's: transitionTicket decides a person's move;
 * automatic moves (a reply's) are the domain's own rule.
 */
export async function writeTransition(
  tx: Tx,
  t: { id: string; organizationId: string; status: TicketStatus },
  m: DecidedMove,
): Promise<boolean> {
  if (m.to !== t.status && !canTransition(m.workflow, t.status, m.to)) {
    throw new AppError("INVALID_TRANSITION", `A ticket cannot move from ${STATUS_LABELS[t.status]} to ${STATUS_LABELS[m.to]}.`);
  }
  const data: Prisma.TicketUncheckedUpdateManyInput = { ...m.fields, status: m.to, version: { increment: 1 }, updatedAt: m.now };
  if (m.columnId !== undefined) data.columnId = m.columnId;
  if (m.rank) data.rank = m.rank;
  stampTimestamps(data, t.status, m.to, m.move, m.actorId, m.now, m.reason ?? undefined);

  const where = { id: t.id, status: t.status, ...(m.version !== undefined ? { version: m.version } : {}) };
  if ((await tx.ticket.updateMany({ where, data })).count !== 1) return false;

  const entries: HistoryEntry[] = [];
  if (m.move === "approve") entries.push({ action: "approved", comment: m.reason ?? null });
  if (m.move === "reject") entries.push({ action: "rejected", comment: m.reason ?? null });
  entries.push({
    action: "status_change",
    field: m.columnName ? "column" : "status",
    oldValue: t.status,
    newValue: m.columnName ?? m.to,
    comment: m.move === "reject" ? null : (m.reason ?? null),
  });
  await recordHistory(tx, t, m.actorId, entries);
  if (m.notify !== false) await notifyTransition(tx, { ticket: t, actorId: m.actorId, move: m.move, from: t.status, to: m.to, reason: m.reason });
  return true;
}

function stampTimestamps(
  data: Prisma.TicketUncheckedUpdateManyInput,
  from: TicketStatus,
  to: TicketStatus,
  move: string,
  actorId: string,
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
      data.approvedById = actorId;
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
