import "server-only";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { mayComment } from "@/lib/domain/tickets/policy";
import { conflict, forbidden } from "@/lib/errors";
import { parseInput } from "@/lib/validation/parse";
import { editCommentSchema, type EditCommentInput } from "@/lib/validation/comments";
import { recordHistory } from "@/lib/domain/tickets/history";
import { loadCommentForActor } from "./load-comment";
import { notifyMentions } from "@/lib/domain/notifications/hooks";
import { mentionsAsPlainText, mentionTicketSelect, recordMentions, resolveMentions } from "./mentions";

export const EDIT_CONFLICT_MESSAGE = "This comment was changed somewhere else while you were editing it. The latest version is shown; copy your text and edit again.";

/**
 * An author edits their own comment (never a system comment, never someone
 * else's). Compare-and-set on the comment's version: an edit based on an older
 * version is a CONFLICT, never a lost edit. In one transaction: the previous
 * body becomes a CommentRevision, the comment gets the new body and editedAt,
 * and a comment_edited history row is written (internal for an internal note).
 */
export async function editComment(actor: Actor, raw: EditCommentInput, opts: { now?: Date } = {}) {
  const input = parseInput(editCommentSchema, raw);
  const comment = await loadCommentForActor(actor, input.commentId, {
    id: true,
    organizationId: true,
    authorId: true,
    type: true,
    body: true,
    version: true,
    ticket: { select: mentionTicketSelect },
  });
  if (comment.type === "system" || comment.authorId !== actor.id) throw forbidden("You can only edit your own comments");
  if (!mayComment(actor, comment.type === "internal_note")) throw forbidden("You cannot edit comments on this ticket");
  if (input.version !== comment.version) throw conflict(EDIT_CONFLICT_MESSAGE);
  if (input.body === comment.body) return { id: comment.id, version: comment.version, changed: false, mentionedUserIds: [] as string[] };

  const internal = comment.type === "internal_note";
  const mentions = await resolveMentions(actor, comment.ticket, input.body, internal);
  const now = opts.now ?? new Date();

  return db.$transaction(async (tx) => {
    const updated = await tx.comment.updateMany({
      where: { id: comment.id, version: input.version },
      data: { body: input.body, editedAt: now, version: { increment: 1 } },
    });
    if (updated.count !== 1) throw conflict(EDIT_CONFLICT_MESSAGE);
    // The version matched the one read above, so comment.body is exactly the text replaced.
    await tx.commentRevision.create({ data: { organizationId: comment.organizationId, commentId: comment.id, body: comment.body, editedById: actor.id, createdAt: now } });
    await tx.ticket.update({ where: { id: comment.ticket.id }, data: { updatedAt: now } });
    await recordHistory(tx, comment.ticket, actor.id, [{ action: "comment_edited", newValue: comment.id, internal }]);
    // Only people newly mentioned by this edit are told (same hand-off as addComment).
    const mentionedUserIds = await recordMentions(tx, comment, mentions);
    if (mentionedUserIds.length) {
      await notifyMentions(tx, { ticket: comment.ticket, actorId: actor.id, comment: { id: comment.id, body: mentionsAsPlainText(input.body), internal }, userIds: mentionedUserIds });
    }
    return { id: comment.id, version: comment.version + 1, changed: true, mentionedUserIds };
  });
}
