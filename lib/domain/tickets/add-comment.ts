import "server-only";
import { parseInput } from "@/lib/validation/parse";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { forbidden } from "@/lib/errors";
import type { TicketStatus } from "@/lib/generated/prisma/enums";
import { addCommentSchema, type AddCommentInput } from "@/lib/validation/ticket";
import { isStaffResponse, mayComment } from "./policy";
import { loadTicketForActor } from "./queries";
import { recordHistory, historyValue, type HistoryEntry } from "./history";
import { writeTransition } from "./transition-ticket";
import { bindPendingAttachments } from "@/lib/domain/attachments/bind";
import { notifyComment, notifyMentions } from "@/lib/domain/notifications/hooks";
import { mentionsAsPlainText, recordMentions, resolveMentions } from "@/lib/domain/comments/mentions";

/**
 * Adds a reply or internal note. A public staff reply is the ticket's first
 * response (firstResponseAt) and moves an open support ticket to answered; a
 * requester's reply while waiting_for_response moves it to in_progress.
 * The comment, any status change (through writeTransition, the one status
 * writer) and their history rows share one transaction.
 */
export async function addComment(actor: Actor, raw: AddCommentInput, opts: { now?: Date } = {}) {
  const input = parseInput(addCommentSchema, raw);

  const ticket = await loadTicketForActor(actor, input.ticketId, {
    id: true,
    organizationId: true,
    requesterId: true,
    status: true,
    firstResponseAt: true,
    project: { select: { workflow: true } },
    // For @mention checks (lib/domain/comments/mentions.ts).
    projectId: true,
    assignees: { select: { userId: true } },
  });
  if (!mayComment(actor, input.internal)) throw forbidden(input.internal ? "You cannot write internal notes" : "You cannot reply to this ticket");
  const mentions = await resolveMentions(actor, ticket, input.body, input.internal);

  const now = opts.now ?? new Date();
  const staffReply = isStaffResponse(actor, ticket, input.internal);
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
      select: { id: true, organizationId: true, type: true, createdAt: true },
    });
    const entries: HistoryEntry[] = [{ action: "comment_added", newValue: comment.id, internal: input.internal }];
    entries.push(...(await bindPendingAttachments(tx, actor, ticket, comment.id, input.attachmentIds, input.internal)));
    const firstResponse = staffReply && !ticket.firstResponseAt;
    if (firstResponse) entries.push({ action: "field_change", field: "firstResponseAt", oldValue: null, newValue: historyValue(now) });
    await recordHistory(tx, ticket, actor.id, entries);
    // One write to the ticket, one version bump: the reply's move through the one
    // status writer (if the status is still what we read), its first-response
    // stamp, or just its activity time. The reply itself is what people are told of.
    const fields = { updatedAt: now, ...(firstResponse ? { firstResponseAt: now } : {}) };
    const moved = nextStatus
      ? await writeTransition(tx, ticket, {
          workflow: ticket.project.workflow,
          to: nextStatus,
          move: "reply",
          actorId: actor.id,
          now,
          reason: nextStatus === "answered" ? "Answered by a public reply" : "The requester replied",
          fields,
          notify: false,
        })
      : false;
    if (!moved) await tx.ticket.update({ where: { id: ticket.id }, data: { ...fields, ...(firstResponse ? { version: { increment: 1 } } : {}) } });
    // Notifications show mention tokens as plain "@Name".
    const told = { id: comment.id, body: mentionsAsPlainText(input.body), internal: input.internal };
    await notifyComment(tx, { ticket, actor, comment: told });
    // This note's @mentions (lib/domain/comments/mentions.ts): recorded, then told.
    const mentionedUserIds = await recordMentions(tx, comment, mentions);
    if (mentionedUserIds.length) await notifyMentions(tx, { ticket, actorId: actor.id, comment: told, userIds: mentionedUserIds });
    return { ...comment, mentionedUserIds };
  });
}
