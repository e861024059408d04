// The upload types the server can check by content (DESIGN §7). The
// environment may allow a subset (lib/env.ts UPLOAD_ALLOWED_TYPES); nothing
// outside this table can be allowed, because nothing else has a content check.

export const UPLOAD_TYPES = ["pdf", "png", "jpg", "jpeg", "doc", "docx", "xls", "xlsx", "txt", "csv", "log"] as const;
export type UploadType = (typeof UPLOAD_TYPES)[number];

/** How a family's content is recognised; see sniff.ts. */
export type Family = "pdf" | "png" | "jpeg" | "ole" | "docx" | "xlsx" | "text";

export interface TypeInfo {
  family: Family;
  /** The type stored and sent on download: decided by the server, never the browser's claim. */
  mime: string;
  /** For messages: "a PDF document". */
  label: string;
}

export const TYPE_INFO: Record<UploadType, TypeInfo> = {
  pdf: { family: "pdf", mime: "application/pdf", label: "a PDF document" },
  png: { family: "png", mime: "image/png", label: "a PNG image" },
  jpg: { family: "jpeg", mime: "image/jpeg", label: "a JPEG image" },
  jpeg: { family: "jpeg", mime: "image/jpeg", label: "a JPEG image" },
  doc: { family: "ole", mime: "application/msword", label: "a Word document" },
  xls: { family: "ole", mime: "application/vnd.ms-excel", label: "an Excel workbook" },
  docx: { family: "docx", mime: "application/vnd.openxmlformats-officedocument.wordprocessingml.document", label: "a Word document" },
  xlsx: { family: "xlsx", mime: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", label: "an Excel workbook" },
  txt: { family: "text", mime: "text/plain; charset=utf-8", label: "UTF-8 text" },
  csv: { family: "text", mime: "text/csv; charset=utf-8", label: "UTF-8 text" },
  log: { family: "text", mime: "text/plain; charset=utf-8", label: "UTF-8 text" },
};

export function isUploadType(ext: string): ext is UploadType {
  return (UPLOAD_TYPES as readonly string[]).includes(ext);
}

/** Only these are ever shown inline (thumbnails, preview); everything else is a download. */
export const INLINE_MIME_TYPES = new Set(["image/png", "image/jpeg"]);

/** "10 MB", "512 KB", "1.5 MB" — for limits and file sizes. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ["KB", "MB", "GB"];
  let v = bytes / 1024;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  const rounded = v >= 10 || Number.isInteger(v) ? Math.round(v) : Math.round(v * 10) / 10;
  return `${rounded} ${units[u]}`;
}

/** The accept attribute of a file picker for the allowed types. */
export function acceptAttribute(types: readonly string[]): string {
  return types.map((t) => `.${t}`).join(",");
}
