import type { Permission } from "@/lib/auth/permissions";

// What each permission of the catalog allows, in one line, for the roles
// matrix (/admin/roles). A Record over the catalog: a new permission cannot
// ship without its description.
export const PERMISSION_DESCRIPTIONS: Record<Permission, string> = {
  "ticket.create": "Open new tickets and requests",
  "ticket.view_own": "See the tickets they requested",
  "ticket.edit_own": "Edit their own draft or rejected change requests",
  "ticket.comment": "Reply in the thread of tickets they can see",
  "ticket.view_all": "See every ticket of the projects they are a member of (staff)",
  "ticket.view_assigned": "See the tickets assigned to them (staff)",
  "ticket.view_internal": "Read and write internal notes and internal files",
  "ticket.approve": "Approve change requests (never their own)",
  "ticket.reject": "Reject change requests with a reason",
  "ticket.assign": "Assign tickets and edit their fields and tags",
  "ticket.deploy": "Deploy approved changes assigned to them",
  "ticket.complete": "Complete, resolve and close tickets",
  "ticket.cancel": "Cancel change requests",
  "ticket.delete": "Purge deleted tickets for good",
  "ticket.manage": "Override ticket permission checks and delete tickets",
  "org.manage": "Administer the organization: users, roles, projects, settings",
  "kb.manage": "Write and publish knowledge-base articles",
  "reports.view": "See reports",
};

/** The catalog's groups, in the catalog's order: the part of the name before the dot. */
export const PERMISSION_GROUP_LABELS = {
  ticket: "Tickets",
  org: "Organization",
  kb: "Knowledge base",
  reports: "Reports",
} as const;
export type PermissionGroup = keyof typeof PERMISSION_GROUP_LABELS;

export function permissionGroup(p: Permission): PermissionGroup {
  return p.slice(0, p.indexOf(".")) as PermissionGroup;
}

/** The catalog as groups of permissions, each group and permission in catalog order. */
export function groupedPermissions(catalog: readonly Permission[]): { group: PermissionGroup; label: string; permissions: Permission[] }[] {
  const groups = new Map<PermissionGroup, Permission[]>();
  for (const p of catalog) {
    const g = permissionGroup(p);
    if (!groups.has(g)) groups.set(g, []);
    groups.get(g)!.push(p);
  }
  return [...groups].map(([group, permissions]) => ({ group, label: PERMISSION_GROUP_LABELS[group] ?? group, permissions }));
}
