// The original file name is kept for display only (files are stored under
// their content hash), but a name with path parts, control characters or a
// reserved device name is refused with a message saying what to rename,
// rather than silently changed: the person uploading sees the name everyone
// else will see.

export const FILE_NAME_MAX = 200;

export type NameCheck = { ok: true; name: string; ext: string } | { ok: false; message: string };

// C0/C1 controls and the bidirectional overrides that make "gpj.exe" read as "exe.jpg".
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/u;
const WINDOWS_FORBIDDEN = /[<>:"|?*]/;
const RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])$/i;

export function checkFileName(raw: string): NameCheck {
  const name = raw.normalize("NFC").trim();
  if (!name) return { ok: false, message: "The file needs a name." };
  if (CONTROL.test(name)) return { ok: false, message: "File names cannot contain control characters." };
  if (name.includes("/") || name.includes("\\")) return { ok: false, message: "File names cannot contain slashes or folder names. Rename the file and try again." };
  if (name === "." || name === ".." || name.startsWith(".")) return { ok: false, message: "File names cannot start with a dot. Rename the file and try again." };
  if (WINDOWS_FORBIDDEN.test(name)) return { ok: false, message: 'File names cannot contain < > : " | ? or *. Rename the file and try again.' };
  if (name.length > FILE_NAME_MAX) return { ok: false, message: `File names can be at most ${FILE_NAME_MAX} characters.` };
  if (name.endsWith(".")) return { ok: false, message: "File names cannot end with a dot." };
  const base = name.split(".")[0]!.trim();
  if (RESERVED.test(base)) return { ok: false, message: `“${base}” is a reserved file name. Rename the file and try again.` };
  const dot = name.lastIndexOf(".");
  if (dot <= 0) return { ok: false, message: "The file name needs an extension such as .pdf or .png." };
  return { ok: true, name, ext: name.slice(dot + 1).toLowerCase() };
}

/** A plain-ASCII stand-in for the filename="" parameter (RFC 6266); filename* carries the real name. */
export function asciiFallback(name: string): string {
  const ascii = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^\x20-\x7e]/g, "_")
    .replace(/["\\%;]/g, "_");
  return ascii || "download";
}

/** RFC 5987 ext-value: UTF-8, percent-encoded, with the characters encodeURIComponent leaves alone but attr-char forbids. */
export function rfc5987(name: string): string {
  return encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

export function contentDisposition(kind: "attachment" | "inline", name: string): string {
  return `${kind}; filename="${asciiFallback(name)}"; filename*=UTF-8''${rfc5987(name)}`;
}
