import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/auth/actor";
import { can, canAny, isStaff, seesAllProjects, type Permission } from "@/lib/auth/permissions";
import type { TicketStatus, WorkflowKind } from "@/lib/generated/prisma/enums";
import { canTransition, isReplyOnlyMove, moveName, STATUS_LABELS, type MoveName } from "./workflow";

/*
 * Who may do what with a ticket: one exported function per question, and every
 * caller (pages, desk counts, board, bulk, notifications, the API) asks it.
 *
 *   may see                      ticketScope / ticketScopeSql / ticketVisibleTo
 *   may reply / internal note    replyRights, mayComment
 *   may edit this field          writableFields
 *   may move, approve, reject    decideMove, availableMoves, mayMoveCard (kanban), approvalRights
 *   may assign, transfer, accept mayAssign, mayTransfer, mayAccept
 *   may set / transfer its team  mayChangeTeam; accept for the team  mayAcceptForTeam
 *   may edit items, fulfil       itemsEditDecision, mayFulfilItems
 *   may link, add a subtask      mayLink, mayAddSubtask
 *   may remove a file            mayRemoveAttachment
 *   may delete, purge            mayDeleteTicket, mayPurgeTicket
 *   may create                   mayCreateTicket, projectScope
 *   who is told of approval      APPROVER_PERMISSIONS (SQL pre-selection) + decideMove (lib/domain/notifications/notify.ts)
 *   desk boxes                   awaitingApprovalSql, readyToAssignSql (lib/domain/desk/desk-query.ts)
 *   may hold / manage API tokens mayHoldApiTokens, mayManageOrganizationTokens (lib/domain/api-tokens/tokens.ts);
 *                                a token's writes: its scope (lib/api/v1/operation.ts), then the rules above
 *
 * ticket.manage overrides permission checks, never separation of duties.
 */

/**
 * What an actor's permissions grant, as data: the whole organization, the
 * tickets of some projects, the tickets assigned to them, the tickets they
 * requested. ticketScope() and ticketScopeSql() both render it, so the rules
 * live in one place. No grant means nothing (fail closed).
 */
export interface ScopeGrants {
  organizationId: string;
  wholeOrganization: boolean;
  projectIds: readonly string[];
  assignedTo: string | null;
  requestedBy: string | null;
}

export function scopeGrants(actor: Actor): ScopeGrants {
  const all = can(actor, "ticket.view_all");
  return {
    organizationId: actor.organizationId,
    wholeOrganization: all && seesAllProjects(actor),
    projectIds: all ? actor.projectIds : [],
    assignedTo: can(actor, "ticket.view_assigned") ? actor.id : null,
    requestedBy: can(actor, "ticket.view_own") ? actor.id : null,
  };
}

/**
 * The Prisma where-clause of the tickets an actor may see: always inside their
 * organization and never soft-deleted, then the union of what their
 * permissions grant.
 */
export function ticketScope(actor: Actor, opts: { includeDeleted?: boolean } = {}): Prisma.TicketWhereInput {
  const g = scopeGrants(actor);
  const base: Prisma.TicketWhereInput = { organizationId: g.organizationId };
  if (!opts.includeDeleted) base.deletedAt = null;
  if (g.wholeOrganization) return base;

  const grants: Prisma.TicketWhereInput[] = [];
  if (g.projectIds.length > 0) grants.push({ projectId: { in: [...g.projectIds] } });
  if (g.assignedTo) grants.push({ assignees: { some: { userId: g.assignedTo } } });
  if (g.requestedBy) grants.push({ requesterId: g.requestedBy });

  if (grants.length === 0) return { ...base, id: { in: [] } };
  return { ...base, OR: grants };
}

/** The same scope as SQL over `"Ticket" t`, for the desk's hand-written queries. */
export function ticketScopeSql(actor: Actor): Prisma.Sql {
  const g = scopeGrants(actor);
  const base = Prisma.sql`t."organizationId" = ${g.organizationId}::uuid AND t."deletedAt" IS NULL`;
  if (g.wholeOrganization) return base;
  const grants: Prisma.Sql[] = [];
  if (g.projectIds.length > 0) grants.push(Prisma.sql`t."projectId" = ANY(${[...g.projectIds]}::uuid[])`);
  if (g.assignedTo) grants.push(Prisma.sql`EXISTS (SELECT 1 FROM "TicketAssignee" sa WHERE sa."ticketId" = t.id AND sa."userId" = ${g.assignedTo}::uuid)`);
  if (g.requestedBy) grants.push(Prisma.sql`t."requesterId" = ${g.requestedBy}::uuid`);
  if (grants.length === 0) return Prisma.sql`${base} AND FALSE`;
  return Prisma.sql`${base} AND (${Prisma.join(grants, " OR ")})`;
}

