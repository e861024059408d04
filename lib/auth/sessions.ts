import "server-only";
import { db, type Tx } from "@/lib/db";
import { clippedMeta, type RequestMeta } from "@/lib/audit";

/** How long a sign-in lasts at most, whatever the browser does (also the cookie's lifetime). */
export const SESSION_MAX_AGE_SECONDS = 60 * 60 * 12;

export type SessionEndReason = "sign_out" | "password_changed" | "password_reset" | "deactivated";

/** Opens the server-side session a new session cookie will name. */
export async function openSession(user: { id: string; organizationId: string }, meta: RequestMeta, now = new Date()): Promise<string> {
  const row = await db.authSession.create({
    data: {
      userId: user.id,
      organizationId: user.organizationId,
      expiresAt: new Date(now.getTime() + SESSION_MAX_AGE_SECONDS * 1000),
      ...clippedMeta(meta),
    },
    select: { id: true },
  });
  return row.id;
}

/** Ends one session; returns its owner when it was still open. */
export async function endSession(sessionId: string, reason: SessionEndReason): Promise<{ userId: string; organizationId: string } | null> {
  const open = await db.authSession.findFirst({ where: { id: sessionId, revokedAt: null }, select: { userId: true, organizationId: true } });
  if (!open) return null;
  await db.authSession.updateMany({ where: { id: sessionId, revokedAt: null }, data: { revokedAt: new Date(), revokedReason: reason } });
  return open;
}

/** Ends every open session of a user (but `keep`, the one making the change); returns how many. */
export async function endUserSessions(client: Tx, userId: string, reason: SessionEndReason, keep?: string): Promise<number> {
  const { count } = await client.authSession.updateMany({
    where: { userId, revokedAt: null, ...(keep ? { id: { not: keep } } : {}) },
    data: { revokedAt: new Date(), revokedReason: reason },
  });
  return count;
}

/** Forgets sessions that ended or expired more than a month ago. */
export async function sweepSessions(now = new Date()): Promise<number> {
  const before = new Date(now.getTime() - 30 * 24 * 3600 * 1000);
  const { count } = await db.authSession.deleteMany({ where: { expiresAt: { lt: before } } });
  return count;
}
