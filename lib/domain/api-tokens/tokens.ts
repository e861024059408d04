import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { db, sqlRows, utc } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { audit, clippedMeta, type RequestMeta } from "@/lib/audit";
import { can, toPermissionSet } from "@/lib/auth/permissions";
import type { Actor } from "@/lib/auth/actor";
import { invalid, notFound } from "@/lib/errors";
import { parseInput } from "@/lib/validation/parse";
import {
  createTokenSchema,
  MAX_ACTIVE_TOKENS,
  revokeTokenSchema,
  TOKEN_PATTERN,
  TOKEN_PREFIX,
  type CreateTokenInput,
  type RevokeTokenInput,
  type TokenLifetime,
  type TokenScope,
} from "@/lib/validation/api-tokens";

// Personal access tokens for /api/v1 (issue 15). A token is its user, with
// the user's live role, permissions and memberships read at every request —
// never more, and a "read" token refuses every write. Only the SHA-256 of
// the secret is stored: the table cannot be read back into working tokens.
// SHA-256 (not a slow password hash) is right for 256 random bits: nothing to
// guess, and every API request looks one up.

/** What a token list shows: never the secret, only its first characters. */
export interface TokenSummary {
  id: string;
  name: string;
  prefix: string;
  scope: TokenScope;
  createdAt: Date;
  lastUsedAt: Date | null;
  expiresAt: Date | null;
  revokedAt: Date | null;
}

/** An organization's token as admins see it: whose it is, too. */
export interface OrganizationTokenSummary extends TokenSummary {
  user: { id: string; name: string; email: string; active: boolean };
}

const SUMMARY_SELECT = { id: true, name: true, prefix: true, scope: true, createdAt: true, lastUsedAt: true, expiresAt: true, revokedAt: true } as const;

/** Revoked tokens stay listed this long (who revoked what, lately), then drop off the lists. */
export const REVOKED_SHOWN_MS = 30 * 24 * 3600 * 1000;

/** The characters of the secret kept to tell tokens apart: the prefix and 6 random ones. */
export const SHOWN_PREFIX_LENGTH = TOKEN_PREFIX.length + 6;

export const hashToken = (secret: string) => createHash("sha256").update(secret, "utf8").digest("hex");

const lifetimeEnd = (lifetime: TokenLifetime, now: Date): Date | null =>
  lifetime === "never" ? null : new Date(now.getTime() + Number(lifetime) * 24 * 3600 * 1000);

/** Everyone signed in may hold tokens of their own: a token can do only what its user can. */
export function mayHoldApiTokens(actor: Actor): boolean {
  return !actor.apiToken;
}

/** Admins see and revoke every token of their organization (/admin/tokens). */
export function mayManageOrganizationTokens(actor: Actor): boolean {
  return can(actor, "org.manage") && !actor.apiToken;
}

const activeWhere = (now: Date) => ({ revokedAt: null, OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] });
const shownWhere = (now: Date) => ({ OR: [{ revokedAt: null }, { revokedAt: { gt: new Date(now.getTime() - REVOKED_SHOWN_MS) } }] });

/**
 * A new token for the actor. Returns the secret — shown once and never
 * stored — with the token's summary. Audited.
 */