export interface ScopeFacts {
  organizationId: string;
  projectId: string;
  requesterId: string;
  assigneeIds: readonly string[];
  deleted: boolean;
}

/**
 * ticketScope as a test on one ticket's facts, from the same grants: notify()
 * decides for every recipient without a query per person
 * (scope.integration.test.ts holds it to ticketScope on every demo user and ticket).
 */
export function ticketVisibleTo(actor: Actor, t: ScopeFacts): boolean {
  const g = scopeGrants(actor);
  if (t.organizationId !== g.organizationId || t.deleted) return false;
  if (g.wholeOrganization) return true;
  if (g.projectIds.includes(t.projectId)) return true;
  if (g.assignedTo && t.assigneeIds.includes(g.assignedTo)) return true;
  return !!g.requestedBy && t.requesterId === g.requestedBy;
}

/** Internal notes and internal attachments are for staff with view_internal only. */
export function canSeeInternal(actor: Actor): boolean {
  return can(actor, "ticket.view_internal");
}

// ── Replies and notes ──────────────────────────────────────────────────────

/**
 * What the actor may write in a ticket's thread (they can see the ticket): a
 * public reply needs ticket.comment; an internal note ticket.view_internal.
 */
export function replyRights(actor: Actor): { publicReply: boolean; internalNote: boolean } {
  return { publicReply: can(actor, "ticket.comment"), internalNote: canSeeInternal(actor) };
}

/** May write this kind of comment (a reply, an edit of one's own, a file with it). */
export function mayComment(actor: Actor, internal: boolean): boolean {
  const r = replyRights(actor);
  return internal ? r.internalNote : r.publicReply;
}

/** May write anything at all in the thread (a file may go with either kind). */
export function mayWriteInThread(actor: Actor): boolean {
  const r = replyRights(actor);
  return r.publicReply || r.internalNote;
}

/** A public reply by staff other than the requester: the first response, and open → answered. */
export function isStaffResponse(actor: Actor, t: { requesterId: string }, internal: boolean): boolean {
  return !internal && isStaff(actor) && actor.id !== t.requesterId;
}

/** Staff mark a reply as the solution. */
export function mayMarkSolution(actor: Actor): boolean {
  return isStaff(actor);
}

// ── Fields ─────────────────────────────────────────────────────────────────

const STAFF_FIELDS = [
  "title", "description", "priority", "type", "dueDate", "startDate", "urgency", "importance",
  "scheduledAt", "estimatedMinutes", "deploymentNotes", "reviewerId", "assetId", "tags", "customerId",
] as const;
export type TicketField = (typeof STAFF_FIELDS)[number];
/** A requester edits their own draft or rejected change: its words and its target. */
const OWN_DRAFT_FIELDS: readonly TicketField[] = ["title", "description", "assetId"];

/** A requester's own change before approval (draft, or rejected and being reworked). */
function ownDraft(actor: Actor, t: { requesterId: string; status: string; workflow: string }): boolean {
  return t.workflow === "change" && t.requesterId === actor.id && can(actor, "ticket.edit_own") && (t.status === "draft" || t.status === "rejected");
}

/** The fields this actor may write on this ticket; anything else in a body is refused. */
export function writableFields(actor: Actor, t: { requesterId: string; status: string; workflow: string }): readonly TicketField[] {
  if (mayAssign(actor)) return STAFF_FIELDS;
  if (ownDraft(actor, t)) return OWN_DRAFT_FIELDS;
  return [];
}

// ── Moves ──────────────────────────────────────────────────────────────────

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
    return { ok: false, code: "INVALID_TRANSITION", message: `A ticket cannot move from ${STATUS_LABELS[t.status]} to ${STATUS_LABELS[to]}.` };
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

/**
 * The approval panel of a pending change: who sees it, and what they may do in
 * it. Approve and reject are the moves decideMove rules on.
 */
