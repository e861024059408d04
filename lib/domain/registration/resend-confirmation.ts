import "server-only";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { audit, type RequestMeta } from "@/lib/audit";
import { activeLock, recordFailure } from "@/lib/auth/throttle";
import { assertAdminister } from "@/lib/domain/admin/access";
import { invalid } from "@/lib/errors";
import { invitationsOnHold, sendConfirmationLink } from "./confirmation";
import { resendThrottleKeys, tooManyRequests } from "./limits";

export const ALREADY_CONFIRMED = "The e-mail address is already confirmed: you can invite people.";

/**
 * "Resend confirmation" on /admin/users: a new confirmation link to the
 * organization's unconfirmed founder (the earlier link stops working), for an
 * admin of that organization. Rate-limited like a sign-up; audited with the
 * old and new expiry.
 */
export async function resendConfirmation(actor: Actor, meta: RequestMeta, now = new Date()): Promise<{ email: string }> {
  assertAdminister(actor, "User");
  const founder = await invitationsOnHold(actor.organizationId);
  if (!founder) throw invalid(ALREADY_CONFIRMED);
  const keys = resendThrottleKeys(founder.email, meta.ip);
  const lock = await activeLock(keys, now);
  if (lock) throw invalid(tooManyRequests(lock, now));
  await recordFailure(keys, now);
  const org = await db.organization.findUniqueOrThrow({ where: { id: actor.organizationId }, select: { name: true } });
  return db.$transaction(async (tx) => {
    const link = await sendConfirmationLink(tx, { ...founder, organizationId: actor.organizationId }, { organizationName: org.name, founder: true, now, createdById: actor.id });
    await audit(
      {
        organizationId: actor.organizationId,
        actorId: actor.id,
        action: "user.confirmation_resent",
        entityType: "user",
        entityId: founder.id,
        data: { old: { linkExpiresAt: link.previousExpiresAt?.toISOString() ?? null }, new: { linkExpiresAt: link.expiresAt.toISOString() }, linksReplaced: link.replaced },
        ...meta,
      },
      tx,
    );
    return { email: founder.email };
  });
}
