import "server-only";
import { readdir, rm, stat } from "node:fs/promises";
import path from "node:path";
import { db, type Tx } from "@/lib/db";
import { uploadConfig, type UploadConfig } from "./config";
import { lockContent, storedPath, tempDir } from "./store";

export const PENDING_MAX_AGE_MS = 24 * 60 * 60 * 1000;

/**
 * Removes uploads for replies that were never sent (pending for longer than a
 * day), their files when no other row shares the content, and abandoned
 * temporary files. Safe to run next to uploads: see lockContent.
 */
export async function cleanupPendingUploads(opts: { now?: Date; maxAgeMs?: number; config?: UploadConfig; batch?: number } = {}) {
  const config = opts.config ?? uploadConfig();
  const cutoff = new Date((opts.now ?? new Date()).getTime() - (opts.maxAgeMs ?? PENDING_MAX_AGE_MS));
  const stale = await db.attachment.findMany({
    where: { pending: true, createdAt: { lt: cutoff } },
    select: { id: true, sha256: true },
    take: opts.batch ?? 500,
  });
  const byHash = new Map<string, string[]>();
  for (const r of stale) byHash.set(r.sha256, [...(byHash.get(r.sha256) ?? []), r.id]);

  let removed = 0;
  let filesDeleted = 0;
  for (const [sha256, ids] of byHash) {
    if (
      await deleteFileIfUnreferenced(config, sha256, async (tx) => {
        // Re-checked under the lock: a reply may have bound one meanwhile.
        removed += (await tx.attachment.deleteMany({ where: { id: { in: ids }, pending: true } })).count;
      })
    )
      filesDeleted++;
  }

  let tempFilesDeleted = 0;
  const tmp = tempDir(config);
  for (const name of await readdir(tmp).catch(() => [] as string[])) {
    const file = path.join(tmp, name);
    const info = await stat(file).catch(() => null);
    if (info && info.mtime < cutoff) {
      await rm(file, { force: true });
      tempFilesDeleted++;
    }
  }
  return { removed, filesDeleted, tempFilesDeleted };
}

/**
 * Under the content lock: runs `before` (which may delete rows), then deletes
 * the stored file when no attachment row points at this content any more.
 * Returns whether the file was deleted.
 */
async function deleteFileIfUnreferenced(config: UploadConfig, sha256: string, before?: (tx: Tx) => Promise<void>): Promise<boolean> {
  return db.$transaction(async (tx) => {
    await lockContent(tx, sha256);
    if (before) await before(tx);
    if ((await tx.attachment.count({ where: { sha256 } })) > 0) return false;
    await rm(storedPath(config, sha256), { force: true });
    return true;
  });
}

/**
 * After rows were deleted for good (a purged ticket): the files no other row
 * shares go too. Failures are logged, never thrown — the rows are already
 * gone, and a later run of the same check finds nothing left to do.
 */
export async function deleteOrphanedFiles(hashes: Iterable<string>, config: UploadConfig = uploadConfig()): Promise<number> {
  let deleted = 0;
  for (const sha256 of new Set(hashes)) {
    try {
      if (await deleteFileIfUnreferenced(config, sha256)) deleted++;
    } catch (e) {
      console.error("[attachments] could not delete an orphaned file", sha256, e);
    }
  }
  return deleted;
}

let lastSweep = 0;
/** At most once an hour per server process, after an upload has been answered (app/api/uploads). */
export async function sweepOccasionally(now = Date.now()): Promise<void> {
  if (now - lastSweep < 60 * 60 * 1000) return;
  lastSweep = now;
  try {
    await cleanupPendingUploads({ now: new Date(now) });
  } catch (e) {
    console.error("[attachments] cleanup failed", e);
  }
}
