import "server-only";
import { Readable } from "node:stream";
import { z } from "zod";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { receiveUpload, UploadRefused } from "@/lib/domain/attachments/upload";
import { attachmentScope, openAttachment } from "@/lib/domain/attachments/download";
import { contentDisposition } from "@/lib/domain/attachments/file-name";
import { organizationUploadConfig } from "@/lib/domain/attachments/organization-limits";
import { uploadConfig } from "@/lib/domain/attachments/config";
import { ApiError, apiJson, defineOperation, type ApiErrorCode } from "./operation";
import { errorResponses } from "./responses";
import { personSchema, ticketRefParams } from "./schemas";
import { resolveTicketRef } from "./tickets";

// Files through the API (issue 15), with the page's checks — the
// organization's size and types, the name, the type decided from the content
// — as multipart/form-data with one field "file". Downloads are the page's
// too: only what the caller may open, never sniffed, sandboxed.

export const attachmentSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    size: z.number().int(),
    mime_type: z.string(),
    comment_id: z.uuid().nullable().describe("The reply it came with, if any"),
    uploaded_by: personSchema.nullable(),
    created_at: z.iso.datetime({ offset: true }),
    pending: z.boolean().describe("Staged or waiting for its reply: only its uploader sees it until then"),
  })
  .meta({ id: "Attachment" });

/** The multipart envelope may add this much to the file itself. */
const ENVELOPE_BYTES = 64 * 1024;
const UPLOAD_STATUS: Record<number, ApiErrorCode> = { 400: "BAD_REQUEST", 413: "PAYLOAD_TOO_LARGE", 415: "UNSUPPORTED_MEDIA_TYPE", 422: "VALIDATION" };

/** The one file of a multipart body, refused before it is read when the body is too large or of unknown length. */
async function fileFrom(request: Request, maxBytes: number): Promise<File> {
  if (!/^multipart\/form-data\b/i.test(request.headers.get("content-type") ?? "")) throw new ApiError("BAD_REQUEST", 'Send the file as multipart/form-data, in a field named "file".');
  const length = request.headers.get("content-length");
  if (!length || !/^\d{1,12}$/.test(length)) throw new ApiError("LENGTH_REQUIRED", "Send the upload with a Content-Length.");
  if (Number(length) > maxBytes + ENVELOPE_BYTES) throw new ApiError("PAYLOAD_TOO_LARGE", "The file is larger than this organization allows.");
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    throw new ApiError("BAD_REQUEST", "The multipart body could not be read.");
  }
  const files = form.getAll("file").filter((f): f is File => typeof f !== "string");
  if (files.length !== 1) throw new ApiError("BAD_REQUEST", 'Send exactly one file, in a field named "file".', { file: ["Send exactly one file"] });
  return files[0]!;
}

async function receive(actor: Actor, request: Request, target: { ticketId?: string; purpose: "ticket" | "comment" | "request" }) {
  const config = await organizationUploadConfig(actor.organizationId, uploadConfig());
  const file = await fileFrom(request, config.maxBytes);
  try {
    const a = await receiveUpload(actor, { ticketId: target.ticketId, purpose: target.purpose, fileName: file.name, contentLength: file.size, body: file.stream() }, { config });
    return {
      id: a.id,
      name: a.originalName,
      size: a.size,
      mime_type: a.mimeType,
      comment_id: null,
      uploaded_by: { id: actor.id, name: actor.name },
      created_at: a.createdAt.toISOString(),
      pending: a.pending,
    };
  } catch (e) {
    if (e instanceof UploadRefused) throw new ApiError(UPLOAD_STATUS[e.status] ?? "VALIDATION", e.message, { file: [e.message] });
    throw e;
  }
}

const uploadResponses = { 201: { description: "Stored", schema: attachmentSchema }, ...errorResponses(400, 401, 403, 404, 411, 413, 415, 422) };

export const uploadToTicketOp = defineOperation(
  {
    method: "POST",
    path: "/tickets/{id}/attachments",
    operationId: "uploadAttachment",
    summary: "Attach a file to a ticket",
    description: 'multipart/form-data, field "file". purpose=comment keeps it pending (seen by the uploader only) until a reply sends it; otherwise it is the ticket\'s at once, with a history row.',
    tag: "Attachments",
    access: "write",
    upload: true,
    params: ticketRefParams,
    query: z.object({ purpose: z.enum(["ticket", "comment"]).default("ticket") }).strict(),
    responses: uploadResponses,
  },
  async ({ actor, params, query, request }) => apiJson(201, await receive(actor, request, { ticketId: await resolveTicketRef(actor, params.id), purpose: query.purpose })),
);

export const stageUploadOp = defineOperation(
  {
    method: "POST",
    path: "/uploads",
    operationId: "stageUpload",
    summary: "Upload a file for a ticket not yet created",
    description: 'multipart/form-data, field "file". Pass its id in POST /tickets attachment_ids: it is bound in the transaction that creates the ticket. Unused uploads are removed after a day.',
    tag: "Attachments",
    access: "write",
    upload: true,
    responses: uploadResponses,
  },
  async ({ actor, request }) => apiJson(201, await receive(actor, request, { purpose: "request" })),
);

export const listAttachmentsOp = defineOperation(
  {
    method: "GET",
    path: "/tickets/{id}/attachments",
    operationId: "listAttachments",
    summary: "A ticket's files",
    description: "Only those the caller may open: an internal note's files for those who may read internal notes; pending ones for their uploader.",
    tag: "Attachments",
    access: "read",
    params: ticketRefParams,
    responses: { 200: { description: "The files, oldest first (at most 500)", schema: z.object({ data: z.array(attachmentSchema) }).meta({ id: "AttachmentList" }) }, ...errorResponses(401, 404) },
  },
  async ({ actor, params }) => {
    const ticketId = await resolveTicketRef(actor, params.id);
    const rows = await db.attachment.findMany({
      where: { ...attachmentScope(actor), ticketId },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      take: 500,
      select: { id: true, originalName: true, size: true, mimeType: true, commentId: true, createdAt: true, pending: true, uploadedBy: { select: { id: true, name: true } } },
    });
    return apiJson(200, {
      data: rows.map((a) => ({ id: a.id, name: a.originalName, size: a.size, mime_type: a.mimeType, comment_id: a.commentId, uploaded_by: a.uploadedBy, created_at: a.createdAt.toISOString(), pending: a.pending })),
    });
  },
);

export const downloadAttachmentOp = defineOperation(
  {
    method: "GET",
    path: "/attachments/{attachment_id}",
    operationId: "downloadAttachment",
    summary: "Download a file",
    description: "The file itself (Content-Disposition: attachment), with its stored type; never sniffed.",
    tag: "Attachments",
    access: "read",
    binary: true,
    params: z.object({ attachment_id: z.uuid({ error: "File not found" }) }),
    responses: { 200: { description: "The file's bytes" }, ...errorResponses(401, 404) },
  },
  async ({ actor, params }) => {
    const file = await openAttachment(actor, params.attachment_id);
    return new Response(Readable.toWeb(file.stream() as Readable) as ReadableStream<Uint8Array>, {
      headers: {
        "Content-Type": file.mimeType,
        "Content-Length": String(file.size),
        "Content-Disposition": contentDisposition("attachment", file.name),
        "X-Content-Type-Options": "nosniff",
        "Content-Security-Policy": "default-src 'none'; sandbox",
        "Cache-Control": "private, no-store",
      },
    });
  },
);
