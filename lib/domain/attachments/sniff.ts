import { open } from "node:fs/promises";
import { fileTypeFromBuffer, fileTypeFromFile, type FileTypeResult } from "file-type";
import { TYPE_INFO, type Family, type UploadType } from "./types";

// The type of an upload is decided from its content (DESIGN §7), never from
// the browser's claim: the content's family must match the name's extension.
// file-type recognises binary formats (and OOXML by its [Content_Types].xml);
// the signatures, the ZIP directory and the UTF-8 scan here are our own
// checks, so a gap in one does not let a file through.

/** What the server learnt about a file's bytes. */
export interface ContentFacts {
  size: number;
  /** The first bytes of the file (at least 16 when the file has them). */
  head: Uint8Array;
  /** From a TextScanner that saw every byte. */
  text: TextVerdict;
  fileType: FileTypeResult | undefined;
  /** Entry names from the ZIP central directory; null when the file is not a readable ZIP. */
  zipEntries: string[] | null;
}

export type TextVerdict = "text" | "nul" | "invalid";

/** Scans a stream chunk by chunk: valid UTF-8 with no NUL byte, or why not. */
export class TextScanner {
  private decoder = new TextDecoder("utf-8", { fatal: true });
  private state: TextVerdict = "text";

  push(chunk: Uint8Array): void {
    if (this.state !== "text") return;
    if (chunk.includes(0)) {
      this.state = "nul";
      return;
    }
    try {
      this.decoder.decode(chunk, { stream: true });
    } catch {
      this.state = "invalid";
    }
  }

  end(): TextVerdict {
    if (this.state === "text") {
      try {
        this.decoder.decode();
      } catch {
        this.state = "invalid";
      }
    }
    return this.state;
  }
}

export type Verdict = { ok: true; mime: string } | { ok: false; status: 415 | 422; message: string };

const SIG = {
  pdf: [0x25, 0x50, 0x44, 0x46, 0x2d], // %PDF-
  png: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
  jpeg: [0xff, 0xd8, 0xff],
  ole: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1],
  zip: [0x50, 0x4b, 0x03, 0x04],
} as const;

const EXECUTABLE_SIGS = [
  [0x4d, 0x5a], // MZ: Windows .exe/.dll
  [0x7f, 0x45, 0x4c, 0x46], // ELF
  [0xfe, 0xed, 0xfa, 0xce],
  [0xfe, 0xed, 0xfa, 0xcf],
  [0xce, 0xfa, 0xed, 0xfe],
  [0xcf, 0xfa, 0xed, 0xfe], // Mach-O
  [0xca, 0xfe, 0xba, 0xbe], // Mach-O fat binary / Java class
];
const EXECUTABLE_EXTS = new Set(["exe", "elf", "macho", "class", "dex", "apk", "jar", "msi", "wasm", "deb", "rpm", "xpi", "crx"]);

function startsWith(head: Uint8Array, sig: readonly number[]): boolean {
  return head.length >= sig.length && sig.every((b, i) => head[i] === b);
}

function looksExecutable(f: ContentFacts): boolean {
  // "MZ…" can begin a plain sentence; a real executable is binary (it has NUL bytes).
  if (f.text === "text") return false;
  return (f.fileType !== undefined && EXECUTABLE_EXTS.has(f.fileType.ext)) || EXECUTABLE_SIGS.some((sig) => startsWith(f.head, sig));
}

function hasContentTypes(f: ContentFacts): boolean {
  return startsWith(f.head, SIG.zip) && !!f.zipEntries?.includes("[Content_Types].xml");
}

const MATCHES: Record<Family, (f: ContentFacts) => boolean> = {
  pdf: (f) => startsWith(f.head, SIG.pdf),
  png: (f) => startsWith(f.head, SIG.png) && (f.fileType?.ext === "png" || f.fileType?.ext === "apng"),
  jpeg: (f) => startsWith(f.head, SIG.jpeg) && f.fileType?.ext === "jpg",
  ole: (f) => startsWith(f.head, SIG.ole),
  docx: (f) => hasContentTypes(f) && f.fileType?.ext === "docx",
  xlsx: (f) => hasContentTypes(f) && f.fileType?.ext === "xlsx",
  text: (f) => f.text === "text",
};

const DETECTED: Record<string, string> = {
  pdf: "a PDF document",
  png: "a PNG image",
  apng: "a PNG image",
  jpg: "a JPEG image",
  gif: "a GIF image",
  webp: "a WebP image",
  cfb: "an Office 97–2003 file",
  docx: "a Word document",
  xlsx: "an Excel workbook",
  pptx: "a PowerPoint presentation",
  zip: "a ZIP archive",
  exe: "a Windows program",
};

