import "server-only";
import type { Actor } from "@/lib/auth/actor";
import type { Tx } from "@/lib/db";
import { invalid } from "@/lib/errors";
import { recordHistory, type HistoryEntry } from "@/lib/domain/tickets/history";

export const STALE_ATTACHMENTS = "Some attached files are no longer available. Remove them and attach them again.";

/**
 * Inside addComment's transaction: binds the actor's own pending uploads on
 * this ticket to the new comment (an internal note's files are as internal as
 * the note) and returns their history entries. Anything else — another
 * user's upload, another ticket's, one already sent — fails the whole reply.
 */
export async function bindPendingAttachments(
  tx: Tx,
  actor: Actor,
  ticket: { id: string },
  commentId: string,
  ids: readonly string[],
  internal: boolean,
): Promise<HistoryEntry[]> {
  if (ids.length === 0) return [];
  const mine = { id: { in: [...ids] }, ticketId: ticket.id, uploadedById: actor.id, pending: true, commentId: null };
  const rows = await tx.attachment.findMany({ where: mine, select: { originalName: true }, orderBy: { createdAt: "asc" } });
  const { count } = await tx.attachment.updateMany({ where: mine, data: { pending: false, commentId } });
  if (count !== ids.length || rows.length !== ids.length) throw invalid(STALE_ATTACHMENTS, { attachmentIds: [STALE_ATTACHMENTS] });
  return rows.map((r) => ({ action: "attachment_added" as const, newValue: r.originalName, internal }));
}

/**
 * Inside createTicket's transaction: binds the creator's own staged files
 * (POST /api/uploads?purpose=request: no ticket yet) to the new ticket, with
 * an "attached a file" history row each. Another user's file, one already
 * bound or one swept away meanwhile fails the whole creation — its number
 * included — so a request never exists without the files it was sent with.
 */
export async function bindStagedAttachments(
  tx: Tx,
  actor: Actor,
  ticket: { id: string; organizationId: string },
  ids: readonly string[],
): Promise<void> {
  if (ids.length === 0) return;
  const staged = { id: { in: [...ids] }, organizationId: actor.organizationId, ticketId: null, uploadedById: actor.id, pending: true, commentId: null };
  const rows = await tx.attachment.findMany({ where: staged, select: { originalName: true }, orderBy: { createdAt: "asc" } });
  const { count } = await tx.attachment.updateMany({ where: staged, data: { ticketId: ticket.id, pending: false } });
  if (count !== ids.length || rows.length !== ids.length) throw invalid(STALE_ATTACHMENTS, { attachmentIds: [STALE_ATTACHMENTS] });
  await recordHistory(tx, ticket, actor.id, rows.map((r) => ({ action: "attachment_added" as const, newValue: r.originalName })));
}
