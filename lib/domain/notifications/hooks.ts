import "server-only";
import type { Db, Tx } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/auth/actor";
import { isStaff } from "@/lib/auth/permissions";
import type { TicketStatus } from "@/lib/generated/prisma/enums";
import { notify, planNotice, type TicketFacts } from "./notify";
import { deliverNoticesSql } from "./deliver";

// What the ticket domain functions call, one line each, inside their
// transactions. Each maps a domain change onto notify()'s events.

type TicketRef = { id: string; organizationId: string };
type CommentRef = { id?: string; body: string; internal: boolean };

/**
 * Mentions in a comment (another helper's @mention parser calls this inside
 * addComment's transaction, with the mentioned users' ids). Only staff who can
 * see the ticket are told, and for an internal note only those with
 * ticket.view_internal. Returns the ids of the people told.
 */
export function notifyMentions(tx: Tx, input: { ticket: TicketRef; actorId: string; comment: CommentRef; userIds: readonly string[] }): Promise<string[]> {
  return notify(tx, { event: "mention", ticket: input.ticket, actorId: input.actorId, recipients: input.userIds, comment: input.comment });
}

/**
 * A new comment: a public one is a public_reply (to the requester, or to the
 * assignees when the requester wrote it) and a watcher_update for watchers; an
 * internal note is a watcher_update for watchers with ticket.view_internal.
 * Staff who comment start watching the ticket (unless they are its requester or
 * an assignee, who hear about it anyway), so they hear about the answers.
 */
export async function notifyComment(tx: Tx, input: { ticket: TicketRef; actor: Actor; comment: CommentRef }): Promise<string[]> {
  const { ticket, actor, comment } = input;
  if (isStaff(actor)) {
    const ownOrAssigned = await tx.ticket.count({ where: { id: ticket.id, OR: [{ requesterId: actor.id }, { assignees: { some: { userId: actor.id } } }] } });
    if (!ownOrAssigned) {
      await tx.watcher.createMany({ data: [{ ticketId: ticket.id, userId: actor.id, organizationId: ticket.organizationId }], skipDuplicates: true });
    }
  }
  return notify(tx, { event: comment.internal ? "watcher_update" : "public_reply", ticket, actorId: actor.id, comment });
}

/**
 * A workflow move: submit/resubmit asks the project's approvers (approval_needed)
 * and tells the requester; approve and reject tell the requester (a rejection
 * with its reason); any other change of status is a status_change for the
 * requester. Watchers hear about all of them.
 */
export async function notifyTransition(
  tx: Tx,
  input: { ticket: TicketRef; actorId: string; move: string; from: TicketStatus; to: TicketStatus; reason?: string | null },
): Promise<void> {
  const { ticket, actorId, from, to } = input;
  if (input.move === "approve") {
    await notify(tx, { event: "approved", ticket, actorId, status: { from, to } });
    // Technicians see only what is assigned to them: an approved change nobody took waits for those who assign.
    await notify(tx, { event: "ready_to_assign", ticket, actorId, status: { from, to } });
    return;
  }
  if (input.move === "reject") {
    await notify(tx, { event: "rejected", ticket, actorId, status: { from, to }, reason: input.reason ?? null });
    return;
  }
  if (input.move === "submit" || input.move === "resubmit") await notify(tx, { event: "approval_needed", ticket, actorId });
  if (from !== to) await notify(tx, { event: "status_change", ticket, actorId, status: { from, to } });
}

/**
 * A new ticket: the project's triage members (ticket_created) and, for a change
 * submitted as it is created, the project's approvers (approval_needed).
 * Planned before the creating statement and written by it (insert-ticket.ts
 * `also`), so the ticket and its notifications commit together. `client` is
 * what the plan reads through (the app's `db`, or a factory's client).
 */
export async function ticketCreatedNotices(
  client: Tx | Db,
  input: { organizationId: string; requesterId: string; projectId: string; title: string; status: TicketStatus; now: Date },
): Promise<Prisma.Sql> {
  const facts: TicketFacts = { organizationId: input.organizationId, projectId: input.projectId, requesterId: input.requesterId, assigneeIds: [], watcherIds: [input.requesterId], deleted: false, title: input.title };
  const tx = client as Tx;
  const notices = [await planNotice(tx, { event: "ticket_created", actorId: input.requesterId }, facts)];
  if (input.status === "pending") notices.push(await planNotice(tx, { event: "approval_needed", actorId: input.requesterId }, facts));
  return deliverNoticesSql(notices, input.now);
}
