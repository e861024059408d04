// The permission catalog (names are fixed: they appear in the UI and API) and
// the built-in roles used to seed each organization. The live matrix is data
// (Role.permissions), read once per request into the Actor.

export const PERMISSIONS = [
  "ticket.create",
  "ticket.view_own",
  "ticket.edit_own",
  "ticket.comment",
  "ticket.view_all",
  "ticket.view_assigned",
  "ticket.view_internal",
  "ticket.approve",
  "ticket.reject",
  "ticket.assign",
  "ticket.deploy",
  "ticket.complete",
  "ticket.cancel",
  "ticket.delete",
  "ticket.manage",
  "org.manage",
  "kb.manage",
  "reports.view",
] as const;

export type Permission = (typeof PERMISSIONS)[number];

export const BUILT_IN_ROLES = ["requester", "agent", "technician", "manager", "admin"] as const;
export type BuiltInRole = (typeof BUILT_IN_ROLES)[number];

const REQUESTER = ["ticket.view_own", "ticket.create", "ticket.edit_own", "ticket.comment"] as const satisfies readonly Permission[];

export const BUILT_IN_ROLE_PERMISSIONS = {
  requester: REQUESTER,
  agent: [...REQUESTER, "ticket.view_all", "ticket.view_internal", "ticket.assign", "ticket.complete", "reports.view"],
  technician: [
    "ticket.view_assigned",
    "ticket.view_own",
    "ticket.create",
    "ticket.edit_own",
    "ticket.deploy",
    "ticket.complete",
    "ticket.comment",
  ],
  manager: [
    "ticket.view_all",
    "ticket.view_own",
    "ticket.create",
    "ticket.edit_own",
    "ticket.approve",
    "ticket.reject",
    "ticket.assign",
    "ticket.comment",
    "ticket.view_internal",
    "ticket.cancel",
    "reports.view",
  ],
  admin: PERMISSIONS,
} as const satisfies Record<BuiltInRole, readonly Permission[]>;

export const BUILT_IN_ROLE_NAMES: Record<BuiltInRole, string> = {
  requester: "Requester",
  agent: "Agent",
  technician: "Technician",
  manager: "Manager",
  admin: "Admin",
};

const CATALOG = new Set<string>(PERMISSIONS);
export function isPermission(value: string): value is Permission {
  return CATALOG.has(value);
}

/** Unknown names in stored data are dropped: an unknown permission means deny. */
export function toPermissionSet(values: readonly string[]): ReadonlySet<Permission> {
  return new Set(values.filter(isPermission));
}

export interface HasPermissions {
  permissions: ReadonlySet<Permission>;
}

export function can(actor: HasPermissions | null | undefined, permission: Permission): boolean {
  return !!actor && actor.permissions.has(permission);
}

export function canAny(actor: HasPermissions | null | undefined, ...permissions: Permission[]): boolean {
  return permissions.some((p) => can(actor, p));
}

/**
 * The permissions that make a role staff. isStaff() reads them in memory and
 * lib/domain/users/staff-directory.ts in SQL (roles whose permissions overlap
 * these), so both answer from this one list.
 */
export const STAFF_PERMISSIONS = ["ticket.view_all", "ticket.view_assigned"] as const satisfies readonly Permission[];

/** Staff work on /desk: their role can see tickets beyond their own. */
export function isStaff(actor: HasPermissions | null | undefined): boolean {
  return canAny(actor, ...STAFF_PERMISSIONS);
}

/** Permissions that see every project of the organization (also read in SQL by the staff directory). */
export const ALL_PROJECTS_PERMISSIONS = ["org.manage", "ticket.manage"] as const satisfies readonly Permission[];

/** Sees every project of the organization, member or not. */
export function seesAllProjects(actor: HasPermissions): boolean {
  return canAny(actor, ...ALL_PROJECTS_PERMISSIONS);
}
