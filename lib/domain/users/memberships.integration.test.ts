import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { loadActor } from "@/lib/auth/actor";
import { addProjectMember } from "@/lib/domain/projects/members";
import { expectAppError, seededDemo, type Demo } from "@/test/integration/helpers";
import { inviteUser } from "./invite-user";
import { saveUserMemberships, userMemberships } from "./memberships";

// Issue 13, Users: an admin sees and edits a user's project memberships and
// triage flags from their row (the project members panel's writers, audited
// with old and new values, compare-and-set on what the admin saw), and puts
// an invitee into projects at invite time. Another organization's users and
// projects are not found, and nothing is written.

let demo: Demo;
beforeEach(async () => {
  demo = await seededDemo();
});

const meta = { ip: "198.51.100.44", userAgent: "IntegrationTest/1.0 (memberships)" };
const userId = async (email: string) => (await db.user.findUniqueOrThrow({ where: { email }, select: { id: true } })).id;
const projectId = async (orgId: string, key: string) => (await demo.project(orgId, key)).id;
const membershipsOf = async (email: string) =>
  (await db.projectMember.findMany({ where: { userId: await userId(email) }, include: { project: { select: { key: true } } } }))
    .map((m) => `${m.project.key}${m.triage ? "*" : ""}`)
    .sort();
/** Every membership row and audit count, to prove a refusal wrote nothing. */
const footprint = async () => ({
  members: await db.projectMember.findMany({ orderBy: [{ projectId: "asc" }, { userId: "asc" }], select: { projectId: true, userId: true, triage: true } }),
  audits: await db.auditLog.count(),
});

describe("a user's projects from their row", () => {
  it("lists the organization's projects with the user's membership and triage flag", async () => {
    const admin = demo.actors["admin@acme.test"];
    const r = await userMemberships(admin, await userId("agent@acme.test"));
    expect(r.user.name).toBe("Sam Agent");
    expect(r.more).toBe(false);
    expect(r.projects.map((p) => [p.key, p.workflow, p.member, p.triage])).toEqual([
      ["CHG", "change", true, false],
      ["ENG", "kanban", true, false],
      ["SUP", "support", true, true],
    ]);
    expect((await userMemberships(admin, await userId("requester@acme.test"))).projects.map((p) => [p.key, p.member])).toEqual([
      ["CHG", true],
      ["ENG", false],
      ["SUP", true],
    ]);
  });

  it("caps the list at 100 projects, the user's own always among them", async () => {
    const admin = demo.actors["admin@acme.test"];
    await db.project.createMany({
      data: Array.from({ length: 120 }, (_, i) => ({ organizationId: demo.acme.id, key: `A${String(i).padStart(3, "0")}`, name: `Bulk ${i}`, workflow: "support" as const })),
    });
    const r = await userMemberships(admin, await userId("tech@acme.test"));
    expect(r.projects).toHaveLength(100);
    expect(r.more).toBe(true);
    expect(r.projects.filter((p) => p.member).map((p) => p.key)).toEqual(["CHG", "ENG", "SUP"]);
  });

  it("saves additions, removals and triage in one transaction, each with its audit row", async () => {
    const admin = demo.actors["admin@acme.test"];
    const target = await userId("requester2@acme.test");
    const [sup, chg, eng] = await Promise.all([projectId(demo.acme.id, "SUP"), projectId(demo.acme.id, "CHG"), projectId(demo.acme.id, "ENG")]);
    const r = await saveUserMemberships(
      admin,
      {
        userId: target,
        changes: [
          { projectId: sup, now: { member: true, triage: true }, seen: { member: true, triage: false } },
          { projectId: chg, now: { member: false, triage: false }, seen: { member: true, triage: false } },
          { projectId: eng, now: { member: true, triage: false }, seen: { member: false, triage: false } },
        ],
      },
      meta,
    );
    expect(r).toEqual({ userId: target, changed: 3 });
    expect(await membershipsOf("requester2@acme.test")).toEqual(["ENG", "SUP*"]);
    // The member's next request sees it (memberships are read per request).
    expect((await loadActor(target))!.projectIds).toHaveLength(2);
    const rows = await db.auditLog.findMany({ where: { action: { startsWith: "project.member" } }, orderBy: { createdAt: "asc" } });
    expect(rows.map((a) => [a.action, (a.data as { project: string }).project])).toEqual([
      ["project.member_triage_changed", "SUP"],
      ["project.member_removed", "CHG"],
      ["project.member_added", "ENG"],
    ]);
    expect(rows[0]).toMatchObject({ actorId: admin.id, ip: meta.ip, data: { user: { id: target }, old: { triage: false }, new: { triage: true } } });
    expect(rows[1]).toMatchObject({ data: { old: { member: true, triage: false }, new: { member: false } } });
    expect(rows[2]).toMatchObject({ data: { old: { member: false }, new: { member: true, triage: false } } });
  });

  it("a stale form is a conflict and writes nothing, the earlier changes of the same save included", async () => {
    const admin = demo.actors["admin@acme.test"];
    const target = await userId("requester2@acme.test");
    const [sup, eng] = await Promise.all([projectId(demo.acme.id, "SUP"), projectId(demo.acme.id, "ENG")]);
    // Another admin adds them to ENG after this admin opened the dialog.
    await addProjectMember(admin, { projectId: eng, userId: target }, meta);
    const before = await footprint();
    const e = await expectAppError(
      saveUserMemberships(
        admin,
        {
          userId: target,
          changes: [
            { projectId: sup, now: { member: false, triage: false }, seen: { member: true, triage: false } },
            { projectId: eng, now: { member: true, triage: true }, seen: { member: false, triage: false } },
          ],
        },
        meta,
      ),
      "CONFLICT",
    );
    expect(e.message).toMatch(/membership of ENG was changed by someone else/);
    expect(await footprint()).toEqual(before);
  });

  it("another organization's user or project is not found, and nothing is written; non-admins may not", async () => {
    const globexAdmin = demo.actors["admin@globex.test"];
    const acmeUser = await userId("requester@acme.test");
    const globexUser = await userId("requester@globex.test");
    const acmeEng = await projectId(demo.acme.id, "ENG");
    const globexSup = await projectId(demo.globex.id, "SUP");
    const before = await footprint();
    await expectAppError(userMemberships(globexAdmin, acmeUser), "NOT_FOUND");
    await expectAppError(userMemberships(globexAdmin, "not-a-uuid"), "NOT_FOUND");
    await expectAppError(
      saveUserMemberships(globexAdmin, { userId: acmeUser, changes: [{ projectId: globexSup, now: { member: true, triage: false }, seen: { member: false, triage: false } }] }, meta),
      "NOT_FOUND",
    );
    await expectAppError(
      saveUserMemberships(globexAdmin, { userId: globexUser, changes: [{ projectId: acmeEng, now: { member: true, triage: false }, seen: { member: false, triage: false } }] }, meta),
      "NOT_FOUND",
    );
    // The Acme project comes after a valid Globex change in the same save: nothing of it stays.
    await expectAppError(
      saveUserMemberships(
        globexAdmin,
        {
          userId: globexUser,
          changes: [
            { projectId: globexSup, now: { member: false, triage: false }, seen: { member: true, triage: false } },
            { projectId: acmeEng, now: { member: true, triage: false }, seen: { member: false, triage: false } },
          ],
        },
        meta,
      ),
      "NOT_FOUND",
    );
    for (const who of ["agent@acme.test", "manager@acme.test", "requester@acme.test"] as const) {
      await expectAppError(userMemberships(demo.actors[who], acmeUser), "NOT_FOUND");
      await expectAppError(
        saveUserMemberships(demo.actors[who], { userId: acmeUser, changes: [{ projectId: acmeEng, now: { member: true, triage: false }, seen: { member: false, triage: false } }] }, meta),
        "NOT_FOUND",
      );
    }
    expect(await footprint()).toEqual(before);
  });
});

