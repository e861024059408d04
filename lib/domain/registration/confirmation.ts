import "server-only";
import { db, type Tx } from "@/lib/db";
import { audit, type RequestMeta } from "@/lib/audit";
import { invalid } from "@/lib/errors";
import { clearAccount } from "@/lib/auth/throttle";
import { parseInput } from "@/lib/validation/parse";
import { confirmEmailSchema, type ConfirmEmailInput } from "@/lib/validation/registration";
import { consumeLinkToken, LinkError, reissueLinkToken } from "@/lib/domain/users/link-tokens";
import { linkUrl, queueLinkMail } from "@/lib/domain/users/link-mail";

// An address someone typed when they signed themself up is theirs once they
// use a link we e-mailed to it: the confirmation link (/confirm/[token]), or
// an invite or reset link (set-password-with-link.ts). Until a registered
// organization's founder has confirmed, nobody in it can invite people:
// invitations are e-mails to third parties, and an unconfirmed address may be
// anyone's.

/**
 * E-mails the user a confirmation link (3 days) in the caller's transaction;
 * an earlier unused one stops working. Returns the link's expiry and that of
 * the one it replaced.
 */
export async function sendConfirmationLink(
  tx: Tx,
  user: { id: string; name: string; email: string; organizationId: string },
  opts: { organizationName: string; founder: boolean; now: Date; createdById?: string },
): Promise<{ expiresAt: Date; previousExpiresAt: Date | null; replaced: number }> {
  const link = await reissueLinkToken(tx, { userId: user.id, organizationId: user.organizationId, purpose: "email_confirmation", createdById: opts.createdById, now: opts.now });
  await queueLinkMail(tx, user.organizationId, {
    purpose: "email_confirmation",
    to: user.email,
    name: user.name,
    organizationName: opts.organizationName,
    founder: opts.founder,
    url: linkUrl("email_confirmation", link.token),
    expiresAt: link.expiresAt,
  });
  return { expiresAt: link.expiresAt, previousExpiresAt: link.previousExpiresAt, replaced: link.replaced };
}

/**
 * Records that the user's address is confirmed (once) and, when they are
 * their organization's unconfirmed founder, opens invitations. Inside the
 * caller's transaction.
 */
export async function markEmailConfirmed(tx: Tx, user: { id: string; organizationId: string }, now = new Date()): Promise<{ confirmed: boolean; invitationsOpened: boolean }> {
  const { count } = await tx.user.updateMany({ where: { id: user.id, emailConfirmedAt: null }, data: { emailConfirmedAt: now } });
  const org = await tx.organization.updateMany({ where: { id: user.organizationId, unconfirmedFounderId: user.id }, data: { unconfirmedFounderId: null } });
  return { confirmed: count > 0, invitationsOpened: org.count > 0 };
}

/**
 * "Confirm e-mail address" on /confirm/[token]: uses the link up (once, until
 * it expires, not after a newer one replaced it), confirms the address and
 * writes the audit row, in one transaction. `founder`: invitations are open
 * now (the page then points to Users; a requester is pointed to sign in).
 */
export async function confirmEmail(raw: ConfirmEmailInput, meta: RequestMeta, now = new Date()): Promise<{ email: string; founder: boolean }> {
  const input = parseInput(confirmEmailSchema, raw);
  const done = await db.$transaction(async (tx) => {
    const token = await consumeLinkToken(tx, input.token, "email_confirmation", now);
    const user = await tx.user.findFirst({
      where: { id: token.userId, organizationId: token.organizationId },
      select: { id: true, email: true, organizationId: true, active: true, emailConfirmedAt: true },
    });
    if (!user || !user.active) throw new LinkError("invalid");
    const marked = await markEmailConfirmed(tx, user, now);
    await audit(
      {
        organizationId: user.organizationId,
        actorId: user.id,
        action: "user.email_confirmed",
        entityType: "user",
        entityId: user.id,
        data: { old: { emailConfirmed: user.emailConfirmedAt !== null }, new: { emailConfirmed: true }, invitationsOpened: marked.invitationsOpened },
        ...meta,
      },
      tx,
    );
    return { email: user.email, founder: marked.invitationsOpened };
  });
  // Sign-ins tried before confirming counted as failures: they must not keep the owner out now.
  await clearAccount(done.email);
  return done;
}

/** The founder whose confirmation invitations wait on, or null when the organization may invite. */
export async function invitationsOnHold(organizationId: string, client: Tx | typeof db = db): Promise<{ id: string; name: string; email: string } | null> {
  const org = await client.organization.findUnique({ where: { id: organizationId }, select: { unconfirmedFounderId: true } });
  if (!org?.unconfirmedFounderId) return null;
  return client.user.findFirst({ where: { id: org.unconfirmedFounderId, organizationId, active: true }, select: { id: true, name: true, email: true } });
}

/** Why "Invite user" is refused while invitations wait on the founder's confirmation (the Users page says the same). */
export function invitationsOnHoldText(founder: { id: string; name: string; email: string }, viewerId: string): string {
  return founder.id === viewerId
    ? `Confirm your e-mail address (${founder.email}) before you invite people: open the link we e-mailed you, or use "Resend confirmation" on the Users page.`
    : `Invitations open once ${founder.name} (${founder.email}) confirms their e-mail address with the link we e-mailed them ("Resend confirmation" on the Users page sends a new one).`;
}

/** Refuses an invitation while the organization's founder has not confirmed their address. */
export async function assertMayInvite(organizationId: string, viewerId: string): Promise<void> {
  const founder = await invitationsOnHold(organizationId);
  if (founder) throw invalid(invitationsOnHoldText(founder, viewerId));
}
