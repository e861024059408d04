// Retry schedule of the e-mail outbox: 30 s, 1 min, 2 min, 4 min … doubling
// after each failed attempt, never more than an hour apart.

export const BACKOFF_BASE_MS = 30_000;
export const BACKOFF_CAP_MS = 60 * 60_000;

/** The wait before the next try, after `attempts` failed tries (1 after the first failure). */
export function backoffMs(attempts: number, base = BACKOFF_BASE_MS, cap = BACKOFF_CAP_MS): number {
  if (!Number.isFinite(attempts) || attempts < 1) return 0;
  // 2^n overflows to Infinity long before the cap matters; clamp the exponent first.
  const exponent = Math.min(attempts - 1, 30);
  return Math.min(base * 2 ** exponent, cap);
}

/** What a failed send leads to: another try later, or giving up after `maxAttempts`. */
export function afterFailure(attempts: number, maxAttempts: number, now: Date): { status: "pending"; nextAttemptAt: Date } | { status: "failed" } {
  if (attempts >= maxAttempts) return { status: "failed" };
  return { status: "pending", nextAttemptAt: new Date(now.getTime() + backoffMs(attempts)) };
}
