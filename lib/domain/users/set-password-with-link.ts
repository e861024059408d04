import "server-only";
import { db } from "@/lib/db";
import { audit, type RequestMeta } from "@/lib/audit";
import { hashPassword } from "@/lib/auth/password";
import { endUserSessions } from "@/lib/auth/sessions";
import { clearAccount } from "@/lib/auth/throttle";
import { parseInput } from "@/lib/validation/parse";
import { setPasswordWithLinkSchema, type SetPasswordWithLinkInput } from "@/lib/validation/users";
import { isInvited, userStatus } from "./admin-access";
import { consumeLinkToken, inspectLinkToken, LinkError, revokeLinkTokens } from "./link-tokens";
import { markEmailConfirmed } from "@/lib/domain/registration/confirmation";

/**
 * /invite/[token] and /reset/[token]: the link's holder chooses a password.
 * One transaction uses the link up (once), sets the password, withdraws the
 * user's other unused links, ends every session of the user (a reset is how
 * someone takes back an account) and writes the audit row. The caller then
 * signs in with the new password through the same credentials flow as /login.
 * Using a link we e-mailed also confirms the address.
 */
export async function setPasswordWithLink(raw: SetPasswordWithLinkInput, meta: RequestMeta, now = new Date()): Promise<{ email: string }> {
  const input = parseInput(setPasswordWithLinkSchema, raw);
  // A link that does not work is refused before bcrypt runs: anyone may call this, and hashing costs CPU.
  const pre = await inspectLinkToken(input.token, input.purpose, now);
  if (!pre.ok) throw new LinkError(pre.problem);
  const passwordHash = await hashPassword(input.password);
  const email = await db.$transaction(async (tx) => {
    const token = await consumeLinkToken(tx, input.token, input.purpose, now);
    const user = await tx.user.findFirst({
      where: { id: token.userId, organizationId: token.organizationId },
      select: { id: true, email: true, active: true, invitedAt: true, passwordHash: true },
    });
    if (!user || !user.active) throw new LinkError("invalid");
    // An invite is for someone who has no password yet; once they chose one, the invite is spent.
    if (input.purpose === "invite" && !isInvited(user)) throw new LinkError("used");

    await tx.user.update({ where: { id: user.id }, data: { passwordHash } });
    // The link came by e-mail: the address is theirs (a registered founder's invitations open, a signed-up requester may sign in).
    await markEmailConfirmed(tx, { id: user.id, organizationId: token.organizationId }, now);
    await revokeLinkTokens(tx, user.id, now);
    const sessionsEnded = await endUserSessions(tx, user.id, input.purpose === "invite" ? "password_changed" : "password_reset");
    await audit(
      {
        organizationId: token.organizationId,
        actorId: user.id,
        entityType: "user",
        entityId: user.id,
        ...(input.purpose === "invite"
          ? { action: "user.invite_accepted", data: { old: { status: userStatus(user), passwordSet: false }, new: { status: "active", passwordSet: true } } }
          : { action: "auth.password_reset", data: { old: { passwordSet: user.passwordHash !== null }, new: { passwordSet: true }, sessionsEnded } }),
        ...meta,
      },
      tx,
    );
    return user.email;
  });
  // A lock earned by someone guessing at the old password must not stop the owner signing in with the new one.
  await clearAccount(email);
  return { email };
}
