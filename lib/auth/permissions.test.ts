import { describe, expect, it } from "vitest";
import {
  BUILT_IN_ROLE_PERMISSIONS,
  BUILT_IN_ROLES,
  PERMISSIONS,
  can,
  canAny,
  isStaff,
  seesAllProjects,
  toPermissionSet,
  type BuiltInRole,
  type Permission,
} from "./permissions";

const actorWith = (role: BuiltInRole) => ({ permissions: toPermissionSet(BUILT_IN_ROLE_PERMISSIONS[role]) });

// DESIGN §2, written out independently of the implementation's map.
const EXPECTED: Record<BuiltInRole, Permission[]> = {
  requester: ["ticket.view_own", "ticket.create", "ticket.edit_own", "ticket.comment"],
  agent: ["ticket.view_own", "ticket.create", "ticket.edit_own", "ticket.comment", "ticket.view_all", "ticket.view_internal", "ticket.assign", "ticket.complete", "reports.view"],
  technician: ["ticket.view_assigned", "ticket.view_own", "ticket.create", "ticket.edit_own", "ticket.deploy", "ticket.complete", "ticket.comment"],
  manager: ["ticket.view_all", "ticket.view_own", "ticket.create", "ticket.edit_own", "ticket.approve", "ticket.reject", "ticket.assign", "ticket.comment", "ticket.view_internal", "ticket.cancel", "reports.view"],
  admin: [...PERMISSIONS],
};

describe("permission catalog", () => {
  it("has the fixed names of DESIGN §2 and no duplicates", () => {
    expect(new Set(PERMISSIONS).size).toBe(PERMISSIONS.length);
    expect(PERMISSIONS).toHaveLength(18);
    expect(PERMISSIONS).toContain("org.manage");
    expect(PERMISSIONS).toContain("kb.manage");
  });
});

describe("built-in roles", () => {
  it.each(BUILT_IN_ROLES)("%s has exactly the permissions of the design table", (role) => {
    expect(new Set(BUILT_IN_ROLE_PERMISSIONS[role])).toEqual(new Set(EXPECTED[role]));
  });

  it.each(BUILT_IN_ROLES.flatMap((role) => PERMISSIONS.map((p) => [role, p] as const)))("can(%s, %s) matches the table", (role, permission) => {
    expect(can(actorWith(role), permission)).toBe(EXPECTED[role].includes(permission));
  });

  it("staff are the roles that see beyond their own tickets", () => {
    expect(BUILT_IN_ROLES.filter((r) => isStaff(actorWith(r)))).toEqual(["agent", "technician", "manager", "admin"]);
  });

  it("only admins see every project regardless of membership", () => {
    expect(BUILT_IN_ROLES.filter((r) => seesAllProjects(actorWith(r)))).toEqual(["admin"]);
  });
});

describe("can", () => {
  it("denies without an actor", () => {
    expect(can(null, "ticket.create")).toBe(false);
    expect(canAny(undefined, "ticket.create", "ticket.view_own")).toBe(false);
  });

  it("drops unknown permission names from stored data (deny)", () => {
    const actor = { permissions: toPermissionSet(["ticket.create", "ticket.everything", "org.manage "]) };
    expect([...actor.permissions]).toEqual(["ticket.create"]);
    expect(can(actor, "org.manage")).toBe(false);
  });
});
