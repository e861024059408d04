import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import { sqlRows } from "@/lib/db";

/**
 * Sign-in limits, kept in PostgreSQL so that every app instance on the
 * database counts the same failures. Two counters per attempt: the account
 * (by normalised e-mail, known or not: an unknown e-mail is limited exactly
 * like a known one) and the client address. A counter allows `free` failures;
 * each failure after that locks it for `baseSeconds`, doubling per failure up
 * to `maxSeconds`. A counter goes idle — starts again at zero — once no failure
 * has been recorded for `idleSeconds`, so a continuing attack keeps its lock
 * growing while an occasional typo never adds up.
 */
export interface ThrottleRule {
  free: number;
  baseSeconds: number;
  maxSeconds: number;
  idleSeconds: number;
}

export const ACCOUNT_RULE: ThrottleRule = { free: 5, baseSeconds: 30, maxSeconds: 15 * 60, idleSeconds: 15 * 60 };
// Generous: an office behind one address must not lock itself out through typos.
export const ADDRESS_RULE: ThrottleRule = { free: 30, baseSeconds: 30, maxSeconds: 60 * 60, idleSeconds: 15 * 60 };

export type ThrottleKind = "account" | "address";

export interface ThrottleKey {
  kind: ThrottleKind;
  key: string;
  rule: ThrottleRule;
}

/** The counters one sign-in attempt is measured against. */
export function throttleKeys(email: string, ip: string | null | undefined): ThrottleKey[] {
  const keys: ThrottleKey[] = [{ kind: "account", key: `account:${email.trim().toLowerCase()}`, rule: ACCOUNT_RULE }];
  if (ip) keys.push({ kind: "address", key: `address:${ip}`, rule: ADDRESS_RULE });
  return keys;
}

/**
 * The counters of a request anyone may make that sends an e-mail or creates
 * something ("Forgot password?", registration): each request counts like a
 * failure, on counters of its own kind (`prefix`) — one per e-mail address
 * asked for (a mailbox is not flooded), one per client address.
 */
export function requestThrottleKeys(prefix: string, email: string, ip: string | null | undefined, rules: { account: ThrottleRule; address: ThrottleRule }): ThrottleKey[] {
  const keys: ThrottleKey[] = [{ kind: "account", key: `${prefix}:account:${email.trim().toLowerCase()}`, rule: rules.account }];
  if (ip) keys.push({ kind: "address", key: `${prefix}:address:${ip}`, rule: rules.address });
  return keys;
}

/** How long the n-th failure locks a counter (0: not yet). */
export function lockSeconds(rule: ThrottleRule, failures: number): number {
  if (failures < rule.free) return 0;
  return Math.min(rule.baseSeconds * 2 ** Math.min(failures - rule.free, 30), rule.maxSeconds);
}

export interface ActiveLock {
  kind: ThrottleKind;
  lockedUntil: Date;
}

// Columns are UTC timestamps without zone (as Prisma writes them): compare and
// read them in UTC whatever the server's zone.
const utc = (d: Date) => Prisma.sql`(${d.toISOString()}::timestamptz AT TIME ZONE 'UTC')`;
const epochMs = (column: Prisma.Sql) => Prisma.sql`(extract(epoch FROM ${column}) * 1000)::float8`;

/** The counter of these that stays locked longest from now, if any is locked. */
export async function activeLock(keys: readonly ThrottleKey[], now = new Date()): Promise<ActiveLock | null> {
  const rows = await sqlRows<{ key: string; until: number }>(Prisma.sql`
    SELECT key, ${epochMs(Prisma.sql`"lockedUntil"`)} AS until FROM "SignInThrottle"
    WHERE key = ANY(${keys.map((k) => k.key)}::text[]) AND "lockedUntil" > ${utc(now)}
    ORDER BY "lockedUntil" DESC LIMIT 1`);
  const row = rows[0];
  if (!row) return null;
  return { kind: keys.find((k) => k.key === row.key)?.kind ?? "account", lockedUntil: new Date(row.until) };
}

/**
 * Counts one failure on each counter, one upsert per counter: concurrent
 * failures on other instances add up and none is lost. Returns the lock this
 * failure started, if it started one.
 */
export async function recordFailure(keys: readonly ThrottleKey[], now = new Date()): Promise<ActiveLock | null> {
  let started: ActiveLock | null = null;
  for (const k of keys) {
    const { free, baseSeconds, maxSeconds, idleSeconds } = k.rule;
    const at = utc(now);
    const idleBefore = utc(new Date(now.getTime() - idleSeconds * 1000));
    // The new count, written once and reused by the lock below (same formula as lockSeconds).
    const count = Prisma.sql`(CASE WHEN t."lastFailureAt" < ${idleBefore} THEN 1 ELSE t.failures + 1 END)`;
    const lockFor = (n: Prisma.Sql) =>
      Prisma.sql`CASE WHEN ${n} >= ${free}::int THEN ${at} + make_interval(secs => least(${baseSeconds}::float8 * power(2, least(${n} - ${free}::int, 30)), ${maxSeconds}::float8)) END`;
    const rows = await sqlRows<{ until: number | null }>(Prisma.sql`
      INSERT INTO "SignInThrottle" AS t (key, failures, "lastFailureAt", "lockedUntil")
      VALUES (${k.key}, 1, ${at}, ${lockFor(Prisma.sql`1`)})
      ON CONFLICT (key) DO UPDATE SET failures = ${count}, "lastFailureAt" = ${at}, "lockedUntil" = ${lockFor(count)}
      RETURNING ${epochMs(Prisma.sql`"lockedUntil"`)} AS until`);
    const until = rows[0]?.until;
    if (until != null && (!started || until > started.lockedUntil.getTime())) started = { kind: k.kind, lockedUntil: new Date(until) };
  }
  return started;
}

/** A successful sign-in clears the account's counter (the address keeps its count). */
export async function clearAccount(email: string): Promise<void> {
  await sqlRows(Prisma.sql`DELETE FROM "SignInThrottle" WHERE key = ${throttleKeys(email, null)[0]!.key}`);
}

/** Forgets counters idle for a day (run now and then by the background worker). */
export async function sweepThrottle(now = new Date()): Promise<number> {
  const rows = await sqlRows<{ n: number }>(Prisma.sql`
    WITH gone AS (DELETE FROM "SignInThrottle" WHERE "lastFailureAt" < ${utc(new Date(now.getTime() - 24 * 3600 * 1000))}
      AND ("lockedUntil" IS NULL OR "lockedUntil" < ${utc(now)}) RETURNING 1)
    SELECT count(*)::int AS n FROM gone`);
  return rows[0]?.n ?? 0;
}
