import "server-only";
import { createHash, randomUUID } from "node:crypto";
import { mkdir, open, rename, rm } from "node:fs/promises";
import path from "node:path";
import type { Tx } from "@/lib/db";
import type { UploadConfig } from "./config";
import { TextScanner, type TextVerdict } from "./sniff";

// Files are stored once per content (DATA_DIR/uploads/<aa>/<sha256>, outside
// public/). A transaction-scoped advisory lock per hash orders "a row now
// points at this file" against "no row points at it any more, delete it".

const SHA256 = /^[0-9a-f]{64}$/;

export function uploadsRoot(config: UploadConfig): string {
  return path.join(config.dataDir, "uploads");
}

export function storedPath(config: UploadConfig, sha256: string): string {
  if (!SHA256.test(sha256)) throw new Error("Not a SHA-256 hex digest");
  return path.join(uploadsRoot(config), sha256.slice(0, 2), sha256);
}

export function tempDir(config: UploadConfig): string {
  return path.join(uploadsRoot(config), "tmp");
}

export interface Received {
  tmpPath: string;
  size: number;
  sha256: string;
  head: Uint8Array;
  text: TextVerdict;
}

export class TooLarge extends Error {}

/**
 * Streams a request body to a temporary file while hashing it and scanning it
 * as text. Stops reading, deletes the partial file and throws TooLarge as
 * soon as more than maxBytes arrive.
 */
export async function receiveToTemp(body: ReadableStream<Uint8Array> | null, config: UploadConfig): Promise<Received> {
  const dir = tempDir(config);
  await mkdir(dir, { recursive: true });
  const tmpPath = path.join(dir, `${randomUUID()}.part`);
  const handle = await open(tmpPath, "wx", 0o600);
  const hash = createHash("sha256");
  const scanner = new TextScanner();
  const head: Uint8Array[] = [];
  let headLength = 0;
  let size = 0;
  const reader = body?.getReader();
  try {
    while (reader) {
      const { value, done } = await reader.read();
      if (done) break;
      if (!value?.length) continue;
      size += value.length;
      if (size > config.maxBytes) {
        await reader.cancel().catch(() => undefined);
        throw new TooLarge();
      }
      hash.update(value);
      scanner.push(value);
      if (headLength < 64) {
        head.push(value.subarray(0, 64 - headLength));
        headLength += Math.min(value.length, 64 - headLength);
      }
      await handle.write(value);
    }
    await handle.close();
  } catch (e) {
    await handle.close().catch(() => undefined);
    await rm(tmpPath, { force: true });
    throw e;
  }
  return { tmpPath, size, sha256: hash.digest("hex"), head: Buffer.concat(head), text: scanner.end() };
}

/** Within the writing transaction: serialise on this content hash (see cleanup.ts). */
export async function lockContent(tx: Tx, sha256: string): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(7411, hashtext(${sha256}))`;
}

/** Moves a received file to its content address; an identical stored file is simply replaced (same bytes). */
export async function placeFile(config: UploadConfig, tmpPath: string, sha256: string): Promise<void> {
  const target = storedPath(config, sha256);
  await mkdir(path.dirname(target), { recursive: true });
  await rename(tmpPath, target);
}
