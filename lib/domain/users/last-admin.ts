import "server-only";
import type { Tx } from "@/lib/db";
import { invalid } from "@/lib/errors";
import { isInvited } from "./admin-access";

/**
 * The last active user holding `org.manage` can be neither demoted nor
 * deactivated: the organization would have nobody left to administer it.
 *
 * Race-safe: every change that can take org.manage away from someone (a role
 * change, a deactivation — and a role's permissions, for the roles matrix)
 * first takes this organization's admin lock, a transaction-scoped advisory
 * lock, then counts the holders. Two admins demoting each other at once are
 * serialised: the second counts after the first committed (READ COMMITTED
 * gives each statement a fresh snapshot) and is refused.
 */
export async function lockOrganizationAdmins(tx: Tx, organizationId: string): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`org.manage:${organizationId}`}, 0))`;
}

/** Active, signed-up users of the organization whose role holds org.manage, but `exceptUserId`. */
export async function otherAdminCount(tx: Tx, organizationId: string, exceptUserId: string): Promise<number> {
  return tx.user.count({
    where: {
      organizationId,
      active: true,
      id: { not: exceptUserId },
      NOT: { invitedAt: { not: null }, passwordHash: null },
      role: { permissions: { has: "org.manage" } },
    },
  });
}

/** Whether this user, as loaded now, counts as an administrator of the organization. */
export function holdsOrgManage(user: { active: boolean; invitedAt: Date | null; passwordHash: string | null; role: { permissions: string[] } }): boolean {
  return user.active && !isInvited(user) && user.role.permissions.includes("org.manage");
}

export const LAST_ADMIN = (name: string, what: "demoted" | "deactivated") =>
  `${name} is the organization's last active admin and cannot be ${what}. Give another active user a role with org.manage first.`;

/** Call with the admin lock held (lockOrganizationAdmins): refuses when nobody else would hold org.manage. */
export async function assertAnotherAdminRemains(tx: Tx, user: { id: string; organizationId: string; name: string }, what: "demoted" | "deactivated"): Promise<void> {
  if ((await otherAdminCount(tx, user.organizationId, user.id)) === 0) throw invalid(LAST_ADMIN(user.name, what));
}
