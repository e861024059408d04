import "server-only";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { audit, type RequestMeta } from "@/lib/audit";
import { invalid, INVALID_FORM, notFound } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { parseInput } from "@/lib/validation/parse";
import { inviteUserSchema, userRefSchema, type InviteUserInput, type UserRefInput } from "@/lib/validation/users";
import { adminUserSelect, assertUserAdmin, isInvited } from "./admin-access";
import { issueLinkToken, reissueLinkToken } from "./link-tokens";
import { linkUrl, queueLinkMail } from "./link-mail";
import { insertMembership } from "@/lib/domain/projects/members";
import { assertMayInvite } from "@/lib/domain/registration/confirmation";

export const EMAIL_IN_USE = "This e-mail address already has an account";

async function organizationName(organizationId: string): Promise<string> {
  return (await db.organization.findUnique({ where: { id: organizationId }, select: { name: true } }))?.name ?? "";
}

const NOT_OUR_PROJECTS = "Choose projects of your organization";

/**
 * An admin invites someone: a user without a password (status "invited") in
 * the admin's organization with the chosen role, a member of the chosen
 * projects, and a one-time link (7 days) by e-mail through the outbox — one
 * transaction with its audit rows. An e-mail address is unique across the
 * installation: one already in use is a message on the Email field. A
 * registered organization invites nobody until its founder confirmed their
 * address (lib/domain/registration/confirmation.ts).
 */
export async function inviteUser(actor: Actor, raw: InviteUserInput, meta: RequestMeta, now = new Date()): Promise<{ id: string; email: string }> {
  assertUserAdmin(actor);
  const input = parseInput(inviteUserSchema, raw);
  const role = await db.role.findFirst({ where: { id: input.roleId, organizationId: actor.organizationId }, select: { id: true, name: true } });
  if (!role) throw invalid("Choose a role", { roleId: ["Choose one of the organization's roles"] });
  await assertMayInvite(actor.organizationId, actor.id);
  const projects = input.projectIds.length
    ? await db.project.findMany({ where: { id: { in: input.projectIds }, organizationId: actor.organizationId }, orderBy: { key: "asc" }, select: { id: true, key: true } })
    : [];
  if (projects.length !== input.projectIds.length) throw invalid(INVALID_FORM, { projectIds: [NOT_OUR_PROJECTS] });
  if (await db.user.findUnique({ where: { email: input.email }, select: { id: true } })) throw invalid(EMAIL_IN_USE, { email: [EMAIL_IN_USE] });
  const orgName = await organizationName(actor.organizationId);

  try {
    return await db.$transaction(async (tx) => {
      const user = await tx.user.create({
        data: { organizationId: actor.organizationId, email: input.email, name: input.name, roleId: role.id, invitedAt: now, passwordHash: null },
        select: { id: true, email: true },
      });
      for (const project of projects) {
        await insertMembership(tx, { organizationId: actor.organizationId, actorId: actor.id }, meta, project, { id: user.id, name: input.name, email: user.email }, false);
      }
      const link = await issueLinkToken(tx, { userId: user.id, organizationId: actor.organizationId, purpose: "invite", createdById: actor.id, now });
      await queueLinkMail(tx, actor.organizationId, {
        purpose: "invite",
        to: user.email,
        name: input.name,
        organizationName: orgName,
        inviterName: actor.name,
        url: linkUrl("invite", link.token),
        expiresAt: link.expiresAt,
      });
      await audit(
        {
          organizationId: actor.organizationId,
          actorId: actor.id,
          action: "user.invited",
          entityType: "user",
          entityId: user.id,
          data: {
            old: null,
            new: { email: user.email, name: input.name, roleId: role.id, role: role.name, status: "invited", projects: projects.map((p) => p.key) },
            linkExpiresAt: link.expiresAt.toISOString(),
          },
          ...meta,
        },
        tx,
      );
      return user;
    });
  } catch (e) {
    // Two invites of one address at once: the unique index decides, the loser hears the same as above.
    if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2002") throw invalid(EMAIL_IN_USE, { email: [EMAIL_IN_USE] });
    throw e;
  }
}

/** A new invite link for a user who has not set a password yet; the earlier link stops working. */
export async function resendInvite(actor: Actor, raw: UserRefInput, meta: RequestMeta, now = new Date()): Promise<{ id: string; email: string }> {
  assertUserAdmin(actor);
  const input = parseInput(userRefSchema, raw);
  const user = await db.user.findFirst({ where: { id: input.userId, organizationId: actor.organizationId }, select: adminUserSelect });
  if (!user) throw notFound("User");
  if (!user.active) throw invalid(`${user.name} is deactivated: reactivate them before sending an invite.`);
  if (!isInvited(user)) throw invalid(`${user.name} has already set a password; there is no invite to resend.`);
  await assertMayInvite(actor.organizationId, actor.id);
  const orgName = await organizationName(actor.organizationId);

  return db.$transaction(async (tx) => {
    const link = await reissueLinkToken(tx, { userId: user.id, organizationId: actor.organizationId, purpose: "invite", createdById: actor.id, now });
    await queueLinkMail(tx, actor.organizationId, {
      purpose: "invite",
      to: user.email,
      name: user.name,
      organizationName: orgName,
      inviterName: actor.name,
      url: linkUrl("invite", link.token),
      expiresAt: link.expiresAt,
    });
    await audit(
      {
        organizationId: actor.organizationId,
        actorId: actor.id,
        action: "user.invite_resent",
        entityType: "user",
        entityId: user.id,
        data: { old: { linkExpiresAt: link.previousExpiresAt?.toISOString() ?? null }, new: { linkExpiresAt: link.expiresAt.toISOString() }, linksReplaced: link.replaced },
        ...meta,
      },
      tx,
    );
    return { id: user.id, email: user.email };
  });
}
