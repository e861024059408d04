import "server-only";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { audit, type RequestMeta } from "@/lib/audit";
import { endUserSessions } from "@/lib/auth/sessions";
import { conflict, invalid, notFound } from "@/lib/errors";
import { parseInput } from "@/lib/validation/parse";
import { userRefSchema, type UserRefInput } from "@/lib/validation/users";
import { adminUserSelect, assertUserAdmin, userStatus } from "./admin-access";
import { assertAnotherAdminRemains, holdsOrgManage, lockOrganizationAdmins } from "./last-admin";
import { revokeLinkTokens } from "./link-tokens";

export const NOT_YOURSELF = "You cannot deactivate yourself. Ask another admin to do it.";

/**
 * Deactivates a user of the organization: they cannot sign in, every session
 * of theirs ends at once (the session check also reads `active`) and their
 * unused invite or reset links stop working — one transaction with the audit
 * row. Not oneself, and not the last active admin (under the admin lock).
 */
export async function deactivateUser(actor: Actor, raw: UserRefInput, meta: RequestMeta, now = new Date()): Promise<{ id: string; sessionsEnded: number }> {
  assertUserAdmin(actor);
  const input = parseInput(userRefSchema, raw);
  if (input.userId === actor.id) throw invalid(NOT_YOURSELF);
  return db.$transaction(async (tx) => {
    await lockOrganizationAdmins(tx, actor.organizationId);
    const user = await tx.user.findFirst({ where: { id: input.userId, organizationId: actor.organizationId }, select: adminUserSelect });
    if (!user) throw notFound("User");
    if (!user.active) throw conflict(`${user.name} was already deactivated.`);
    if (holdsOrgManage(user)) await assertAnotherAdminRemains(tx, user, "deactivated");

    const { count } = await tx.user.updateMany({ where: { id: user.id, organizationId: actor.organizationId, active: true }, data: { active: false } });
    if (count === 0) throw conflict(`${user.name} was already deactivated.`);
    const sessionsEnded = await endUserSessions(tx, user.id, "deactivated");
    const linksWithdrawn = await revokeLinkTokens(tx, user.id, now);
    await audit(
      {
        organizationId: actor.organizationId,
        actorId: actor.id,
        action: "user.deactivated",
        entityType: "user",
        entityId: user.id,
        data: { old: { active: true, status: userStatus(user) }, new: { active: false, status: "deactivated" }, sessionsEnded, linksWithdrawn },
        ...meta,
      },
      tx,
    );
    return { id: user.id, sessionsEnded };
  });
}

/** Lets a deactivated user sign in again (an invited one is invited again: "Resend invite" sends a new link). */
export async function reactivateUser(actor: Actor, raw: UserRefInput, meta: RequestMeta): Promise<{ id: string }> {
  assertUserAdmin(actor);
  const input = parseInput(userRefSchema, raw);
  return db.$transaction(async (tx) => {
    const user = await tx.user.findFirst({ where: { id: input.userId, organizationId: actor.organizationId }, select: adminUserSelect });
    if (!user) throw notFound("User");
    if (user.active) throw conflict(`${user.name} is already active.`);
    const { count } = await tx.user.updateMany({ where: { id: user.id, organizationId: actor.organizationId, active: false }, data: { active: true } });
    if (count === 0) throw conflict(`${user.name} is already active.`);
    const status = userStatus({ ...user, active: true });
    await audit(
      {
        organizationId: actor.organizationId,
        actorId: actor.id,
        action: "user.reactivated",
        entityType: "user",
        entityId: user.id,
        data: { old: { active: false, status: "deactivated" }, new: { active: true, status } },
        ...meta,
      },
      tx,
    );
    return { id: user.id };
  });
}
