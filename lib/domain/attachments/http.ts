import "server-only";
import { Readable } from "node:stream";
import type { Actor } from "@/lib/auth/actor";
import { errorResponse, jsonResponse } from "@/lib/http/route";
import type { UploadConfig } from "./config";
import { openAttachment } from "./download";
import { contentDisposition } from "./file-name";
import { receiveUpload, UploadRefused } from "./upload";
import { safeDecodeURIComponent } from "@/lib/safe-decode";

// The HTTP side of the two routes (app/api/uploads, app/api/attachments/[id]),
// kept apart from the route files so tests can call them with a Request and an actor.

function fileErrorResponse(e: unknown, where: string): Response {
  if (e instanceof UploadRefused) return jsonResponse(e.status, { ok: false, code: e.code, message: e.message });
  return errorResponse(e, where, where === "upload" ? "The file could not be saved. Please try again." : "The file could not be sent. Please try again.");
}

function decodeName(raw: string | null): string | null {
  return raw === null ? null : safeDecodeURIComponent(raw);
}

/**
 * POST /api/uploads?ticketId=…&purpose=ticket|comment (or ?purpose=request
 * with no ticket: staged for the request about to be created), the file as the raw
 * body and its name URI-encoded in X-Filename. Answers 201 with the stored
 * attachment, or a JSON error with a message for the person uploading.
 */
export async function uploadResponse(actor: Actor | null, request: Request, opts: { config?: UploadConfig } = {}): Promise<Response> {
  if (!actor) return jsonResponse(401, { ok: false, code: "UNAUTHENTICATED", message: "Sign in to attach files." });
  const url = new URL(request.url);
  const fileName = decodeName(request.headers.get("x-filename"));
  if (fileName === null) return jsonResponse(400, { ok: false, code: "VALIDATION", message: "Send the file name in the X-Filename header (URI-encoded)." });
  const declared = request.headers.get("content-length");
  const contentLength = declared && /^\d+$/.test(declared) ? Number(declared) : null;
  try {
    const attachment = await receiveUpload(
      actor,
      { ticketId: url.searchParams.get("ticketId"), purpose: url.searchParams.get("purpose"), fileName, contentLength, body: request.body },
      opts,
    );
    return jsonResponse(201, { ok: true, attachment });
  } catch (e) {
    return fileErrorResponse(e, "upload");
  }
}

/**
 * GET /api/attachments/<id>[?inline=1]: the file as an attachment (or, for
 * PNG/JPEG, inline under a CSP that allows nothing to run), never sniffed.
 */
export async function downloadResponse(actor: Actor | null, id: string, request: Request, opts: { config?: UploadConfig } = {}): Promise<Response> {
  if (!actor) return jsonResponse(401, { ok: false, code: "UNAUTHENTICATED", message: "Sign in to download files." });
  const inline = new URL(request.url).searchParams.get("inline") === "1";
  let file;
  try {
    file = await openAttachment(actor, id, { inline, count: request.method !== "HEAD", config: opts.config });
  } catch (e) {
    return fileErrorResponse(e, "download");
  }
  // A HEAD answer has no body: open the file only for a GET.
  const body = request.method === "HEAD" ? null : (Readable.toWeb(file.stream() as Readable) as ReadableStream<Uint8Array>);
  return new Response(body, {
    headers: {
      "Content-Type": file.mimeType,
      "Content-Length": String(file.size),
      "Content-Disposition": contentDisposition(file.inline ? "inline" : "attachment", file.name),
      "X-Content-Type-Options": "nosniff",
      "Content-Security-Policy": "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox; frame-ancestors 'self'",
      "Cross-Origin-Resource-Policy": "same-origin",
      "Referrer-Policy": "no-referrer",
      "Cache-Control": file.inline ? "private, max-age=300" : "private, no-store",
    },
  });
}