export function approvalRights(actor: Actor, t: MoveSubject): { canApprove: boolean; canReject: boolean; explanation: string | null } | null {
  if (t.workflow !== "change" || t.status !== "pending") return null;
  if (!isApprover(actor) && !can(actor, "ticket.reject")) return null;
  const approve = decideMove(actor, t, "approved");
  const reject = decideMove(actor, t, "rejected");
  return {
    canApprove: approve.ok,
    canReject: reject.ok,
    explanation:
      t.requesterId === actor.id ? "You requested this change, so another approver must decide on it." : !approve.ok ? approve.message : null,
  };
}

/**
 * Permissions one of which a role must hold for decideMove to let it approve
 * (policy.test.ts proves it for every permission set): the SQL that finds
 * approvers among many users pre-selects by these, then asks decideMove.
 */
export const APPROVER_PERMISSIONS = ["ticket.approve", "ticket.manage"] as const satisfies readonly Permission[];

/** Holds a permission that can approve: the "Awaiting approval" box and the approval panel are for them. */
export function isApprover(actor: Actor): boolean {
  return canAny(actor, ...APPROVER_PERMISSIONS);
}

/** May approve this pending change now (the desk box and approval_needed ask the same). */
export function mayApprove(actor: Actor, t: MoveSubject): boolean {
  return t.workflow === "change" && t.status === "pending" && decideMove(actor, t, "approved").ok;
}

/**
 * Pending changes this actor may approve, as SQL over `"Ticket" t` (the
 * "Awaiting approval" box): decideMove's approve rule — an approver, not the
 * requester, not the change's only assignee.
 */
export function awaitingApprovalSql(actor: Actor): Prisma.Sql {
  if (!isApprover(actor)) return Prisma.sql`FALSE`;
  return Prisma.sql`(t."status" = 'pending'::"TicketStatus"
    AND t."projectId" IN (SELECT cp."id" FROM "Project" cp WHERE cp."organizationId" = ${actor.organizationId}::uuid AND cp."workflow" = 'change'::"WorkflowKind")
    AND t."requesterId" <> ${actor.id}::uuid
    AND NOT (EXISTS (SELECT 1 FROM "TicketAssignee" ma WHERE ma."ticketId" = t."id" AND ma."userId" = ${actor.id}::uuid)
             AND NOT EXISTS (SELECT 1 FROM "TicketAssignee" oa WHERE oa."ticketId" = t."id" AND oa."userId" <> ${actor.id}::uuid)))`;
}

// ── Assignment ─────────────────────────────────────────────────────────────

/** Permissions that assign (and edit a ticket's fields, link, remove any file). */
export const ASSIGNER_PERMISSIONS = ["ticket.assign", "ticket.manage"] as const satisfies readonly Permission[];

export function mayAssign(actor: Actor): boolean {
  return canAny(actor, ...ASSIGNER_PERMISSIONS);
}

/** An assignee hands their own assignment on; an assigner moves the primary one. */
export function mayTransfer(actor: Actor, t: { assigneeIds: readonly string[] }): boolean {
  return t.assigneeIds.includes(actor.id) || mayAssign(actor);
}

/** An assignee takes the ticket on (once). */
export function mayAccept(actor: Actor, t: { assigneeIds: readonly string[]; acceptedById: string | null }): boolean {
  return t.assigneeIds.includes(actor.id) && t.acceptedById !== actor.id;
}

// ── Teams ──────────────────────────────────────────────────────────────────

/** What the team rules need to know about a ticket, and whether the actor is a member of its team. */
export interface TeamSubject {
  teamId: string | null;
  assigneeIds: readonly string[];
  approvedById: string | null;
  /** The actor is a member of the ticket's current team. */
  inTeam: boolean;
}

/**
 * Gives the ticket to a team, transfers it to another or takes it from its
 * team: those who assign, and a member of its current team handing it on (as
 * an assignee hands their assignment on). Team membership never widens what
 * anyone sees: the ticket must be in their scope first.
 */
export function mayChangeTeam(actor: Actor, t: Pick<TeamSubject, "teamId" | "inTeam">): boolean {
  return mayAssign(actor) || (isStaff(actor) && t.teamId !== null && t.inTeam);
}

