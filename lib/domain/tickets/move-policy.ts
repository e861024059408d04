import type { Actor } from "@/lib/auth/actor";
import { can, isStaff } from "@/lib/auth/permissions";
import type { TicketStatus, WorkflowKind } from "@/lib/generated/prisma/enums";
import { canTransition, isReplyOnlyMove, moveName, type MoveName } from "./workflow";

/** What the move rules need to know about a ticket. */
export interface MoveSubject {
  workflow: WorkflowKind;
  status: TicketStatus;
  requesterId: string;
  approvedById: string | null;
  assigneeIds: readonly string[];
}

export type MoveDecision = { ok: true; move: MoveName } | { ok: false; code: "INVALID_TRANSITION" | "FORBIDDEN"; message: string };

const deny = (message: string): MoveDecision => ({ ok: false, code: "FORBIDDEN", message });

/**
 * Who may make which move (issue 3's matrix). The workflow map says whether
 * the move exists; this says whether this actor may make it now. ticket.manage
 * overrides the permission checks, never separation of duties.
 */
export function decideMove(actor: Actor, t: MoveSubject, to: TicketStatus): MoveDecision {
  if (!canTransition(t.workflow, t.status, to) || isReplyOnlyMove(t.workflow, to)) {
    return { ok: false, code: "INVALID_TRANSITION", message: `A ticket cannot move from ${t.status} to ${to}.` };
  }
  const move = moveName(t.workflow, t.status, to);
  const own = t.requesterId === actor.id;
  const assigned = t.assigneeIds.includes(actor.id);
  const manage = can(actor, "ticket.manage");

  // Separation of duties first: no permission overrides it.
  if ((move === "approve" || move === "reject") && own) return deny("You requested this change, so someone else must approve or reject it.");
  if (move === "approve" && assigned && t.assigneeIds.length === 1) {
    return deny("You are this change's only assignee, and its approver cannot be. Add another assignee or ask another approver.");
  }
  if (move === "deploy" && t.approvedById === actor.id) return deny("You approved this change, so someone else must deploy it.");

  const allowed = ((): boolean => {
    if (manage) return true;
    switch (t.workflow) {
      case "change":
        switch (move) {
          case "submit":
          case "resubmit":
            return own && can(actor, "ticket.edit_own");
          case "approve":
            return can(actor, "ticket.approve");
          case "reject":
            return can(actor, "ticket.reject");
          case "start":
            return can(actor, "ticket.assign") || assigned;
          case "deploy":
            return can(actor, "ticket.deploy") && assigned;
          case "complete":
            return can(actor, "ticket.complete");
          case "roll_back":
            return can(actor, "ticket.deploy") && (assigned || can(actor, "ticket.assign"));
          case "cancel":
            return can(actor, "ticket.cancel") || (own && (t.status === "draft" || t.status === "pending"));
          default:
            return false;
        }
      case "support":
        if (isStaff(actor)) return true;
        // Requesters: close their own resolved ticket, reopen their own resolved or closed one.
        return own && ((move === "close" && t.status === "resolved") || (move === "reopen" && (t.status === "resolved" || t.status === "closed")));
      case "kanban":
        return mayMoveCard(actor, t);
    }
  })();
  if (!allowed) return deny(denyMessage(move));
  return { ok: true, move };
}

/** Kanban: staff with the card in scope and ticket.assign, or one of its assignees. */
export function mayMoveCard(actor: Actor, t: Pick<MoveSubject, "assigneeIds">): boolean {
  return can(actor, "ticket.manage") || (isStaff(actor) && (can(actor, "ticket.assign") || t.assigneeIds.includes(actor.id)));
}

function denyMessage(move: MoveName): string {
  switch (move) {
    case "approve":
      return "Only approvers can approve change requests.";
    case "reject":
      return "Only approvers can reject change requests.";
    case "deploy":
      return "Only an assigned technician can deploy this change.";
    case "submit":
    case "resubmit":
      return "Only the requester can submit this request.";
    default:
      return "You do not have permission to make this move.";
  }
}

/** The moves this actor may make on this ticket now (the buttons to show). */
export function availableMoves(actor: Actor, t: MoveSubject, targets: readonly TicketStatus[]): { to: TicketStatus; move: MoveName }[] {
  const out: { to: TicketStatus; move: MoveName }[] = [];
  for (const to of targets) {
    const d = decideMove(actor, t, to);
    if (d.ok) out.push({ to, move: d.move });
  }
  return out;
}
