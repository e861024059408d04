import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Tx } from "@/lib/db";
import { invalid } from "@/lib/errors";

export const LAST_ADMIN_MESSAGE =
  "This would leave the organization without an active user who can administer it (org.manage). Keep org.manage on a role an active user holds.";

export interface LockedRole {
  id: string;
  name: string;
  builtIn: string | null;
  permissions: string[];
  updatedAt: Date;
}

/**
 * Locks every role of the organization (FOR UPDATE, in id order, so two
 * savers queue instead of deadlocking) and returns them as they are now.
 * Role changes of one organization are serialized by this lock; an
 * organization has a handful of roles.
 */
export async function lockOrganizationRoles(tx: Tx, organizationId: string): Promise<LockedRole[]> {
  return tx.$queryRaw<LockedRole[]>(Prisma.sql`
    SELECT "id"::text, "name", "builtIn", "permissions", "updatedAt" FROM "Role"
     WHERE "organizationId" = ${organizationId}::uuid ORDER BY "id" FOR UPDATE`);
}

/**
 * Refuses when, with `permissionsAfter` applied to the locked roles, no active
 * user of the organization would hold org.manage (an invited user who has not
 * set a password yet does not count: holdsOrgManage in users/last-admin.ts).
 * Call it with the organization's admin lock held (lockOrganizationAdmins, the
 * lock the users screen's demotion and deactivation take too). A remaining holder is locked
 * (FOR UPDATE) until the transaction ends, so a concurrent demotion or
 * deactivation of that user waits for this change and then sees it; one
 * committed first is seen here (the lock re-reads the row), and a holder it
 * demoted or deactivated no longer counts. Other writers of User.roleId and
 * User.active (the users screen) keep the same rule by taking
 * lockOrganizationRoles first and asking this function.
 */
export async function assertOrgManageRemains(tx: Tx, organizationId: string, roles: readonly LockedRole[], permissionsAfter: ReadonlyMap<string, readonly string[]>): Promise<void> {
  const managing = roles.filter((r) => (permissionsAfter.get(r.id) ?? r.permissions).includes("org.manage")).map((r) => r.id);
  if (managing.length === 0) throw lastAdmin();
  const holders = (lock: Prisma.Sql) =>
    tx.$queryRaw<{ id: string }[]>(Prisma.sql`
      SELECT "id"::text FROM "User"
       WHERE "organizationId" = ${organizationId}::uuid AND "active" AND "roleId" = ANY(${managing}::uuid[])
         AND NOT ("invitedAt" IS NOT NULL AND "passwordHash" IS NULL)
       ORDER BY "id" ${lock}`);
  // Usually one holder nobody is changing: lock it and go. When every holder
  // is being changed right now, wait for all of them and see what is left.
  if ((await holders(Prisma.sql`LIMIT 1 FOR UPDATE SKIP LOCKED`)).length) return;
  if ((await holders(Prisma.sql`FOR UPDATE`)).length) return;
  throw lastAdmin();
}

function lastAdmin() {
  return invalid(LAST_ADMIN_MESSAGE, { form: [LAST_ADMIN_MESSAGE] });
}
