import "server-only";
import { z } from "zod";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { mayRemoveAttachment } from "@/lib/domain/tickets/policy";
import { audit, type RequestMeta } from "@/lib/audit";
import { forbidden, notFound } from "@/lib/errors";
import { recordHistory } from "@/lib/domain/tickets/history";
import { parseInput } from "@/lib/validation/parse";
import { deleteOrphanedFiles } from "./cleanup";
import type { UploadConfig } from "./config";
import { attachmentScope } from "./download";
import { lockContent } from "./store";

export const removeAttachmentSchema = z.object({ attachmentId: z.uuid({ error: "File not found" }) }).strict();
export type RemoveAttachmentInput = z.input<typeof removeAttachmentSchema>;

/**
 * Removes a file from a ticket for good: the row, with a history row on the
 * ticket (internal when the file was on an internal note) and an audit row
 * that keeps its name, size and hash, in one transaction under the content
 * lock; then the stored file, unless another row shares the content. A file
 * the actor cannot see is "not found", like one that does not exist.
 */
export async function removeAttachment(actor: Actor, raw: RemoveAttachmentInput, opts: { config?: UploadConfig; now?: Date; meta?: RequestMeta } = {}) {
  const { attachmentId } = parseInput(removeAttachmentSchema, raw);
  const file = await db.attachment.findFirst({
    where: { ...attachmentScope(actor), id: attachmentId, pending: false },
    select: {
      id: true,
      originalName: true,
      sha256: true,
      size: true,
      uploadedById: true,
      comment: { select: { type: true } },
      ticket: { select: { id: true, organizationId: true, number: true } },
    },
  });
  // A file staged for a request not yet created has no ticket: not one of the ticket's files.
  const ticket = file?.ticket;
  if (!file || !ticket) throw notFound("File");
  if (!mayRemoveAttachment(actor, file)) throw forbidden("You can remove only files you attached.");

  const now = opts.now ?? new Date();
  await db.$transaction(async (tx) => {
    await lockContent(tx, file.sha256);
    const gone = await tx.attachment.deleteMany({ where: { id: file.id } });
    if (gone.count !== 1) throw notFound("File");
    await tx.ticket.update({ where: { id: ticket.id }, data: { updatedAt: now } });
    await recordHistory(tx, ticket, actor.id, [{ action: "attachment_removed", oldValue: file.originalName, internal: file.comment?.type === "internal_note" }]);
    await audit(
      {
        organizationId: actor.organizationId,
        actorId: actor.id,
        action: "attachment.removed",
        entityType: "attachment",
        entityId: file.id,
        data: { ticket: ticket.number, name: file.originalName, size: file.size, sha256: file.sha256 },
        ...opts.meta,
      },
      tx,
    );
  });
  const filesDeleted = await deleteOrphanedFiles([file.sha256], opts.config);
  return { id: file.id, ticketId: ticket.id, filesDeleted };
}
