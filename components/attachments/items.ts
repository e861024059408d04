import type { TicketDetail } from "@/lib/domain/tickets/queries";
import { INLINE_MIME_TYPES } from "@/lib/domain/attachments/types";

/** One visible attachment, shaped for the page (the query already dropped what the viewer may not see). */
export interface AttachmentItem {
  id: string;
  name: string;
  size: number;
  mimeType: string;
  createdAt: Date;
  uploadedBy: string | null;
  commentId: string | null;
  /** On an internal note (only ever present for viewers who may see those). */
  internal: boolean;
  previewable: boolean;
  /** This viewer may remove it (lib/domain/attachments/remove.ts decides again on the server). */
  removable: boolean;
}

export const downloadUrl = (id: string) => `/api/attachments/${id}`;
export const previewUrl = (id: string) => `/api/attachments/${id}?inline=1`;

export function attachmentItems(
  ticket: Pick<TicketDetail, "attachments" | "comments">,
  viewer: { id?: string; mayRemoveAny: boolean } = { mayRemoveAny: false },
): AttachmentItem[] {
  const internalNotes = new Set(ticket.comments.filter((c) => c.type === "internal_note").map((c) => c.id));
  return ticket.attachments.map((a) => ({
    id: a.id,
    name: a.originalName,
    size: a.size,
    mimeType: a.mimeType,
    createdAt: a.createdAt,
    uploadedBy: a.uploadedBy?.name ?? null,
    commentId: a.commentId,
    internal: !!a.commentId && internalNotes.has(a.commentId),
    previewable: INLINE_MIME_TYPES.has(a.mimeType),
    removable: viewer.mayRemoveAny || (!!viewer.id && a.uploadedBy?.id === viewer.id),
  }));
}

/** The thread's comments, each with the files sent with it. */
export function withAttachments<C extends { id: string }>(comments: C[], items: AttachmentItem[]): (C & { attachments: AttachmentItem[] })[] {
  return comments.map((c) => ({ ...c, attachments: items.filter((a) => a.commentId === c.id) }));
}
