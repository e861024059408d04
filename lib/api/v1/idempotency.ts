import "server-only";
import { createHash } from "node:crypto";
import { Prisma } from "@/lib/generated/prisma/client";
import { sqlRows, utc } from "@/lib/db";

// Idempotency-Key on POST (issue 15): the first request with a key runs and
// its answer is kept for a day; a retry of the same request by the same user
// gets that answer again and creates nothing twice. The key is claimed with
// one insert, so two retries racing each other cannot both run.

export const KEY_TTL_MS = 24 * 3600 * 1000;
export const KEY_PATTERN = /^[\x21-\x7e]{1,200}$/;

export const requestHash = (method: string, path: string, body: string) => createHash("sha256").update(`${method}\n${path}\n${body}`, "utf8").digest("hex");

export type Claim =
  | { kind: "claimed" }
  | { kind: "replay"; status: number; body: string; location: string | null }
  | { kind: "in_progress" }
  | { kind: "other_request" };

/** Claims `key` for this request, or says what became of the first request that used it. */
export async function claimKey(userId: string, key: string, hash: string, now = new Date()): Promise<Claim> {
  const cutoff = utc(new Date(now.getTime() - KEY_TTL_MS));
  const claimed = await sqlRows<{ one: number }>(
    Prisma.sql`
      INSERT INTO "ApiIdempotencyKey" ("userId", "key", "requestHash", "createdAt") VALUES (${userId}::uuid, ${key}, ${hash}, ${utc(now)})
      ON CONFLICT ("userId", "key") DO UPDATE SET "requestHash" = EXCLUDED."requestHash", "status" = NULL, "body" = NULL, "location" = NULL,
                                                  "createdAt" = EXCLUDED."createdAt", "completedAt" = NULL
        WHERE "ApiIdempotencyKey"."createdAt" < ${cutoff}
      RETURNING 1 AS "one"`,
  );
  if (claimed.length) return { kind: "claimed" };
  const [row] = await sqlRows<{ requestHash: string; status: number | null; body: string | null; location: string | null }>(
    Prisma.sql`SELECT "requestHash", "status", "body", "location" FROM "ApiIdempotencyKey" WHERE "userId" = ${userId}::uuid AND "key" = ${key}`,
  );
  if (!row) return claimKey(userId, key, hash, now);
  if (row.requestHash !== hash) return { kind: "other_request" };
  if (row.status === null) return { kind: "in_progress" };
  return { kind: "replay", status: row.status, body: row.body ?? "", location: row.location };
}

/** Keeps the first answer for retries. */
export async function completeKey(userId: string, key: string, answer: { status: number; body: string; location: string | null }, now = new Date()): Promise<void> {
  await sqlRows(
    Prisma.sql`UPDATE "ApiIdempotencyKey" SET "status" = ${answer.status}, "body" = ${answer.body}, "location" = ${answer.location}, "completedAt" = ${utc(now)}
                WHERE "userId" = ${userId}::uuid AND "key" = ${key} RETURNING 1 AS "one"`,
  );
}

/** The first request failed unexpectedly (a 5xx): the key is free for a retry. */
export async function releaseKey(userId: string, key: string): Promise<void> {
  await sqlRows(Prisma.sql`DELETE FROM "ApiIdempotencyKey" WHERE "userId" = ${userId}::uuid AND "key" = ${key} AND "status" IS NULL RETURNING 1 AS "one"`);
}
