import "server-only";
import { z } from "zod";
import { db } from "@/lib/db";
import { audit, type RequestMeta } from "@/lib/audit";
import { verifyPassword } from "@/lib/auth/password";
import { openSession } from "@/lib/auth/sessions";
import { activeLock, clearAccount, recordFailure, throttleKeys } from "@/lib/auth/throttle";
import { isUnconfirmed } from "@/lib/domain/users/admin-access";

export const credentialsSchema = z.object({
  email: z.string().trim().toLowerCase().email().max(254),
  password: z.string().min(1).max(200),
});

export const SIGN_IN_FAILED = "Invalid email or password.";

/** What the caller typed as e-mail, fit for the audit log (jsonb holds no NUL; other controls are noise). */
function typedEmail(raw: unknown): string {
  const value = (raw as { email?: unknown } | null | undefined)?.email;
  return typeof value === "string" ? value.replace(/[\u0000-\u001f\u007f]/g, "").trim().toLowerCase().slice(0, 254) : "";
}

/**
 * Someone who signed up on a portal signs in once they confirmed their
 * address; the founder of an organization registered at /register signs in at
 * once (and cannot invite people until they confirm).
 */
function awaitsConfirmation(user: { id: string; registeredAt: Date | null; emailConfirmedAt: Date | null; organization: { unconfirmedFounderId: string | null } }): boolean {
  return isUnconfirmed(user) && user.organization.unconfirmedFounderId !== user.id;
}

/**
 * Checks credentials, records the attempt in the audit log and, on success,
 * opens the server-side session the cookie will name. Wrong password, unknown
 * e-mail, deactivated account, an address not confirmed yet and a locked
 * account or address all fail the same way to the caller. While the account
 * or the caller's address is locked (lib/auth/throttle.ts) the password is not
 * even checked.
 */
export async function authenticate(
  raw: unknown,
  meta: RequestMeta,
  now = new Date(),
): Promise<{ id: string; email: string; name: string; sessionId: string } | null> {
  const parsed = credentialsSchema.safeParse(raw);
  const email = parsed.success ? parsed.data.email : typedEmail(raw);
  const keys = throttleKeys(email, meta.ip);
  const user = parsed.success
    ? await db.user.findUnique({
        where: { email: parsed.data.email },
        select: {
          id: true,
          email: true,
          name: true,
          active: true,
          organizationId: true,
          passwordHash: true,
          registeredAt: true,
          emailConfirmedAt: true,
          organization: { select: { unconfirmedFounderId: true } },
        },
      })
    : null;
  const base = { organizationId: user?.organizationId ?? null, actorId: user?.id ?? null, entityType: "user", entityId: user?.id, ...meta };

  const lock = await activeLock(keys, now);
  if (lock) {
    await audit({ ...base, action: "auth.sign_in_failed", data: { email, reason: "locked", limit: lock.kind, lockedUntil: lock.lockedUntil.toISOString() } });
    return null;
  }

  // The compare always runs (same timing); a user without a password (invited, SSO) never matches.
  const passwordOk = (await verifyPassword(parsed.success ? parsed.data.password : "", user?.passwordHash)) && !!user?.passwordHash;
  const reason = !user ? "unknown_email" : !passwordOk ? "wrong_password" : !user.active ? "deactivated" : awaitsConfirmation(user) ? "unconfirmed" : null;

  if (reason || !user) {
    const locked = await recordFailure(keys, now);
    await audit({
      ...base,
      action: "auth.sign_in_failed",
      data: { email, reason: reason ?? "unknown_email", ...(locked ? { lockedUntil: locked.lockedUntil.toISOString(), limit: locked.kind } : {}) },
    });
    return null;
  }
  await clearAccount(email);
  const sessionId = await openSession(user, meta, now);
  await audit({ ...base, action: "auth.sign_in", data: { email, sessionId } });
  await db.user.update({ where: { id: user.id }, data: { lastLoginAt: now } });
  return { id: user.id, email: user.email, name: user.name, sessionId };
}
