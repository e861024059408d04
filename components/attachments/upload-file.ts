// Sends one file to POST /api/uploads as the raw body (its name URI-encoded
// in X-Filename). XMLHttpRequest, not fetch: only it reports upload progress.

export interface UploadedAttachment {
  id: string;
  originalName: string;
  size: number;
  mimeType: string;
}

export type UploadOutcome = { ok: true; attachment: UploadedAttachment } | { ok: false; message: string };

export function uploadFile(
  file: File,
  /** A ticket's file or a reply's; or, with no ticket yet, one staged for the request about to be created. */
  target: { ticketId: string; purpose: "ticket" | "comment" } | { purpose: "request" },
  onProgress: (fraction: number) => void,
): { done: Promise<UploadOutcome>; abort: () => void } {
  const xhr = new XMLHttpRequest();
  const done = new Promise<UploadOutcome>((resolve) => {
    xhr.open("POST", `/api/uploads?${new URLSearchParams(target)}`);
    xhr.setRequestHeader("X-Filename", encodeURIComponent(file.name));
    xhr.setRequestHeader("Content-Type", "application/octet-stream");
    xhr.responseType = "json";
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && e.total > 0) onProgress(e.loaded / e.total);
    };
    xhr.onload = () => {
      const body = xhr.response as { ok?: boolean; message?: string; attachment?: UploadedAttachment } | null;
      if (xhr.status === 201 && body?.ok && body.attachment) resolve({ ok: true, attachment: body.attachment });
      else resolve({ ok: false, message: body?.message ?? (xhr.status === 413 ? "The file is too large." : `The upload failed (${xhr.status}). Please try again.`) });
    };
    xhr.onerror = () => resolve({ ok: false, message: "The upload was interrupted. Check your connection and try again." });
    xhr.onabort = () => resolve({ ok: false, message: "Upload cancelled." });
    xhr.send(file);
  });
  return { done, abort: () => xhr.abort() };
}
