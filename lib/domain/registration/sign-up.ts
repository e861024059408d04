import "server-only";
import { db, type Tx } from "@/lib/db";
import { audit, type RequestMeta } from "@/lib/audit";
import { hashPassword } from "@/lib/auth/password";
import { activeLock, recordFailure } from "@/lib/auth/throttle";
import { invalid } from "@/lib/errors";
import { isUniqueViolation } from "@/lib/domain/projects/access";
import { isUnconfirmed } from "@/lib/domain/users/admin-access";
import { sendConfirmationLink } from "./confirmation";
import { registrationThrottleKeys, tooManyRequests } from "./limits";
import { queueAccountExistsMail } from "./mails";

/** What both sign-up forms answer, whether or not the address already had an account: "check your e-mail". */
export interface SignUpAnswer {
  email: string;
}

export interface SignedUp {
  user: { id: string; name: string; email: string; organizationId: string };
  organizationName: string;
  /** The admin of the organization just registered (else a requester who signed up on a portal). */
  founder: boolean;
}

export interface SignUpPlan {
  /** For the audit rows of a refusal: "organization" (/register) or "requester" (/register/[orgSlug]). */
  kind: "organization" | "requester";
  /** The portal's organization (requesters); null for /register, which has none yet. */
  organizationId: string | null;
  /** Writes the new account (and, for /register, the organization) and its audit rows. */
  create: (tx: Tx, passwordHash: string) => Promise<SignedUp>;
  now: Date;
}

const EXISTING_SELECT = {
  id: true,
  name: true,
  email: true,
  organizationId: true,
  active: true,
  registeredAt: true,
  emailConfirmedAt: true,
  organization: { select: { name: true, unconfirmedFounderId: true } },
} as const;

/**
 * The one path of both sign-up forms. Rate-limited per address signed up
 * with and per client (limits.ts); the password is hashed whatever happens
 * next, so a taken address answers as slowly as a new one. A new address gets
 * its account (plan.create) and a confirmation link (3 days) by e-mail, in
 * one transaction. An address that already has an account gets an e-mail
 * saying so — or, if that account was signed up and never confirmed, a new
 * confirmation link — and the caller hears exactly the same: no existence
 * oracle beyond what signing in afterwards tells.
 */
export async function signUp(input: { email: string; password: string }, meta: RequestMeta, plan: SignUpPlan): Promise<SignUpAnswer> {
  const answer: SignUpAnswer = { email: input.email };
  const refused = (organizationId: string | null, data: Record<string, unknown>, client?: Tx) =>
    audit({ organizationId, action: "registration.refused", data: { email: input.email, form: plan.kind, ...data }, ...meta }, client);

  const keys = registrationThrottleKeys(input.email, meta.ip);
  const lock = await activeLock(keys, plan.now);
  if (lock) {
    await refused(plan.organizationId, { reason: "rate_limited", limit: lock.kind });
    throw invalid(tooManyRequests(lock, plan.now));
  }
  await recordFailure(keys, plan.now);
  const passwordHash = await hashPassword(input.password);

  const existing = await db.user.findUnique({ where: { email: input.email }, select: EXISTING_SELECT });
  if (existing) {
    await db.$transaction(async (tx) => {
      let mail: "confirmation" | "account_exists" | null = null;
      if (existing.active && isUnconfirmed(existing)) {
        await sendConfirmationLink(tx, existing, { organizationName: existing.organization.name, founder: existing.organization.unconfirmedFounderId === existing.id, now: plan.now });
        mail = "confirmation";
      } else if (existing.active) {
        await queueAccountExistsMail(tx, existing.organizationId, { to: existing.email, name: existing.name, organizationName: existing.organization.name });
        mail = "account_exists";
      }
      await refused(existing.organizationId, { reason: "email_taken", mail }, tx);
    });
    return answer;
  }

  try {
    await db.$transaction(async (tx) => {
      const made = await plan.create(tx, passwordHash);
      await sendConfirmationLink(tx, made.user, { organizationName: made.organizationName, founder: made.founder, now: plan.now });
    });
  } catch (e) {
    // The same address signed up twice at once: the unique index decides, and the loser hears the same.
    if (!isUniqueViolation(e)) throw e;
    await refused(plan.organizationId, { reason: "email_taken", mail: null });
  }
  return answer;
}
