import "server-only";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { audit, type RequestMeta } from "@/lib/audit";
import { conflict, notFound } from "@/lib/errors";
import { parseInput } from "@/lib/validation/parse";
import { changeUserRoleSchema, type ChangeUserRoleInput } from "@/lib/validation/users";
import { adminUserSelect, assertUserAdmin } from "./admin-access";
import { assertAnotherAdminRemains, holdsOrgManage, lockOrganizationAdmins } from "./last-admin";

/**
 * Gives a user another role of the organization. Compare-and-set on the role
 * the admin saw (expectedRoleId): a change made by someone else in between is
 * a conflict, never overwritten. Taking org.manage from the last active admin
 * is refused (under the organization's admin lock, so two admins demoting
 * each other cannot both succeed). The new permissions apply from the user's
 * next request: the actor is read from the database on every request.
 */
export async function changeUserRole(actor: Actor, raw: ChangeUserRoleInput, meta: RequestMeta): Promise<{ id: string; roleId: string; roleName: string; changed: boolean }> {
  assertUserAdmin(actor);
  const input = parseInput(changeUserRoleSchema, raw);
  return db.$transaction(async (tx) => {
    await lockOrganizationAdmins(tx, actor.organizationId);
    const user = await tx.user.findFirst({ where: { id: input.userId, organizationId: actor.organizationId }, select: adminUserSelect });
    if (!user) throw notFound("User");
    const role = await tx.role.findFirst({ where: { id: input.roleId, organizationId: actor.organizationId }, select: { id: true, name: true, permissions: true } });
    if (!role) throw notFound("Role");
    if (user.roleId !== input.expectedRoleId) throw conflict(`${user.name}'s role was changed by someone else a moment ago: it is now ${user.role.name}.`);
    if (user.roleId === role.id) return { id: user.id, roleId: role.id, roleName: role.name, changed: false };
    if (holdsOrgManage(user) && !role.permissions.includes("org.manage")) await assertAnotherAdminRemains(tx, user, "demoted");

    const { count } = await tx.user.updateMany({ where: { id: user.id, organizationId: actor.organizationId, roleId: input.expectedRoleId }, data: { roleId: role.id } });
    if (count === 0) throw conflict(`${user.name}'s role was changed by someone else a moment ago.`);
    await audit(
      {
        organizationId: actor.organizationId,
        actorId: actor.id,
        action: "user.role_changed",
        entityType: "user",
        entityId: user.id,
        data: { old: { roleId: user.roleId, role: user.role.name }, new: { roleId: role.id, role: role.name } },
        ...meta,
      },
      tx,
    );
    return { id: user.id, roleId: role.id, roleName: role.name, changed: true };
  });
}
