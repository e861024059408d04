import "server-only";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { toPermissionSet, PERMISSIONS, type Permission } from "@/lib/auth/permissions";
import { assertManagesRoles } from "./access";

export interface MatrixRole {
  id: string;
  name: string;
  builtIn: string | null;
  /** Known permissions only, in catalog order (an unknown stored name means deny). */
  permissions: Permission[];
  /** The compare-and-set token of "Save permissions". */
  updatedAt: string;
  /** Users holding the role, active or not. */
  users: number;
}

/**
 * The roles matrix: every role of the organization with its permissions and
 * how many users hold it (a count per role through User_roleId_idx, never by
 * reading the users).
 */
export async function listRoles(actor: Actor): Promise<MatrixRole[]> {
  assertManagesRoles(actor);
  const rows = await db.role.findMany({
    where: { organizationId: actor.organizationId },
    select: { id: true, name: true, builtIn: true, permissions: true, updatedAt: true, _count: { select: { users: true } } },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
  return rows.map((r) => {
    const set = toPermissionSet(r.permissions);
    return { id: r.id, name: r.name, builtIn: r.builtIn, permissions: PERMISSIONS.filter((p) => set.has(p)), updatedAt: r.updatedAt.toISOString(), users: r._count.users };
  });
}
