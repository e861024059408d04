import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { loadActor, loadSessionActor, type Actor } from "@/lib/auth/actor";
import { authenticate } from "@/lib/auth/sign-in";
import { BUILT_IN_ROLE_PERMISSIONS, PERMISSIONS, type Permission } from "@/lib/auth/permissions";
import { getTicketDetail } from "@/lib/domain/tickets/queries";
import { addComment } from "@/lib/domain/tickets/add-comment";
import { DEMO_PASSWORD } from "@/prisma/factories";
import { expectAppError, seededDemo, type Demo } from "@/test/integration/helpers";
import { listRoles } from "./list-roles";
import { saveRolePermissions } from "./save-permissions";
import { createRole } from "./create-role";
import { renameRole } from "./rename-role";
import { deleteRole, ROLE_IN_USE } from "./delete-role";
import { LAST_ADMIN_MESSAGE } from "./org-manage-guard";
import { changeUserRole } from "@/lib/domain/users/change-role";
import { DUPLICATE_ROLE_NAME } from "./role-name";

let demo: Demo;
const a = (email: keyof Demo["actors"]) => demo.actors[email];
const meta = { ip: "203.0.113.7", userAgent: "IntegrationTest/1.0 (roles)" };

beforeEach(async () => {
  demo = await seededDemo();
});

async function roleOf(orgId: string, builtIn: string) {
  return db.role.findFirstOrThrow({ where: { organizationId: orgId, builtIn }, select: { id: true, name: true, permissions: true, updatedAt: true } });
}
const without = (ps: readonly string[], p: Permission) => ps.filter((x) => x !== p) as Permission[];
const auditOf = (action: string) => db.auditLog.findMany({ where: { action }, orderBy: { createdAt: "asc" } });

/** A user of Acme holding `roleId` (for guard tests). */
async function userWithRole(roleId: string, email: string, active = true) {
  return db.user.create({ data: { organizationId: demo.acme.id, email, name: email.split("@")[0]!, roleId, active }, select: { id: true } });
}

/** An org.manage role other than Admin, held by one active user. */
async function ownerRole(admin: Actor) {
  const adminRole = await roleOf(demo.acme.id, "admin");
  const owner = await createRole(admin, { name: "Owner", copyFromId: adminRole.id });
  const user = await userWithRole(owner.id, "owner@acme.test");
  return { owner: await db.role.findUniqueOrThrow({ where: { id: owner.id } }), user, adminRole };
}

