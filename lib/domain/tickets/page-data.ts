import "server-only";
import { notFound } from "next/navigation";
import type { Actor } from "@/lib/auth/actor";
import { isAppError } from "@/lib/errors";
import { ticketNumberSchema } from "@/lib/validation/ticket";
import { safeDecodeURIComponent } from "@/lib/safe-decode";
import { getTicketDetail } from "./queries";
import { db } from "@/lib/db";
import { can } from "@/lib/auth/permissions";
import type { TicketDetail } from "./queries";
import { availableMoves, decideMove, mayMoveCard, type MoveSubject } from "./move-policy";
import { writableFields } from "./update-ticket";
import { nextStatuses, MOVES_NEEDING_REASON, MOVE_LABELS, STATUS_LABELS } from "./workflow";
import { mayRemoveAttachment } from "@/lib/domain/attachments/remove";

/** A ticket number from a URL segment, or null when it cannot be one (a malformed escape included). */
export function ticketNumberFromParam(raw: string): string | null {
  const parsed = ticketNumberSchema.safeParse(safeDecodeURIComponent(raw));
  return parsed.success ? parsed.data : null;
}

/** The page title for a ticket URL: its number, or "Not found" for anything that cannot be one. */
export function ticketPageTitle(raw: string): string {
  return ticketNumberFromParam(raw) ?? "Not found";
}

/** For pages: the ticket or an HTTP 404, decided before anything streams. */
export async function ticketOr404(actor: Actor, rawNumber: string, surface: "desk" | "portal") {
  const number = ticketNumberFromParam(rawNumber);
  if (!number) notFound();
  try {
    return await getTicketDetail(actor, number, surface === "portal" ? { ownOnly: true, requesterView: true } : {});
  } catch (e) {
    if (isAppError(e) && e.code === "NOT_FOUND") notFound();
    throw e;
  }
}

export interface MoveButton {
  to: string;
  label: string;
  needsReason: boolean;
}

/** What the signed-in user may do on this ticket now: the page shows exactly these controls. */
export async function ticketControls(actor: Actor, ticket: TicketDetail) {
  const workflow = ticket.project.workflow;
  const subject: MoveSubject = {
    workflow,
    status: ticket.status,
    requesterId: ticket.requesterId,
    approvedById: ticket.approvedById,
    assigneeIds: ticket.assignees.map((a) => a.userId),
  };
  const moves: MoveButton[] =
    workflow === "kanban"
      ? []
      : availableMoves(actor, subject, nextStatuses(workflow, ticket.status)).map((m) => ({
          to: m.to,
          label: MOVE_LABELS[m.move],
          needsReason: MOVES_NEEDING_REASON.has(m.move),
        }));

  // The approval panel: pending changes, for those who hold approve/reject.
  const approver = workflow === "change" && ticket.status === "pending" && (can(actor, "ticket.approve") || can(actor, "ticket.reject") || can(actor, "ticket.manage"));
  const approve = approver ? decideMove(actor, subject, "approved") : null;
  const reject = approver ? decideMove(actor, subject, "rejected") : null;
  const approval = approver
    ? {
        canApprove: !!approve?.ok,
        canReject: !!reject?.ok,
        explanation: ticket.requesterId === actor.id ? "You requested this change, so another approver must decide on it." : approve && !approve.ok ? approve.message : null,
      }
    : null;

  const kanbanColumns =
    workflow === "kanban" && mayMoveCard(actor, subject)
      ? (await db.kanbanColumn.findMany({ where: { projectId: ticket.project.id }, orderBy: { position: "asc" }, select: { id: true, name: true } })).filter((c) => c.id !== ticket.columnId)
      : [];

  const writable = writableFields(actor, { requesterId: ticket.requesterId, status: ticket.status, workflow });
  const canAssign = can(actor, "ticket.assign") || can(actor, "ticket.manage");
  const isAssignee = ticket.assignees.some((a) => a.userId === actor.id);
  const assets = writable.includes("assetId") ? await db.asset.findMany({ where: { organizationId: actor.organizationId }, orderBy: { tag: "asc" }, select: { id: true, tag: true, name: true } }) : [];
  const itemsEditable =
    workflow === "change" &&
    ((ticket.requesterId === actor.id && can(actor, "ticket.edit_own") && (ticket.status === "draft" || ticket.status === "rejected")) ||
      (canAssign && ["draft", "pending", "rejected"].includes(ticket.status)));

  return {
    moves: approval ? moves.filter((m) => m.to !== "approved" && m.to !== "rejected") : moves,
    approval,
    kanbanColumns,
    writable,
    canAssign,
    assets,
    isAssignee,
    canAccept: isAssignee && ticket.acceptedById !== actor.id,
    canFulfil: workflow === "change" && ticket.status === "in_progress" && (isAssignee || can(actor, "ticket.manage")),
    itemsEditable,
    canDelete: can(actor, "ticket.manage"),
    // Any sent file, not only one's own (lib/domain/attachments/remove.ts).
    canRemoveAnyFile: mayRemoveAttachment(actor, { uploadedById: null }),
    statusLabel: STATUS_LABELS[ticket.status],
  };
}

export type TicketControls = Awaited<ReturnType<typeof ticketControls>>;
