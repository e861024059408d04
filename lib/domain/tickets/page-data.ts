import "server-only";
import { notFound } from "next/navigation";
import type { Actor } from "@/lib/auth/actor";
import { isAppError } from "@/lib/errors";
import { ticketNumberSchema } from "@/lib/validation/ticket";
import { safeDecodeURIComponent } from "@/lib/safe-decode";
import { getTicketDetail } from "./queries";
import { db } from "@/lib/db";
import type { TicketDetail } from "./queries";
import {
  approvalRights, availableMoves, itemsEditDecision, mayAccept, mayAcceptForTeam, mayAssign, mayChangeTeam, mayDeleteTicket, mayFulfilItems, mayMoveCard,
  mayRemoveAttachment, mayTransfer, replyRights, writableFields, type MoveSubject,
} from "./policy";
import { ticketTeam } from "@/lib/domain/teams/membership";
import { teamOptions, type TeamOption } from "@/lib/domain/teams/options";
import { nextStatuses, MOVES_NEEDING_REASON, MOVE_LABELS, STATUS_LABELS } from "./workflow";

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

/** What the signed-in user may do on this ticket now: the page shows exactly these controls, each the policy's answer. */
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
  const approval = approvalRights(actor, subject);

  const kanbanColumns =
    workflow === "kanban" && mayMoveCard(actor, subject)
      ? (await db.kanbanColumn.findMany({ where: { projectId: ticket.project.id }, orderBy: { position: "asc" }, select: { id: true, name: true } })).filter((c) => c.id !== ticket.columnId)
      : [];

  const writable = writableFields(actor, { requesterId: ticket.requesterId, status: ticket.status, workflow });

  // The ticket's team and what this user may do about it (policy.ts mayChangeTeam, mayAcceptForTeam).
  const current = await ticketTeam(db, actor.organizationId, ticket.teamId, actor.id);
  const teamSubject = { teamId: current?.id ?? null, inTeam: !!current?.inTeam, assigneeIds: subject.assigneeIds, approvedById: ticket.approvedById };
  const canChangeTeam = mayChangeTeam(actor, teamSubject);
  const team: TeamControls = {
    current: current ? { id: current.id, name: current.name } : null,
    canChange: canChangeTeam,
    canAccept: mayAcceptForTeam(actor, teamSubject),
    options: canChangeTeam ? await teamOptions(actor.organizationId, [ticket.teamId]) : [],
  };

  return {
    moves: approval ? moves.filter((m) => m.to !== "approved" && m.to !== "rejected") : moves,
    approval,
    kanbanColumns,
    writable,
    canAssign: mayAssign(actor),
    canAccept: mayAccept(actor, { assigneeIds: subject.assigneeIds, acceptedById: ticket.acceptedById }),
    // Assigners edit the assignees directly; an assignee without ticket.assign hands theirs on.
    canTransfer: mayTransfer(actor, subject) && !mayAssign(actor),
    canFulfil: mayFulfilItems(actor, subject),
    itemsEditable: workflow === "change" && itemsEditDecision(actor, subject).ok,
    canDelete: mayDeleteTicket(actor),
    team,
    reply: replyRights(actor),
    // Any sent file, not only one's own.
    canRemoveAnyFile: mayRemoveAttachment(actor, { uploadedById: null }),
    statusLabel: STATUS_LABELS[ticket.status],
  };
}

/** The ticket's team on its page: shown to staff, set or transferred by those the policy lets, accepted by its members. */
export interface TeamControls {
  current: TeamOption | null;
  canChange: boolean;
  canAccept: boolean;
  /** The teams to choose from (only for those who may change it). */
  options: TeamOption[];
}

export type TicketControls = Awaited<ReturnType<typeof ticketControls>>;

/** The portal is the requester's side of their own request: the same answers, without the staff tools. */
export function portalControls(controls: TicketControls): TicketControls {
  return {
    ...controls,
    approval: null,
    canAssign: false,
    canRemoveAnyFile: false,
    canAccept: false,
    canTransfer: false,
    canFulfil: false,
    canDelete: false,
    // How a request is routed is the staff's business.
    team: { current: null, canChange: false, canAccept: false, options: [] },
    kanbanColumns: [],
    reply: { ...controls.reply, internalNote: false },
  };
}