describe("the roles matrix", () => {
  it("lists the organization's roles with their permissions in catalog order and how many users hold each", async () => {
    const roles = await listRoles(a("admin@acme.test"));
    expect(roles.map((r) => r.name)).toEqual(["Requester", "Agent", "Technician", "Manager", "Admin"]);
    const byName = Object.fromEntries(roles.map((r) => [r.name, r]));
    expect(byName.Requester!.users).toBe(2);
    expect(byName.Agent!.users).toBe(1);
    expect(byName.Admin!.permissions).toEqual([...PERMISSIONS]);
    expect(byName.Agent!.permissions).toEqual(PERMISSIONS.filter((p) => (BUILT_IN_ROLE_PERMISSIONS.agent as readonly string[]).includes(p)));
    // Globex sees its own roles only.
    const globex = await listRoles(a("admin@globex.test"));
    expect(globex.map((r) => r.id)).not.toContain(byName.Agent!.id);
    await expectAppError(listRoles(a("agent@acme.test")), "NOT_FOUND");
  });

  it("saves only the roles that changed, one audit row each with the old and new lists, and bumps only those", async () => {
    const admin = a("admin@acme.test");
    const agent = await roleOf(demo.acme.id, "agent");
    const manager = await roleOf(demo.acme.id, "manager");
    const res = await saveRolePermissions(
      admin,
      {
        roles: [
          { id: agent.id, updatedAt: agent.updatedAt.toISOString(), permissions: without(agent.permissions, "ticket.view_internal") },
          // Sent unchanged (in another order): not written, not audited.
          { id: manager.id, updatedAt: manager.updatedAt.toISOString(), permissions: [...manager.permissions].reverse() as Permission[] },
        ],
      },
      meta,
    );
    expect(res.changed.map((c) => c.id)).toEqual([agent.id]);
    expect((await roleOf(demo.acme.id, "agent")).permissions).not.toContain("ticket.view_internal");
    expect((await roleOf(demo.acme.id, "manager")).updatedAt).toEqual(manager.updatedAt);
    const rows = await auditOf("role.permissions_changed");
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ organizationId: demo.acme.id, actorId: admin.id, entityType: "Role", entityId: agent.id, ip: meta.ip, userAgent: meta.userAgent });
    const data = rows[0]!.data as { role: string; old: { permissions: string[] }; new: { permissions: string[] }; removed: string[] };
    expect(data.role).toBe("Agent");
    expect(data.old.permissions).toContain("ticket.view_internal");
    expect(data.new.permissions).not.toContain("ticket.view_internal");
    expect(data.removed).toEqual(["ticket.view_internal"]);
  });

  it("is compare-and-set per role: a role changed since the page loaded is a CONFLICT naming it, and nothing is written", async () => {
    const admin = a("admin@acme.test");
    const agent = await roleOf(demo.acme.id, "agent");
    const tech = await roleOf(demo.acme.id, "technician");
    // Someone else saves Agent first.
    await saveRolePermissions(admin, { roles: [{ id: agent.id, updatedAt: agent.updatedAt.toISOString(), permissions: [...agent.permissions, "kb.manage"] as Permission[] }] });
    const before = await db.auditLog.count();
    const err = await expectAppError(
      saveRolePermissions(admin, {
        roles: [
          { id: tech.id, updatedAt: tech.updatedAt.toISOString(), permissions: [...tech.permissions, "reports.view"] as Permission[] },
          { id: agent.id, updatedAt: agent.updatedAt.toISOString(), permissions: without(agent.permissions, "ticket.assign") },
        ],
      }),
      "CONFLICT",
    );
    expect(err.message).toMatch(/Agent/);
    // All or nothing: Technician, which was not stale, was not written either.
    expect((await roleOf(demo.acme.id, "technician")).permissions).not.toContain("reports.view");
    expect((await roleOf(demo.acme.id, "agent")).permissions).toContain("ticket.assign");
    expect(await db.auditLog.count()).toBe(before);
  });

  it("takes effect on an already signed-in user's next request (no cache holds the old permissions)", async () => {
    const signedIn = await authenticate({ email: "agent@acme.test", password: DEMO_PASSWORD }, meta);
    const first = await loadSessionActor(signedIn!.sessionId, signedIn!.id);
    expect(first!.permissions.has("ticket.view_internal")).toBe(true);
    const t = await db.ticket.findFirstOrThrow({ where: { organizationId: demo.acme.id, project: { key: "SUP" } }, select: { id: true, number: true } });
    await addComment(first!, { ticketId: t.id, body: "Internal: check the VPN concentrator", internal: true });
    const ticket = { ticket: t };
    expect((await getTicketDetail(first!, ticket.ticket.number)).comments.some((c) => c.type === "internal_note")).toBe(true);

    const agent = await roleOf(demo.acme.id, "agent");
    await saveRolePermissions(a("admin@acme.test"), { roles: [{ id: agent.id, updatedAt: agent.updatedAt.toISOString(), permissions: without(agent.permissions, "ticket.view_internal") }] });

    // The same session, next request: the role is read again.
    const next = await loadSessionActor(signedIn!.sessionId, signedIn!.id);
    expect(next!.permissions.has("ticket.view_internal")).toBe(false);
    expect((await getTicketDetail(next!, ticket.ticket.number)).comments.some((c) => c.type === "internal_note")).toBe(false);
    expect((await loadActor(signedIn!.id))!.permissions.has("ticket.view_internal")).toBe(false);
  });
});

