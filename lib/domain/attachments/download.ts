import "server-only";
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { z } from "zod";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { notFound } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { canSeeInternal, ticketScope } from "@/lib/domain/tickets/policy";
import { uploadConfig, type UploadConfig } from "./config";
import { storedPath } from "./store";
import { INLINE_MIME_TYPES } from "./types";

/**
 * The attachments an actor may open: on a ticket in their scope; not an
 * internal note's file unless they may see internal material; not someone
 * else's pending upload.
 */
export function attachmentScope(actor: Actor): Prisma.AttachmentWhereInput {
  const where: Prisma.AttachmentWhereInput = {
    organizationId: actor.organizationId,
    ticket: ticketScope(actor),
    OR: [{ pending: false }, { uploadedById: actor.id }],
  };
  if (!canSeeInternal(actor)) where.AND = [{ OR: [{ commentId: null }, { comment: { type: { not: "internal_note" } } }] }];
  return where;
}

export interface OpenedAttachment {
  id: string;
  name: string;
  mimeType: string;
  size: number;
  inline: boolean;
  stream: () => NodeJS.ReadableStream;
}

/**
 * Opens an attachment for download (counted) or, for PNG/JPEG only, inline
 * preview (not counted: thumbnails load with every page view). Anything not
 * visible — or whose file is missing — is "not found".
 */
export async function openAttachment(actor: Actor, rawId: unknown, opts: { inline?: boolean; count?: boolean; config?: UploadConfig; now?: Date } = {}): Promise<OpenedAttachment> {
  const id = z.uuid().safeParse(rawId);
  if (!id.success) throw notFound("File");
  const row = await db.attachment.findFirst({
    where: { ...attachmentScope(actor), id: id.data },
    select: { id: true, originalName: true, mimeType: true, sha256: true, size: true },
  });
  if (!row) throw notFound("File");

  const file = storedPath(opts.config ?? uploadConfig(), row.sha256);
  const info = await stat(file).catch(() => null);
  if (!info?.isFile()) {
    console.error(`[attachments] file missing for ${row.id}`);
    throw notFound("File");
  }
  const inline = !!opts.inline && INLINE_MIME_TYPES.has(row.mimeType);
  if (!inline && opts.count !== false) {
    await db.attachment.update({ where: { id: row.id }, data: { accessCount: { increment: 1 }, lastAccessedAt: opts.now ?? new Date() } });
  }
  return { id: row.id, name: row.originalName, mimeType: row.mimeType, size: info.size, inline, stream: () => createReadStream(file) };
}
