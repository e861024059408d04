import "server-only";
import { rm } from "node:fs/promises";
import { z } from "zod";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { mayCreateTicket, mayWriteInThread } from "@/lib/domain/tickets/policy";
import { AppError, forbidden } from "@/lib/errors";
import { parseInput } from "@/lib/validation/parse";
import { loadTicketForActor } from "@/lib/domain/tickets/queries";
import { recordHistory } from "@/lib/domain/tickets/history";
import { uploadConfig, type UploadConfig } from "./config";
import { organizationUploadConfig } from "./organization-limits";
import { checkFileName } from "./file-name";
import { factsFromFile, judge } from "./sniff";
import { lockContent, placeFile, receiveToTemp, TooLarge } from "./store";
import { formatBytes, isUploadType } from "./types";

/** A refused upload: the message is for the person uploading, the status for the route. */
export class UploadRefused extends AppError {
  constructor(
    readonly status: 400 | 413 | 415 | 422,
    message: string,
  ) {
    super("VALIDATION", message, { file: [message] });
    this.name = "UploadRefused";
  }
}

export const uploadTargetSchema = z
  .object({
    ticketId: z.uuid({ error: "Ticket not found" }).optional(),
    /**
     * "ticket": attached to the ticket now; "comment": pending until the comment being written is sent;
     * "request": staged for a request not yet created (no ticket), bound by createTicket.
     */
    purpose: z.enum(["ticket", "comment", "request"], { error: "Say whether the file is for the ticket, a reply or a new request" }).default("ticket"),
  })
  .strict()
  .refine((t) => (t.purpose === "request") === (t.ticketId === undefined), {
    error: (issue) => ((issue.input as { purpose?: string }).purpose === "request" ? "A file for a new request has no ticket yet" : "Ticket not found"),
    path: ["ticketId"],
  });

export interface UploadRequest {
  ticketId: unknown;
  purpose?: unknown;
  /** The original name, already decoded. */
  fileName: string;
  /** The declared Content-Length, when the client sent one. */
  contentLength?: number | null;
  body: ReadableStream<Uint8Array> | null;
}

export const tooLargeMessage = (config: UploadConfig) => `File is larger than ${formatBytes(config.maxBytes)}`;

/**
 * Receives one file for a ticket. The ticket is loaded through the actor's
 * scope and the name checked before a byte is read; the body streams to disk
 * and stops at the limit; the type is decided from the content. A ticket-level
 * file and its history row share one transaction; a file for a reply is
 * pending (only its uploader sees it) until addComment binds it.
 */
export async function receiveUpload(actor: Actor, req: UploadRequest, opts: { config?: UploadConfig; now?: Date } = {}) {
  // The organization's size and types (/admin/settings), within the installation's.
  const config = await organizationUploadConfig(actor.organizationId, opts.config ?? uploadConfig());
  const target = parseInput(uploadTargetSchema, { ...(req.ticketId != null ? { ticketId: req.ticketId } : {}), ...(req.purpose ? { purpose: req.purpose } : {}) });
  let ticket: { id: string; organizationId: string } | null = null;
  if (target.purpose === "request") {
    if (!mayCreateTicket(actor)) throw forbidden("You cannot create requests");
  } else {
    ticket = await loadTicketForActor(actor, target.ticketId!, { id: true, organizationId: true });
    if (!mayWriteInThread(actor)) throw forbidden("You cannot attach files to this ticket");
  }

  const name = checkFileName(req.fileName);
  if (!name.ok) throw new UploadRefused(400, name.message);
  const ext = name.ext;
  if (!isUploadType(ext) || !config.allowedTypes.includes(ext)) {
    throw new UploadRefused(415, `.${ext} files are not allowed. Allowed types: ${config.allowedTypes.map((t) => t.toUpperCase()).join(", ")}.`);
  }
  if (req.contentLength != null && req.contentLength > config.maxBytes) throw new UploadRefused(413, tooLargeMessage(config));

  let received;
  try {
    received = await receiveToTemp(req.body, config);
  } catch (e) {
    if (e instanceof TooLarge) throw new UploadRefused(413, tooLargeMessage(config));
    throw e;
  }

  try {
    const verdict = judge(ext, await factsFromFile(received.tmpPath, received));
    if (!verdict.ok) throw new UploadRefused(verdict.status, verdict.message);
    // A reply's file waits for the reply; a new request's waits (with no ticket) for the request.
    const pending = target.purpose !== "ticket";
    const now = opts.now ?? new Date();
    return await db.$transaction(async (tx) => {
      await lockContent(tx, received.sha256);
      const attachment = await tx.attachment.create({
        data: {
          organizationId: actor.organizationId,
          ticketId: ticket?.id ?? null,
          uploadedById: actor.id,
          originalName: name.name,
          sha256: received.sha256,
          size: received.size,
          mimeType: verdict.mime,
          pending,
          createdAt: now,
        },
        select: { id: true, originalName: true, size: true, mimeType: true, pending: true, createdAt: true },
      });
      if (ticket && !pending) {
        await tx.ticket.update({ where: { id: ticket.id }, data: { updatedAt: now } });
        await recordHistory(tx, ticket, actor.id, [{ action: "attachment_added", newValue: name.name }]);
      }
      // Last: if placing the file fails, the row and its history roll back.
      await placeFile(config, received.tmpPath, received.sha256);
      return attachment;
    });
  } finally {
    await rm(received.tmpPath, { force: true });
  }
}