export async function createApiToken(actor: Actor, raw: CreateTokenInput, opts: { now?: Date; meta?: RequestMeta } = {}): Promise<{ secret: string; token: TokenSummary }> {
  // A token cannot mint tokens: a leaked one must not outlive its revocation.
  if (!mayHoldApiTokens(actor)) throw notFound("Page");
  const input = parseInput(createTokenSchema, raw);
  const now = opts.now ?? new Date();
  const secret = `${TOKEN_PREFIX}${randomBytes(32).toString("base64url")}`;
  return db.$transaction(async (tx) => {
    // Counted under the user's row lock: two tabs cannot both make the twenty-first.
    await tx.$executeRaw`SELECT 1 FROM "User" WHERE "id" = ${actor.id}::uuid FOR UPDATE`;
    const active = await tx.apiToken.count({ where: { userId: actor.id, ...activeWhere(now) } });
    if (active >= MAX_ACTIVE_TOKENS) {
      throw invalid(`You have ${MAX_ACTIVE_TOKENS} active tokens. Revoke one you no longer use first.`, { name: [`At most ${MAX_ACTIVE_TOKENS} active tokens`] });
    }
    const token = await tx.apiToken.create({
      data: {
        organizationId: actor.organizationId,
        userId: actor.id,
        name: input.name,
        prefix: secret.slice(0, SHOWN_PREFIX_LENGTH),
        tokenHash: hashToken(secret),
        scope: input.scope,
        expiresAt: lifetimeEnd(input.expires, now),
        createdAt: now,
      },
      select: SUMMARY_SELECT,
    });
    await audit(
      {
        organizationId: actor.organizationId,
        actorId: actor.id,
        action: "api_token.created",
        entityType: "api_token",
        entityId: token.id,
        data: { name: token.name, prefix: token.prefix, scope: token.scope, expiresAt: token.expiresAt?.toISOString() ?? null },
        ...opts.meta,
      },
      tx,
    );
    return { secret, token };
  });
}

/** The actor's own tokens, newest first: the active ones and those revoked lately (bounded by MAX_ACTIVE_TOKENS and the window). */
export async function listOwnTokens(actor: Actor, now = new Date()): Promise<TokenSummary[]> {
  return db.apiToken.findMany({
    where: { userId: actor.id, organizationId: actor.organizationId, ...shownWhere(now) },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: SUMMARY_SELECT,
    take: 100,
  });
}

export const ORGANIZATION_TOKENS_PAGE = 50;

/**
 * Every token of the admin's organization, newest first, a page at a time
 * (keyset on createdAt, id: `before` is the last row's id of the page shown).
 */
