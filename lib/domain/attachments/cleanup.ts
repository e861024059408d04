import { readdir, rm, stat } from "node:fs/promises";
import path from "node:path";
import { db } from "@/lib/db";
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
    await db.$transaction(async (tx) => {
      await lockContent(tx, sha256);
      // Re-checked under the lock: a reply may have bound one meanwhile.
      removed += (await tx.attachment.deleteMany({ where: { id: { in: ids }, pending: true } })).count;
      if ((await tx.attachment.count({ where: { sha256 } })) === 0) {
        await rm(storedPath(config, sha256), { force: true });
        filesDeleted++;
      }
    });
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
