import type { Metadata } from "next";
import { adminPageActor } from "@/lib/auth/guards";
import { PERMISSIONS } from "@/lib/auth/permissions";
import { groupedPermissions, PERMISSION_DESCRIPTIONS } from "@/lib/auth/permission-descriptions";
import { listRoles } from "@/lib/domain/roles/list-roles";
import { PageHeader } from "@/components/layout/app-shell";
import { RolesMatrix } from "@/components/admin/roles/roles-matrix";
import { NewRoleForm, RoleList } from "@/components/admin/roles/role-forms";

export const metadata: Metadata = { title: "Roles" };

/** The permission matrix of the admin's organization (the admin layout answers 404 without org.manage). */
export default async function RolesPage() {
  const actor = await adminPageActor();
  const roles = await listRoles(actor);
  const groups = groupedPermissions(PERMISSIONS).map((g) => ({
    label: g.label,
    permissions: g.permissions.map((name) => ({ name, description: PERMISSION_DESCRIPTIONS[name] })),
  }));
  return (
    <>
      <PageHeader title="Roles" description="What each role may do. A change applies from each affected user's next page or action; the organization always keeps an active user with org.manage." />
      <div className="space-y-8">
        <RolesMatrix roles={roles} groups={groups} />
        <section aria-labelledby="roles-heading" className="space-y-4">
          <h2 id="roles-heading" className="text-base font-semibold text-slate-900">Manage roles</h2>
          <NewRoleForm roles={roles} />
          <div className="rounded-lg bg-white p-5 shadow-xs ring-1 ring-slate-200">
            <RoleList roles={roles} />
          </div>
        </section>
      </div>
    </>
  );
}
