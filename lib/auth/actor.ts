import { cache } from "react";
import { getServerSession } from "next-auth";
import { db } from "@/lib/db";
import { toPermissionSet, type Permission } from "@/lib/auth/permissions";
import { authOptions } from "@/lib/auth/options";

/** Who is acting, with their organization, live permissions and project memberships. */
export interface Actor {
  id: string;
  organizationId: string;
  email: string;
  name: string;
  roleName: string;
  permissions: ReadonlySet<Permission>;
  projectIds: readonly string[];
}

/** Loads an active user as an Actor; null when unknown or deactivated. */
export async function loadActor(userId: string): Promise<Actor | null> {
  const user = await db.user.findUnique({
    where: { id: userId },
    select: {
      id: true,
      organizationId: true,
      email: true,
      name: true,
      active: true,
      role: { select: { name: true, permissions: true } },
      memberships: { select: { projectId: true } },
    },
  });
  if (!user || !user.active) return null;
  return {
    id: user.id,
    organizationId: user.organizationId,
    email: user.email,
    name: user.name,
    roleName: user.role.name,
    permissions: toPermissionSet(user.role.permissions),
    projectIds: user.memberships.map((m) => m.projectId),
  };
}

/**
 * The signed-in actor for this request (read once per request), or null.
 * A deactivated user's still-valid JWT yields null: their session stops working.
 */
export const getActor = cache(async (): Promise<Actor | null> => {
  const session = await getServerSession(authOptions);
  const userId = session?.user?.id;
  return userId ? loadActor(userId) : null;
});
