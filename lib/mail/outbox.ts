import "server-only";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { afterFailure } from "./backoff";
import { createMailer, type Mailer } from "./mailer";

// Drains the e-mail outbox. A message is claimed with FOR UPDATE SKIP LOCKED
// and leased (status "sending", nextAttemptAt = end of the lease) in one
// statement, so concurrent drains — two server processes, two intervals —
// never take the same message. It is sent outside any transaction; a drain
// that dies mid-send leaves a lease that expires and the message is tried
// again (at least once, never twice at the same time).

export interface DrainOptions {
  mailer?: Mailer;
  now?: () => Date;
  batchSize?: number;
  maxAttempts?: number;
  /** How long a claimed message stays ours before another drain may retry it. */
  leaseMs?: number;
  /** Stop after this many batches (the worker comes back on its next tick). */
  maxBatches?: number;
}

export interface DrainResult {
  claimed: number;
  sent: number;
  retried: number;
  failed: number;
}

interface Claimed {
  id: string;
  to: string;
  subject: string;
  text: string;
  html: string | null;
  attempts: number;
}

export const DEFAULT_LEASE_MS = 5 * 60_000;

/** Leases up to `limit` due messages (pending, or sending with an expired lease). */
export async function claimDue(now: Date, limit: number, leaseMs = DEFAULT_LEASE_MS): Promise<Claimed[]> {
  const leaseUntil = new Date(now.getTime() + leaseMs);
  return db.$queryRaw<Claimed[]>`
    UPDATE "OutboxMessage" o
    SET status = 'sending', "nextAttemptAt" = ${leaseUntil}
    FROM (
      SELECT id FROM "OutboxMessage"
      WHERE status IN ('pending', 'sending') AND "nextAttemptAt" <= ${now}
      ORDER BY "nextAttemptAt", id
      LIMIT ${limit}
      FOR UPDATE SKIP LOCKED
    ) due
    WHERE o.id = due.id
    RETURNING o.id, o."to", o.subject, o.text, o.html, o.attempts`;
}

function errorText(e: unknown): string {
  const err = e as { responseCode?: number; response?: string; message?: string };
  const text = [err.responseCode, err.response ?? err.message ?? String(e)].filter(Boolean).join(" ");
  return text.slice(0, 1000);
}

export async function drainOutbox(opts: DrainOptions = {}): Promise<DrainResult> {
  const e = env();
  const now = opts.now ?? (() => new Date());
  const batchSize = opts.batchSize ?? e.OUTBOX_BATCH;
  const maxAttempts = opts.maxAttempts ?? e.OUTBOX_MAX_ATTEMPTS;
  const maxBatches = opts.maxBatches ?? 10;
  const mailer = opts.mailer ?? createMailer();
  const result: DrainResult = { claimed: 0, sent: 0, retried: 0, failed: 0 };
  try {
    for (let batch = 0; batch < maxBatches; batch++) {
      const claimed = await claimDue(now(), batchSize, opts.leaseMs);
      result.claimed += claimed.length;
      for (const m of claimed) {
        const attempts = m.attempts + 1;
        try {
          await mailer.send(m);
          await db.outboxMessage.updateMany({ where: { id: m.id, status: "sending" }, data: { status: "sent", sentAt: now(), attempts, lastError: null } });
          result.sent++;
        } catch (err) {
          const next = afterFailure(attempts, maxAttempts, now());
          await db.outboxMessage.updateMany({
            where: { id: m.id, status: "sending" },
            data: next.status === "failed" ? { status: "failed", attempts, lastError: errorText(err) } : { status: "pending", attempts, nextAttemptAt: next.nextAttemptAt, lastError: errorText(err) },
          });
          if (next.status === "failed") result.failed++;
          else result.retried++;
        }
      }
      if (claimed.length < batchSize) break;
    }
  } finally {
    if (!opts.mailer) mailer.close();
  }
  return result;
}
