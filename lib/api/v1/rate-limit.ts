import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import { sqlRows, utc } from "@/lib/db";

// Requests per token (and, for calls that fail authentication, per IP) in
// fixed one-minute windows, counted in PostgreSQL so that every app instance
// shares them: one upsert per request. Limits come from the environment.

export const WINDOW_MS = 60_000;

export interface RateLimits {
  /** Requests a token may make per minute. */
  perToken: number;
  /** Failed authentications an IP may make per minute (token guessing). */
  perIp: number;
}

function positiveInt(raw: string | undefined, fallback: number): number {
  const n = raw && /^\d{1,7}$/.test(raw) ? Number(raw) : NaN;
  return n > 0 ? n : fallback;
}

/** API_RATE_LIMIT_PER_MINUTE (default 600) and API_RATE_LIMIT_UNAUTHENTICATED_PER_MINUTE (default 30). */
export function rateLimits(env: Record<string, string | undefined> = process.env): RateLimits {
  return { perToken: positiveInt(env.API_RATE_LIMIT_PER_MINUTE, 600), perIp: positiveInt(env.API_RATE_LIMIT_UNAUTHENTICATED_PER_MINUTE, 30) };
}

export interface RateState {
  limit: number;
  remaining: number;
  /** Seconds until the window ends. */
  reset: number;
  exceeded: boolean;
}

/** Counts one request in `bucket`'s current window and says where it stands. */
export async function hit(bucket: string, limit: number, now = new Date()): Promise<RateState> {
  const start = new Date(Math.floor(now.getTime() / WINDOW_MS) * WINDOW_MS);
  const [row] = await sqlRows<{ count: number }>(
    Prisma.sql`
      INSERT INTO "ApiRateWindow" ("bucket", "windowStart", "count") VALUES (${bucket}, ${utc(start)}, 1)
      ON CONFLICT ("bucket", "windowStart") DO UPDATE SET "count" = "ApiRateWindow"."count" + 1
      RETURNING "count"`,
    { prepared: true },
  );
  const count = row?.count ?? 1;
  sweepOccasionally(now);
  return { limit, remaining: Math.max(0, limit - count), reset: Math.max(1, Math.ceil((start.getTime() + WINDOW_MS - now.getTime()) / 1000)), exceeded: count > limit };
}

/** The RateLimit-* headers (IETF draft) of a state. */
export function rateHeaders(s: RateState): Record<string, string> {
  return { "RateLimit-Limit": String(s.limit), "RateLimit-Remaining": String(s.remaining), "RateLimit-Reset": String(s.reset), ...(s.exceeded ? { "Retry-After": String(s.reset) } : {}) };
}

let lastSweep = 0;
/** Windows older than an hour go, at most once a minute per process, off the request's path. */
function sweepOccasionally(now: Date): void {
  if (now.getTime() - lastSweep < WINDOW_MS) return;
  lastSweep = now.getTime();
  sqlRows(Prisma.sql`DELETE FROM "ApiRateWindow" WHERE "windowStart" < ${utc(new Date(now.getTime() - 3_600_000))} RETURNING 1 AS "one"`).catch((e) => console.error("[api] rate window sweep failed", e));
}
