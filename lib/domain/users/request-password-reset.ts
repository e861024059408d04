import "server-only";
import { db } from "@/lib/db";
import { audit, type RequestMeta } from "@/lib/audit";
import { activeLock, recordFailure, requestThrottleKeys, type ThrottleKey, type ThrottleRule } from "@/lib/auth/throttle";
import { parseInput } from "@/lib/validation/parse";
import { forgotPasswordSchema, type ForgotPasswordInput } from "@/lib/validation/users";
import { issueLinkToken } from "./link-tokens";
import { linkUrl, queueLinkMail } from "./link-mail";

/** What "Forgot password?" always answers, whether or not the address has an account (no existence oracle). */
export const RESET_REQUESTED = "If an account exists for that address, we sent a link to reset its password. It works for one hour.";

// Requests are counted like sign-in failures (lib/auth/throttle.ts, shared by
// every instance through PostgreSQL) on counters of their own: per address
// asked for (a mailbox is not flooded: 3 e-mails, then one per minute,
// doubling up to an hour) and per client address.
export const RESET_ACCOUNT_RULE: ThrottleRule = { free: 3, baseSeconds: 60, maxSeconds: 3600, idleSeconds: 3600 };
export const RESET_ADDRESS_RULE: ThrottleRule = { free: 20, baseSeconds: 60, maxSeconds: 3600, idleSeconds: 15 * 60 };

export function resetThrottleKeys(email: string, ip: string | null | undefined): ThrottleKey[] {
  return requestThrottleKeys("reset", email, ip, { account: RESET_ACCOUNT_RULE, address: RESET_ADDRESS_RULE });
}

/**
 * "Forgot password?": e-mails a one-time reset link (1 hour) to an active
 * account with that address. The caller always hears RESET_REQUESTED: an
 * unknown address, a deactivated account and a rate-limited request send
 * nothing and answer the same.
 */
export async function requestPasswordReset(raw: ForgotPasswordInput, meta: RequestMeta, now = new Date()): Promise<{ message: string }> {
  const input = parseInput(forgotPasswordSchema, raw);
  const answer = { message: RESET_REQUESTED };
  const keys = resetThrottleKeys(input.email, meta.ip);
  const user = await db.user.findUnique({ where: { email: input.email }, select: { id: true, organizationId: true, name: true, email: true, active: true } });
  const base = { organizationId: user?.organizationId ?? null, actorId: user?.id ?? null, entityType: "user", entityId: user?.id, ...meta };

  const lock = await activeLock(keys, now);
  if (lock) {
    await audit({ ...base, action: "auth.password_reset_refused", data: { email: input.email, reason: "rate_limited", limit: lock.kind } });
    return answer;
  }
  await recordFailure(keys, now);
  if (!user || !user.active) {
    await audit({ ...base, action: "auth.password_reset_refused", data: { email: input.email, reason: user ? "deactivated" : "unknown_email" } });
    return answer;
  }

  const org = await db.organization.findUnique({ where: { id: user.organizationId }, select: { name: true } });
  await db.$transaction(async (tx) => {
    const link = await issueLinkToken(tx, { userId: user.id, organizationId: user.organizationId, purpose: "password_reset", now });
    await queueLinkMail(tx, user.organizationId, {
      purpose: "password_reset",
      to: user.email,
      name: user.name,
      organizationName: org?.name ?? "",
      url: linkUrl("password_reset", link.token),
      expiresAt: link.expiresAt,
    });
    await audit({ ...base, action: "auth.password_reset_requested", data: { email: user.email, linkExpiresAt: link.expiresAt.toISOString(), linksReplaced: link.replaced } }, tx);
  });
  return answer;
}
