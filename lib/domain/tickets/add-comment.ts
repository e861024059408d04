import { db, type Tx } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { can, isStaff } from "@/lib/auth/permissions";
import { forbidden, invalid, INVALID_FORM, zodFieldErrors } from "@/lib/errors";
import type { TicketStatus } from "@/lib/generated/prisma/enums";
import { addCommentSchema, type AddCommentInput } from "@/lib/validation/ticket";
import { canSeeInternal } from "./policy";
import { loadTicketForActor } from "./queries";
import { recordHistory, historyValue, type HistoryEntry } from "./history";

/**
 * Adds a reply or internal note. A public staff reply is the ticket's first
 * response (firstResponseAt) and moves an open support ticket to answered; a
 * requester's reply while waiting_for_response moves it to in_progress.
 * The comment, any status change and their history rows share one transaction.
 */
export async function addComment(actor: Actor, raw: AddCommentInput, opts: { now?: Date } = {}) {
  const parsed = addCommentSchema.safeParse(raw);
  if (!parsed.success) throw invalid(INVALID_FORM, zodFieldErrors(parsed.error));
  const input = parsed.data;

  const ticket = await loadTicketForActor(actor, input.ticketId, {
    id: true,
    organizationId: true,
    requesterId: true,
    status: true,
    firstResponseAt: true,
    project: { select: { workflow: true } },
  });
  if (!can(actor, "ticket.comment") && !isStaff(actor)) throw forbidden("You cannot reply to this ticket");
  if (input.internal && !canSeeInternal(actor)) throw forbidden("You cannot write internal notes");

  const now = opts.now ?? new Date();
  const staffReply = !input.internal && isStaff(actor) && actor.id !== ticket.requesterId;
  const requesterReply = !input.internal && actor.id === ticket.requesterId;
  const support = ticket.project.workflow === "support";

  let nextStatus: TicketStatus | null = null;
  if (support && staffReply && ticket.status === "open") nextStatus = "answered";
  if (support && requesterReply && ticket.status === "waiting_for_response") nextStatus = "in_progress";

  return db.$transaction(async (tx) => {
    const comment = await tx.comment.create({
      data: {
        organizationId: ticket.organizationId,
        ticketId: ticket.id,
        authorId: actor.id,
        type: input.internal ? "internal_note" : "comment",
        body: input.body,
        createdAt: now,
      },
      select: { id: true, type: true, createdAt: true },
    });
    const entries: HistoryEntry[] = [{ action: "comment_added", newValue: comment.id, internal: input.internal }];
    const data: { firstResponseAt?: Date; updatedAt: Date; version?: { increment: number } } = { updatedAt: now };
    if (staffReply && !ticket.firstResponseAt) {
      data.firstResponseAt = now;
      data.version = { increment: 1 };
      entries.push({ action: "field_change", field: "firstResponseAt", oldValue: null, newValue: historyValue(now) });
    }
    await tx.ticket.update({ where: { id: ticket.id }, data });
    if (nextStatus && (await moveStatus(tx, ticket.id, ticket.status, nextStatus, now))) {
      entries.push({ action: "status_change", field: "status", oldValue: ticket.status, newValue: nextStatus });
    }
    await recordHistory(tx, ticket, actor.id, entries);
    return comment;
  });
}

/**
 * Compare-and-set on status for a move triggered by a reply: if someone moved
 * the ticket meanwhile, the reply still lands and the automatic move is skipped.
 */
async function moveStatus(tx: Tx, id: string, from: TicketStatus, to: TicketStatus, now: Date): Promise<boolean> {
  const res = await tx.ticket.updateMany({
    where: { id, status: from },
    data: { status: to, version: { increment: 1 }, updatedAt: now },
  });
  return res.count === 1;
}
