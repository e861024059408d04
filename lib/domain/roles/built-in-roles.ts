import "server-only";
import type { Tx } from "@/lib/db";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { BUILT_IN_ROLES, BUILT_IN_ROLE_NAMES, BUILT_IN_ROLE_PERMISSIONS, type BuiltInRole } from "@/lib/auth/permissions";

/**
 * A new organization's roles: one per built-in role of the catalog, with its
 * default permissions (lib/auth/permissions.ts). The demo seed's organizations
 * (prisma/factories.ts createOrganization) and one registered at /register
 * (lib/domain/registration/register-organization.ts) both start from here;
 * admins edit the matrix afterwards on /admin/roles.
 */
export async function createBuiltInRoles(client: Tx | PrismaClient, organizationId: string): Promise<Record<BuiltInRole, string>> {
  const roles = {} as Record<BuiltInRole, string>;
  for (const key of BUILT_IN_ROLES) {
    const role = await client.role.create({
      data: { organizationId, builtIn: key, name: BUILT_IN_ROLE_NAMES[key], permissions: [...BUILT_IN_ROLE_PERMISSIONS[key]] },
      select: { id: true },
    });
    roles[key] = role.id;
  }
  return roles;
}