describe("never without an active user holding org.manage", () => {
  it("refuses to take org.manage from the only role an active user holds, writing nothing", async () => {
    const admin = a("admin@acme.test");
    const role = await roleOf(demo.acme.id, "admin");
    const before = await db.auditLog.count();
    const err = await expectAppError(
      saveRolePermissions(admin, { roles: [{ id: role.id, updatedAt: role.updatedAt.toISOString(), permissions: without(role.permissions, "org.manage") }] }),
      "VALIDATION",
    );
    expect(err.message).toBe(LAST_ADMIN_MESSAGE);
    expect((await roleOf(demo.acme.id, "admin")).permissions).toContain("org.manage");
    expect(await db.auditLog.count()).toBe(before);
  });

  it("counts only active holders: a deactivated user holding another org.manage role does not keep the organization administered", async () => {
    const admin = a("admin@acme.test");
    const { owner, user, adminRole } = await ownerRole(admin);
    await db.user.update({ where: { id: user.id }, data: { active: false } });
    await expectAppError(
      saveRolePermissions(admin, { roles: [{ id: adminRole.id, updatedAt: adminRole.updatedAt.toISOString(), permissions: without(adminRole.permissions, "org.manage") }] }),
      "VALIDATION",
    );
    // With the owner active again, the same save passes: the owner still administers.
    await db.user.update({ where: { id: user.id }, data: { active: true } });
    await saveRolePermissions(admin, { roles: [{ id: adminRole.id, updatedAt: adminRole.updatedAt.toISOString(), permissions: without(adminRole.permissions, "org.manage") }] });
    expect((await db.role.findUniqueOrThrow({ where: { id: owner.id } })).permissions).toContain("org.manage");
  });

  it("two concurrent saves each taking org.manage from one of two roles: one wins, the other is refused", async () => {
    const admin = a("admin@acme.test");
    const { owner, adminRole } = await ownerRole(admin);
    const results = await Promise.allSettled([
      saveRolePermissions(admin, { roles: [{ id: adminRole.id, updatedAt: adminRole.updatedAt.toISOString(), permissions: without(adminRole.permissions, "org.manage") }] }),
      saveRolePermissions(admin, { roles: [{ id: owner.id, updatedAt: owner.updatedAt.toISOString(), permissions: without(owner.permissions, "org.manage") }] }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const refused = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(refused.reason.code).toBe("VALIDATION");
    const managing = await db.role.count({ where: { organizationId: demo.acme.id, permissions: { has: "org.manage" } } });
    expect(managing).toBe(1);
  });

  it("a deactivation committing while the save waits is seen: the save is refused", async () => {
    const admin = a("admin@acme.test");
    const { owner } = await ownerRole(admin);
    const adminUser = admin.id;
    // Another transaction deactivates the only other holder (admin@acme) and holds its row for a moment.
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let locked!: () => void;
    const isLocked = new Promise<void>((r) => (locked = r));
    const deactivation = db.$transaction(async (tx) => {
      await tx.$executeRaw(Prisma.sql`UPDATE "User" SET "active" = false WHERE "id" = ${adminUser}::uuid`);
      locked();
      await held;
    });
    await isLocked;
    // Settled as soon as it answers: it may be refused while the deactivation is still committing.
    const save = saveRolePermissions(admin, { roles: [{ id: owner.id, updatedAt: owner.updatedAt.toISOString(), permissions: without(owner.permissions, "org.manage") }] }).then(
      () => null,
      (e: unknown) => e,
    );
    await new Promise((r) => setTimeout(r, 300));
    release();
    await deactivation;
    expect(((await save) as { code?: string } | null)?.code).toBe("VALIDATION");
    expect((await db.role.findUniqueOrThrow({ where: { id: owner.id } })).permissions).toContain("org.manage");
  });
});

describe("one guard with the users screen", () => {
  it("an invited holder who has not set a password does not keep the organization administered", async () => {
    const admin = a("admin@acme.test");
    const { user, adminRole } = await ownerRole(admin);
    await db.user.update({ where: { id: user.id }, data: { invitedAt: new Date(), passwordHash: null } });
    await expectAppError(
      saveRolePermissions(admin, { roles: [{ id: adminRole.id, updatedAt: adminRole.updatedAt.toISOString(), permissions: without(adminRole.permissions, "org.manage") }] }),
      "VALIDATION",
    );
    expect((await db.role.findUniqueOrThrow({ where: { id: adminRole.id } })).permissions).toContain("org.manage");
  });

  it("a matrix save and a demotion on the users screen at once never both take org.manage away", async () => {
    const admin = a("admin@acme.test");
    const { owner, user, adminRole } = await ownerRole(admin);
    const requesterRole = await roleOf(demo.acme.id, "requester");
    for (let round = 0; round < 3; round++) {
      // Two holders: admin@acme (Admin role) and the owner (Owner role). One side demotes the owner,
      // the other takes org.manage from the Admin role: together they would leave nobody.
      await db.user.update({ where: { id: user.id }, data: { roleId: owner.id } });
      const fresh = await db.role.findUniqueOrThrow({ where: { id: adminRole.id } });
      await db.role.update({ where: { id: adminRole.id }, data: { permissions: [...BUILT_IN_ROLE_PERMISSIONS.admin] } });
      const current = await db.role.findUniqueOrThrow({ where: { id: fresh.id } });
      const results = await Promise.allSettled([
        saveRolePermissions(admin, { roles: [{ id: current.id, updatedAt: current.updatedAt.toISOString(), permissions: without(current.permissions, "org.manage") }] }),
        changeUserRole(admin, { userId: user.id, roleId: requesterRole.id, expectedRoleId: owner.id }, meta),
      ]);
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      const holders = await db.user.count({
        where: { organizationId: demo.acme.id, active: true, role: { permissions: { has: "org.manage" } } },
      });
      expect(holders).toBeGreaterThanOrEqual(1);
    }
  });
});

describe("new, renamed and deleted roles", () => {
  it("creates a role with no permissions or a copy, names unique ignoring case, audited", async () => {
    const admin = a("admin@acme.test");
    const agent = await roleOf(demo.acme.id, "agent");
    const empty = await createRole(admin, { name: "Auditor" }, meta);
    expect(empty.permissions).toEqual([]);
    const copy = await createRole(admin, { name: "Senior agent", copyFromId: agent.id });
    expect([...copy.permissions].sort()).toEqual([...agent.permissions].sort());
    const dup = await expectAppError(createRole(admin, { name: "  agent " }), "VALIDATION");
    expect(dup.fieldErrors?.name).toEqual([DUPLICATE_ROLE_NAME]);
    await expectAppError(createRole(admin, { name: "" }), "VALIDATION");
    // The same name is free in another organization.
    await createRole(a("admin@globex.test"), { name: "Auditor" });
    const rows = await auditOf("role.created");
    expect(rows.filter((r) => r.organizationId === demo.acme.id)).toHaveLength(2);
    expect(rows[0]!.data).toMatchObject({ new: { name: "Auditor", permissions: [] } });
    await expectAppError(createRole(a("agent@acme.test"), { name: "Sneaky" }), "NOT_FOUND");
  });

  it("the unique index holds two concurrent creations of one name (ignoring case) to one", async () => {
    const admin = a("admin@acme.test");
    const results = await Promise.allSettled([createRole(admin, { name: "Night shift" }), createRole(admin, { name: "NIGHT SHIFT" })]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(await db.role.count({ where: { organizationId: demo.acme.id, name: { equals: "night shift", mode: "insensitive" } } })).toBe(1);
  });

  it("renames a role (built-in names are data), compare-and-set, audited", async () => {
    const admin = a("admin@acme.test");
    const agent = await roleOf(demo.acme.id, "agent");
    await renameRole(admin, { id: agent.id, name: "Support agent", updatedAt: agent.updatedAt.toISOString() }, meta);
    expect((await roleOf(demo.acme.id, "agent")).name).toBe("Support agent");
    expect((await loadActor(a("agent@acme.test").id))!.roleName).toBe("Support agent");
    await expectAppError(renameRole(admin, { id: agent.id, name: "Agent", updatedAt: agent.updatedAt.toISOString() }), "CONFLICT");
    const fresh = await roleOf(demo.acme.id, "agent");
    const dup = await expectAppError(renameRole(admin, { id: agent.id, name: "manager", updatedAt: fresh.updatedAt.toISOString() }), "VALIDATION");
    expect(dup.fieldErrors?.name).toEqual([DUPLICATE_ROLE_NAME]);
    expect((await auditOf("role.renamed"))[0]!.data).toEqual({ old: { name: "Agent" }, new: { name: "Support agent" } });
  });

  it("deletes only a role nobody holds (deactivated users count), audited", async () => {
    const admin = a("admin@acme.test");
    const role = await createRole(admin, { name: "Temp" });
    const holder = await userWithRole(role.id, "temp@acme.test", false);
    const err = await expectAppError(deleteRole(admin, { id: role.id }), "VALIDATION");
    expect(err.message).toBe(ROLE_IN_USE);
    await db.user.delete({ where: { id: holder.id } });
    await deleteRole(admin, { id: role.id }, meta);
    expect(await db.role.count({ where: { id: role.id } })).toBe(0);
    expect((await auditOf("role.deleted"))[0]).toMatchObject({ entityId: role.id, data: { old: { name: "Temp", permissions: [] }, new: {} } });
    await expectAppError(deleteRole(admin, { id: (await roleOf(demo.acme.id, "agent")).id }), "VALIDATION");
  });
});

describe("another organization's roles", () => {
  it("are not found for Globex's admin, whatever the action, and nothing is written", async () => {
    const globexAdmin = a("admin@globex.test");
    const agent = await roleOf(demo.acme.id, "agent");
    const spare = await createRole(a("admin@acme.test"), { name: "Spare" });
    const before = { audit: await db.auditLog.count(), roles: await db.role.findMany({ where: { organizationId: demo.acme.id }, orderBy: { id: "asc" } }) };
    await expectAppError(saveRolePermissions(globexAdmin, { roles: [{ id: agent.id, updatedAt: agent.updatedAt.toISOString(), permissions: [] }] }), "NOT_FOUND");
    // Mixed with one of its own roles: still nothing written.
    const own = await roleOf(demo.globex.id, "agent");
    await expectAppError(
      saveRolePermissions(globexAdmin, {
        roles: [
          { id: own.id, updatedAt: own.updatedAt.toISOString(), permissions: [] },
          { id: agent.id, updatedAt: agent.updatedAt.toISOString(), permissions: [] },
        ],
      }),
      "NOT_FOUND",
    );
    await expectAppError(renameRole(globexAdmin, { id: agent.id, name: "Hijacked", updatedAt: agent.updatedAt.toISOString() }), "NOT_FOUND");
    await expectAppError(deleteRole(globexAdmin, { id: spare.id }), "NOT_FOUND");
    await expectAppError(createRole(globexAdmin, { name: "Copycat", copyFromId: agent.id }), "NOT_FOUND");
    expect(await db.auditLog.count()).toBe(before.audit);
    expect(await db.role.findMany({ where: { organizationId: demo.acme.id }, orderBy: { id: "asc" } })).toEqual(before.roles);
    expect((await roleOf(demo.globex.id, "agent")).permissions).toEqual(own.permissions);
    expect(await db.role.count({ where: { organizationId: demo.globex.id, name: "Copycat" } })).toBe(0);
  });
});
