import "server-only";
import { requestThrottleKeys, type ActiveLock, type ThrottleKey, type ThrottleRule } from "@/lib/auth/throttle";

// Sign-ups (/register, /register/[orgSlug]) are counted like sign-in failures
// (lib/auth/throttle.ts: PostgreSQL, shared by every instance), on counters of
// their own, whether or not the address already has an account: per address
// signed up with (3, then one per minute doubling up to an hour: a mailbox is
// not flooded with confirmations) and per client address (10, then five
// minutes doubling up to a day: organizations are not made by the thousand).
export const REGISTER_ACCOUNT_RULE: ThrottleRule = { free: 3, baseSeconds: 60, maxSeconds: 3600, idleSeconds: 3600 };
export const REGISTER_ADDRESS_RULE: ThrottleRule = { free: 10, baseSeconds: 300, maxSeconds: 24 * 3600, idleSeconds: 3600 };

export function registrationThrottleKeys(email: string, ip: string | null | undefined): ThrottleKey[] {
  return requestThrottleKeys("register", email, ip, { account: REGISTER_ACCOUNT_RULE, address: REGISTER_ADDRESS_RULE });
}

// "Resend confirmation" e-mails the founder: the same pace per address.
export function resendThrottleKeys(email: string, ip: string | null | undefined): ThrottleKey[] {
  return requestThrottleKeys("confirm", email, ip, { account: REGISTER_ACCOUNT_RULE, address: REGISTER_ADDRESS_RULE });
}

/** What a refused request says: when to try again (the lock is on the address asked for or on the client, never on whether an account exists). */
export function tooManyRequests(lock: ActiveLock, now = new Date()): string {
  const minutes = Math.max(1, Math.ceil((lock.lockedUntil.getTime() - now.getTime()) / 60_000));
  const when = minutes >= 90 ? `${Math.round(minutes / 60)} hours` : minutes === 1 ? "a minute" : `${minutes} minutes`;
  return `Too many attempts ${lock.kind === "account" ? "for this e-mail address" : "from your network"}. Try again in ${when}.`;
}