describe("invite with projects", () => {
  it("puts the invitee into the chosen projects, audited with the invitation", async () => {
    const admin = demo.actors["admin@acme.test"];
    const role = (await db.role.findFirstOrThrow({ where: { organizationId: demo.acme.id, builtIn: "agent" } })).id;
    const [sup, eng] = await Promise.all([projectId(demo.acme.id, "SUP"), projectId(demo.acme.id, "ENG")]);
    await inviteUser(admin, { email: "newbie@acme.test", name: "Newbie", roleId: role, projectIds: [sup, eng] }, meta);
    expect(await membershipsOf("newbie@acme.test")).toEqual(["ENG", "SUP"]);
    const [invited] = await db.auditLog.findMany({ where: { action: "user.invited" } });
    expect(invited).toMatchObject({ data: { new: { email: "newbie@acme.test", projects: ["ENG", "SUP"] } } });
    expect(await db.auditLog.count({ where: { action: "project.member_added" } })).toBe(2);
    // Without projects, as before: none.
    await inviteUser(admin, { email: "loner@acme.test", name: "Loner", roleId: role }, meta);
    expect(await membershipsOf("loner@acme.test")).toEqual([]);
  });

  it("another organization's project is a message on Projects, and nobody is invited", async () => {
    const admin = demo.actors["admin@acme.test"];
    const role = (await db.role.findFirstOrThrow({ where: { organizationId: demo.acme.id, builtIn: "agent" } })).id;
    const before = { users: await db.user.count(), ...(await footprint()) };
    const e = await expectAppError(
      inviteUser(admin, { email: "sneaky@acme.test", name: "Sneaky", roleId: role, projectIds: [await projectId(demo.acme.id, "SUP"), await projectId(demo.globex.id, "SUP")] }, meta),
      "VALIDATION",
    );
    expect(e.fieldErrors).toEqual({ projectIds: ["Choose projects of your organization"] });
    expect({ users: await db.user.count(), ...(await footprint()) }).toEqual(before);
  });
});