export async function listOrganizationTokens(
  actor: Actor,
  page: { before?: string | null } = {},
  now = new Date(),
): Promise<{ rows: OrganizationTokenSummary[]; nextBefore: string | null }> {
  if (!mayManageOrganizationTokens(actor)) throw notFound("Page");
  const before = page.before ? await db.apiToken.findFirst({ where: { id: page.before, organizationId: actor.organizationId }, select: { id: true, createdAt: true } }) : null;
  const rows = await db.apiToken.findMany({
    where: {
      organizationId: actor.organizationId,
      ...shownWhere(now),
      ...(before ? { AND: [{ OR: [{ createdAt: { lt: before.createdAt } }, { createdAt: before.createdAt, id: { lt: before.id } }] }] } : {}),
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: { ...SUMMARY_SELECT, user: { select: { id: true, name: true, email: true, active: true } } },
    take: ORGANIZATION_TOKENS_PAGE + 1,
  });
  const more = rows.length > ORGANIZATION_TOKENS_PAGE;
  const shown = more ? rows.slice(0, ORGANIZATION_TOKENS_PAGE) : rows;
  return { rows: shown, nextBefore: more ? shown[shown.length - 1]!.id : null };
}

/**
 * Revokes a token: the actor's own, or (admins) any of their organization's.
 * Anyone else's — another user's, another organization's — is not found.
 * Revoking a revoked token changes nothing. Audited.
 */
export async function revokeApiToken(actor: Actor, raw: RevokeTokenInput, opts: { now?: Date; meta?: RequestMeta } = {}): Promise<{ id: string; revokedAt: Date }> {
  const { tokenId } = parseInput(revokeTokenSchema, raw);
  if (!mayHoldApiTokens(actor)) throw notFound("Token");
  const now = opts.now ?? new Date();
  const token = await db.apiToken.findFirst({
    where: { id: tokenId, organizationId: actor.organizationId, ...(mayManageOrganizationTokens(actor) ? {} : { userId: actor.id }) },
    select: { id: true, name: true, prefix: true, userId: true, revokedAt: true },
  });
  if (!token) throw notFound("Token");
  if (token.revokedAt) return { id: token.id, revokedAt: token.revokedAt };
  return db.$transaction(async (tx) => {
    const { count } = await tx.apiToken.updateMany({ where: { id: token.id, revokedAt: null }, data: { revokedAt: now, revokedById: actor.id } });
    if (count === 1) {
      await audit(
        {
          organizationId: actor.organizationId,
          actorId: actor.id,
          action: "api_token.revoked",
          entityType: "api_token",
          entityId: token.id,
          data: { name: token.name, prefix: token.prefix, ownerId: token.userId },
          ...opts.meta,
        },
        tx,
      );
    }
    return { id: token.id, revokedAt: now };
  });
}

/** How often the last use is written (a busy integration must not write a row per request). */
export const LAST_USED_GRANULARITY_MS = 60 * 1000;

/**
 * The actor an `Authorization: Bearer …` header stands for, or null: the
 * token must exist, be unrevoked and unexpired, and its user active — read in
 * one statement with the user's live role and memberships. The first use of
 * a day is audited ("api_token.used"); the last use is kept to the minute.
 */
export async function authenticateApiToken(secret: string, opts: { now?: Date; meta?: RequestMeta } = {}): Promise<Actor | null> {
  if (!TOKEN_PATTERN.test(secret)) return null;
  const now = opts.now ?? new Date();
  const [row] = await sqlRows<{
    tokenId: string;
    scope: TokenScope;
    lastUsedAt: Date | null;
    id: string;
    organizationId: string;
    email: string;
    name: string;
    roleName: string;
    permissions: string[];
    projectIds: string[];
  }>(
    Prisma.sql`
      SELECT k."id"::text AS "tokenId", k."scope"::text AS "scope", k."lastUsedAt",
             u."id"::text, u."organizationId"::text, u."email", u."name", r."name" AS "roleName", r."permissions",
             ARRAY(SELECT m."projectId"::text FROM "ProjectMember" m WHERE m."userId" = u."id") AS "projectIds"
        FROM "ApiToken" k
        JOIN "User" u ON u."id" = k."userId" AND u."organizationId" = k."organizationId"
        JOIN "Role" r ON r."id" = u."roleId"
       WHERE k."tokenHash" = ${hashToken(secret)} AND k."revokedAt" IS NULL
         AND (k."expiresAt" IS NULL OR k."expiresAt" > ${utc(now)}) AND u."active"`,
    { prepared: true },
  );
  if (!row) return null;
  const last = row.lastUsedAt ? new Date(row.lastUsedAt) : null;
  // A new day writes at once, however close to the last use: its first use is audited.
  const firstToday = !last || last.toISOString().slice(0, 10) < now.toISOString().slice(0, 10);
  if (firstToday || now.getTime() - last.getTime() >= LAST_USED_GRANULARITY_MS) {
    const meta = clippedMeta(opts.meta ?? {});
    await db.$transaction(async (tx) => {
      // Compare-and-set on the time read: of two requests at once, one writes (and audits).
      const { count } = await tx.apiToken.updateMany({ where: { id: row.tokenId, lastUsedAt: last }, data: { lastUsedAt: now, lastUsedIp: meta.ip } });
      if (count === 1 && firstToday) {
        await audit({ organizationId: row.organizationId, actorId: row.id, action: "api_token.used", entityType: "api_token", entityId: row.tokenId, data: { day: now.toISOString().slice(0, 10) }, ...opts.meta }, tx);
      }
    });
  }
  return {
    id: row.id,
    organizationId: row.organizationId,
    email: row.email,
    name: row.name,
    roleName: row.roleName,
    permissions: toPermissionSet(row.permissions),
    projectIds: row.projectIds,
    apiToken: { id: row.tokenId, scope: row.scope },
  };
}
