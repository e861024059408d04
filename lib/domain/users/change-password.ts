import "server-only";
import { db } from "@/lib/db";
import { audit, type RequestMeta } from "@/lib/audit";
import type { Actor } from "@/lib/auth/actor";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { endUserSessions } from "@/lib/auth/sessions";
import { activeLock, recordFailure, throttleKeys } from "@/lib/auth/throttle";
import { conflict, invalid, notFound } from "@/lib/errors";
import { parseInput } from "@/lib/validation/parse";
import { changePasswordSchema, type ChangePasswordInput } from "@/lib/validation/account";

const TOO_MANY = "Too many wrong passwords. Try again in a few minutes.";

/**
 * The signed-in user sets a new password. The current one is required and
 * counts against the same sign-in limit as the login form (a stolen session
 * cannot guess it). One transaction sets the hash (compare-and-set on the old
 * hash: two changes at once cannot both win), ends every other session of the
 * user — the one making the change stays signed in — and writes the audit row.
 */
export async function changePassword(actor: Actor, raw: ChangePasswordInput, meta: RequestMeta): Promise<{ sessionsEnded: number }> {
  const input = parseInput(changePasswordSchema, raw);
  const keys = throttleKeys(actor.email, meta.ip);
  if (await activeLock(keys)) throw invalid(TOO_MANY, { currentPassword: [TOO_MANY] });

  const user = await db.user.findFirst({ where: { id: actor.id, organizationId: actor.organizationId, active: true }, select: { passwordHash: true } });
  if (!user) throw notFound("User");
  if (!user.passwordHash || !(await verifyPassword(input.currentPassword, user.passwordHash))) {
    await recordFailure(keys);
    await audit({ organizationId: actor.organizationId, actorId: actor.id, action: "auth.password_change_failed", entityType: "user", entityId: actor.id, data: { reason: "wrong_password" }, ...meta });
    throw invalid("Your current password is not right.", { currentPassword: ["This is not your current password"] });
  }

  const passwordHash = await hashPassword(input.newPassword);
  return db.$transaction(async (tx) => {
    const { count } = await tx.user.updateMany({ where: { id: actor.id, passwordHash: user.passwordHash }, data: { passwordHash } });
    if (count === 0) throw conflict("Your password was changed elsewhere a moment ago. Sign in again with the new one.");
    const sessionsEnded = await endUserSessions(tx, actor.id, "password_changed", actor.sessionId);
    await audit({ organizationId: actor.organizationId, actorId: actor.id, action: "auth.password_changed", entityType: "user", entityId: actor.id, data: { sessionsEnded }, ...meta }, tx);
    return { sessionsEnded };
  });
}