/**
 * "Accept": a member of the ticket's team takes it on while nobody is
 * assigned, and becomes its assignee. Never the approver of a change (who
 * can never be its sole assignee), whatever their permissions.
 */
export function mayAcceptForTeam(actor: Actor, t: TeamSubject): boolean {
  return isStaff(actor) && t.teamId !== null && t.inTeam && t.assigneeIds.length === 0 && t.approvedById !== actor.id;
}

/**
 * Approved changes nobody is assigned to, as SQL over `"Ticket" t` (the
 * "Ready to assign" box): technicians only see what is assigned to them, so
 * those who assign must pick these up.
 */
export function readyToAssignSql(actor: Actor): Prisma.Sql {
  if (!mayAssign(actor)) return Prisma.sql`FALSE`;
  return readyToAssignOver({ status: Prisma.sql`t."status"`, unassigned: Prisma.sql`t."assigneeId" IS NULL` });
}

/** The rule of readyToAssignSql over any row with a status and whether it is unassigned: a ticket, or the desk's TicketCount rows. */
export function readyToAssignOver(c: { status: Prisma.Sql; unassigned: Prisma.Sql }): Prisma.Sql {
  return Prisma.sql`(${c.status} = 'approved'::"TicketStatus" AND ${c.unassigned})`;
}

// ── Change items ───────────────────────────────────────────────────────────

const ITEMS_EDITABLE: ReadonlySet<TicketStatus> = new Set(["draft", "pending", "rejected"]);

/**
 * May replace a change's items: the requester on their own draft or rejected
 * change; assigners also on a pending one. Never once it is approved.
 */
export function itemsEditDecision(actor: Actor, t: { workflow: WorkflowKind; status: TicketStatus; requesterId: string }): { ok: true } | { ok: false; message: string } {
  if (t.workflow !== "change") return { ok: false, message: "Only change requests have items." };
  if (ownDraft(actor, t) || (mayAssign(actor) && ITEMS_EDITABLE.has(t.status))) return { ok: true };
  return { ok: false, message: ITEMS_EDITABLE.has(t.status) ? "You cannot edit this change's items." : "Items can no longer be changed once the change is approved." };
}

/** While a change is in progress its assignees (or ticket.manage) fulfil its items. */
export function mayFulfilItems(actor: Actor, t: { workflow: WorkflowKind; status: TicketStatus; assigneeIds: readonly string[] }): boolean {
  return t.workflow === "change" && t.status === "in_progress" && (t.assigneeIds.includes(actor.id) || can(actor, "ticket.manage"));
}

// ── Links, files, deletion, creation ───────────────────────────────────────

/** Staff who edit a ticket's fields link and unlink it (both ends in their scope). */
export function mayLink(actor: Actor): boolean {
  return mayAssign(actor);
}

export function mayAddSubtask(actor: Actor): boolean {
  return mayLink(actor) && mayCreateTicket(actor);
}

/**
 * Who may remove a sent file: whoever attached it, and staff who edit tickets
 * — a requester's file with a password in it must not wait for an administrator.
 */
export function mayRemoveAttachment(actor: Actor, file: { uploadedById: string | null }): boolean {
  return file.uploadedById === actor.id || mayAssign(actor);
}

/** Moves a ticket to the bin (soft delete). */
export function mayDeleteTicket(actor: Actor): boolean {
  return can(actor, "ticket.manage");
}

/** Removes a binned ticket for good. */
export function mayPurgeTicket(actor: Actor): boolean {
  return can(actor, "ticket.delete");
}

export function mayCreateTicket(actor: Actor): boolean {
  return can(actor, "ticket.create");
}

/** Projects the actor may create tickets in: members only (admins: all). */
export function projectScope(actor: Actor): Prisma.ProjectWhereInput {
  const base: Prisma.ProjectWhereInput = { organizationId: actor.organizationId, archived: false };
  if (seesAllProjects(actor)) return base;
  return { ...base, id: { in: [...actor.projectIds] } };
}

/** projectScope as SQL over `"Project" p`. */
export function projectScopeSql(actor: Actor): Prisma.Sql {
  const base = Prisma.sql`p."organizationId" = ${actor.organizationId}::uuid AND p."archived" = false`;
  if (seesAllProjects(actor)) return base;
  return Prisma.sql`${base} AND p."id" = ANY(${[...actor.projectIds]}::uuid[])`;
}