function describe(f: ContentFacts): string | null {
  if (f.fileType) return DETECTED[f.fileType.ext] ?? `a .${f.fileType.ext} file`;
  if (startsWith(f.head, SIG.zip)) return "a ZIP archive";
  if (f.text === "text") return "plain text";
  if (f.text === "nul") return "binary data";
  return null;
}

/** Decides whether content may be stored under a name with this (allowed) extension. */
export function judge(ext: UploadType, f: ContentFacts): Verdict {
  if (f.size === 0) return { ok: false, status: 422, message: "The file is empty." };
  if (looksExecutable(f)) return { ok: false, status: 415, message: "Programs and other executable files cannot be attached, whatever their name." };
  const info = TYPE_INFO[ext];
  if (MATCHES[info.family](f)) return { ok: true, mime: info.mime };
  if (info.family === "text") {
    const why = f.text === "nul" ? "it contains NUL bytes" : "it is not valid UTF-8";
    const looks = describe(f);
    return { ok: false, status: 415, message: `The file's content does not match its .${ext} name: ${why}${looks && looks !== "binary data" ? ` (it looks like ${looks})` : ""}.` };
  }
  const looks = describe(f);
  return { ok: false, status: 415, message: `The file's content does not match its .${ext} name: it is not ${info.label}${looks ? ` (it looks like ${looks})` : ""}.` };
}

// ─── Reading the facts ──────────────────────────────────────────────────────

type ReadAt = (position: number, length: number) => Promise<Uint8Array>;

/** Entry names of a ZIP's central directory (no ZIP64, at most 5,000 entries), or null. */
export async function zipEntryNames(size: number, readAt: ReadAt): Promise<string[] | null> {
  if (size < 22) return null;
  const tailLength = Math.min(size, 22 + 0xffff);
  const tail = await readAt(size - tailLength, tailLength);
  const view = new DataView(tail.buffer, tail.byteOffset, tail.byteLength);
  let eocd = -1;
  for (let i = tail.length - 22; i >= 0; i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return null;
  const count = view.getUint16(eocd + 10, true);
  const cdSize = view.getUint32(eocd + 12, true);
  const cdOffset = view.getUint32(eocd + 16, true);
  if (count > 5000 || cdOffset + cdSize > size || cdSize > 4 * 1024 * 1024) return null;
  const cd = await readAt(cdOffset, cdSize);
  const cdView = new DataView(cd.buffer, cd.byteOffset, cd.byteLength);
  const names: string[] = [];
  const decoder = new TextDecoder();
  let p = 0;
  for (let n = 0; n < count; n++) {
    if (p + 46 > cd.length || cdView.getUint32(p, true) !== 0x02014b50) return null;
    const nameLength = cdView.getUint16(p + 28, true);
    const extraLength = cdView.getUint16(p + 30, true);
    const commentLength = cdView.getUint16(p + 32, true);
    if (p + 46 + nameLength > cd.length) return null;
    names.push(decoder.decode(cd.subarray(p + 46, p + 46 + nameLength)));
    p += 46 + nameLength + extraLength + commentLength;
  }
  return names;
}

/** Facts about a file on disk; `head` and `text` were collected while it streamed in. */
export async function factsFromFile(path: string, seen: { size: number; head: Uint8Array; text: TextVerdict }): Promise<ContentFacts> {
  const handle = await open(path, "r");
  try {
    const readAt: ReadAt = async (position, length) => {
      const buf = Buffer.alloc(length);
      const { bytesRead } = await handle.read(buf, 0, length, position);
      return buf.subarray(0, bytesRead);
    };
    const zipEntries = startsWith(seen.head, SIG.zip) ? await zipEntryNames(seen.size, readAt) : null;
    const fileType = seen.size > 0 ? await fileTypeFromFile(path).catch(() => undefined) : undefined;
    return { ...seen, fileType, zipEntries };
  } finally {
    await handle.close();
  }
}

/** The same facts from bytes in memory (tests, small inputs). */
export async function factsFromBuffer(bytes: Uint8Array): Promise<ContentFacts> {
  const scanner = new TextScanner();
  scanner.push(bytes);
  const readAt: ReadAt = async (position, length) => bytes.subarray(position, position + length);
  return {
    size: bytes.length,
    head: bytes.subarray(0, 64),
    text: scanner.end(),
    fileType: bytes.length > 0 ? await fileTypeFromBuffer(bytes).catch(() => undefined) : undefined,
    zipEntries: startsWith(bytes, SIG.zip) ? await zipEntryNames(bytes.length, readAt) : null,
  };
}
