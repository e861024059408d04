import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createTicket } from "@/lib/domain/tickets/create-ticket";
import { projectScope } from "@/lib/domain/tickets/policy";
import { listBoards } from "@/lib/domain/board/board-query";
import { actorFor, expectAppError, seededDemo, type Demo } from "@/test/integration/helpers";
import { createProject } from "./create-project";
import { updateProject } from "./update-project";
import { setProjectArchived } from "./archive-project";
import { addProjectMember, removeProjectMember, setMemberTriage } from "./members";
import { listProjectsForAdmin, memberCandidates, projectForAdmin } from "./admin-queries";
import { DEFAULT_KANBAN_COLUMNS } from "./default-columns";
import { KEY_LOCKED } from "./access";

let demo: Demo;
const a = (email: keyof Demo["actors"]) => demo.actors[email];
const meta = { ip: "203.0.113.9", userAgent: "vitest" };

beforeAll(async () => {
  demo = await seededDemo();
});

const auditRows = (entityId: string) => db.auditLog.findMany({ where: { entityId }, orderBy: { createdAt: "asc" }, select: { action: true, data: true, ip: true, userAgent: true, actorId: true, organizationId: true } });

/** Rows a refused admin write must not have touched. */
async function footprint() {
  const [projects, members, columns, counters, audits, tags] = await Promise.all([
    db.project.findMany({ orderBy: { id: "asc" }, select: { id: true, key: true, name: true, description: true, leadId: true, archived: true, updatedAt: true } }),
    db.projectMember.findMany({ orderBy: [{ projectId: "asc" }, { userId: "asc" }] }),
    db.kanbanColumn.count(),
    db.numberCounter.count(),
    db.auditLog.count(),
    db.tag.count(),
  ]);
  return { projects, members, columns, counters, audits, tags };
}

describe("creating a project", () => {
  it("a kanban project: default columns, the creator and lead as members, a counter at 0, one audit row; it is a board and its first ticket is KEY-1", async () => {
    const admin = a("admin@acme.test");
    const agent = a("agent@acme.test");
    const p = await createProject(admin, { key: "ops", name: "Operations", workflow: "kanban", numbering: "key_sequence", leadId: agent.id }, meta);
    expect(p.key).toBe("OPS");
    const columns = await db.kanbanColumn.findMany({ where: { projectId: p.id }, orderBy: { position: "asc" }, select: { name: true, category: true, color: true, position: true } });
    expect(columns).toEqual(DEFAULT_KANBAN_COLUMNS.map((c, i) => ({ ...c, position: i })));
    // The seed's ENG board was made from the same definition.
    const eng = await demo.project(demo.acme.id, "ENG");
    expect((await db.kanbanColumn.findMany({ where: { projectId: eng.id }, orderBy: { position: "asc" }, select: { name: true } })).map((c) => c.name)).toEqual(DEFAULT_KANBAN_COLUMNS.map((c) => c.name));
    const members = await db.projectMember.findMany({ where: { projectId: p.id }, select: { userId: true } });
    expect(members.map((m) => m.userId).sort()).toEqual([admin.id, agent.id].sort());
    expect(await db.numberCounter.findUnique({ where: { organizationId_scope: { organizationId: demo.acme.id, scope: `project:${p.id}` } } })).toMatchObject({ value: 0 });
    const [row] = await auditRows(p.id);
    expect(row).toMatchObject({ action: "project.created", ip: "203.0.113.9", userAgent: "vitest", actorId: admin.id, organizationId: demo.acme.id });
    expect(row!.data).toMatchObject({ old: {}, new: { key: "OPS", name: "Operations", workflow: "kanban", numbering: "key_sequence", lead: agent.name } });

    // The agent (now a member) sees it among the boards, and a ticket there is OPS-1 in the first column.
    const agentNow = await actorFor("agent@acme.test");
    expect((await listBoards(agentNow)).map((b) => b.key)).toContain("OPS");
    const t = await createTicket(admin, { projectKey: "OPS", title: "First card" });
    const ticket = await db.ticket.findUniqueOrThrow({ where: { id: t.id }, select: { number: true, column: { select: { name: true } } } });
    expect(ticket).toEqual({ number: "OPS-1", column: { name: "To do" } });
  });

  it("a dated support project shares the organization's daily sequence (no counter of its own)", async () => {
    const admin = a("admin@acme.test");
    const before = await db.numberCounter.count();
    const p = await createProject(admin, { key: "HR", name: "People", workflow: "support", numbering: "dated" }, meta);
    expect(await db.numberCounter.count()).toBe(before);
    const t = await createTicket(admin, { projectKey: "HR", title: "Onboarding laptop" });
    const { number } = await db.ticket.findUniqueOrThrow({ where: { id: t.id }, select: { number: true } });
    expect(number).toMatch(/^TKT-\d{8}-\d{4}$/);
    expect((await db.projectMember.findMany({ where: { projectId: p.id } })).map((m) => m.userId)).toEqual([admin.id]);
  });

  it("refuses a malformed or taken key, a lead who is not staff, and non-admins — writing nothing", async () => {
    const admin = a("admin@acme.test");
    const before = await footprint();
    for (const key of ["A", "1AB", "TOOLONGKEY1", "A-B"]) {
      const e = await expectAppError(createProject(admin, { key, name: "x", workflow: "support", numbering: "key_sequence" }), "VALIDATION");
      expect(e.fieldErrors?.key?.[0]).toMatch(/2–10 capital letters/);
    }
    const taken = await expectAppError(createProject(admin, { key: "sup", name: "Again", workflow: "support", numbering: "key_sequence" }), "VALIDATION");
    expect(taken.fieldErrors?.key?.[0]).toMatch(/SUP is taken/);
    const requester = await db.user.findUniqueOrThrow({ where: { email: "requester@acme.test" }, select: { id: true } });
    const globexAgent = a("agent@globex.test");
    for (const leadId of [requester.id, globexAgent.id]) {
      const e = await expectAppError(createProject(admin, { key: "NEW", name: "x", workflow: "support", numbering: "key_sequence", leadId }), "VALIDATION");
      expect(e.fieldErrors?.leadId).toBeTruthy();
    }
    for (const who of ["manager@acme.test", "agent@acme.test", "requester@acme.test"] as const) {
      await expectAppError(createProject(a(who), { key: "NEW", name: "x", workflow: "support", numbering: "key_sequence" }), "NOT_FOUND");
    }
    // The same key in another organization is free.
    await createProject(a("admin@globex.test"), { key: "OPS", name: "Globex Ops", workflow: "kanban", numbering: "key_sequence" });
    const after = await footprint();
    expect({ ...after, projects: after.projects.filter((p) => p.key !== "OPS" || before.projects.some((b) => b.id === p.id)), columns: before.columns, counters: before.counters, audits: before.audits, members: before.members }).toEqual(before);
  });
});

describe("editing a project", () => {
  it("name, lead and description are compare-and-set and audited with old and new values", async () => {
    const admin = a("admin@acme.test");
    const p = await createProject(admin, { key: "FAC", name: "Facilities", workflow: "support", numbering: "key_sequence" });
    const { project } = await projectForAdmin(admin, "FAC");
    const manager = a("manager@acme.test");
    const saved = await updateProject(admin, { projectId: p.id, updatedAt: project.updatedAt.toISOString(), name: "Facilities desk", leadId: manager.id, description: "Rooms and keys" }, meta);
    expect(saved.changed).toBe(true);
    // A second editor who loaded the page before that save loses with a CONFLICT; nothing is overwritten.
    const stale = await expectAppError(
      updateProject(admin, { projectId: p.id, updatedAt: project.updatedAt.toISOString(), name: "Overwritten", leadId: null, description: "" }),
      "CONFLICT",
    );
    expect(stale.message).toMatch(/Someone else changed this project first/);
    const now = await db.project.findUniqueOrThrow({ where: { id: p.id }, select: { name: true, leadId: true, description: true } });
    expect(now).toEqual({ name: "Facilities desk", leadId: manager.id, description: "Rooms and keys" });
    const rows = await auditRows(p.id);
    expect(rows.map((r) => r.action)).toEqual(["project.created", "project.updated"]);
    expect(rows[1]!.data).toMatchObject({
      old: { name: "Facilities", description: "", lead: null },
      new: { name: "Facilities desk", description: "Rooms and keys", lead: manager.name },
    });
  });

  it("the key is editable until the project has a ticket, then refused with why", async () => {
    const admin = a("admin@acme.test");
    const p = await createProject(admin, { key: "TMP", name: "Temp", workflow: "support", numbering: "key_sequence" });
    let { project, keyLocked } = await projectForAdmin(admin, "TMP");
    expect(keyLocked).toBe(false);
    const renamed = await updateProject(admin, { projectId: p.id, updatedAt: project.updatedAt.toISOString(), key: "tmp2", name: project.name, leadId: null, description: "" });
    expect(renamed.key).toBe("TMP2");
    const taken = await expectAppError(updateProject(admin, { projectId: p.id, updatedAt: renamed.updatedAt.toISOString(), key: "SUP", name: "Temp", leadId: null, description: "" }), "VALIDATION");
    expect(taken.fieldErrors?.key?.[0]).toMatch(/SUP is taken/);
    await createTicket(admin, { projectKey: "TMP2", title: "Now it has a ticket" });
    ({ project, keyLocked } = await projectForAdmin(admin, "TMP2"));
    expect(keyLocked).toBe(true);
    const e = await expectAppError(updateProject(admin, { projectId: p.id, updatedAt: project.updatedAt.toISOString(), key: "TMP3", name: "Temp", leadId: null, description: "" }), "VALIDATION");
    expect(e.fieldErrors?.key).toEqual([KEY_LOCKED]);
    expect((await db.project.findUniqueOrThrow({ where: { id: p.id } })).key).toBe("TMP2");
    // Sending the same key back is not a change of key.
    await updateProject(admin, { projectId: p.id, updatedAt: project.updatedAt.toISOString(), key: "TMP2", name: "Temp!", leadId: null, description: "" });
  });

  it("archiving hides the project from new requests, pickers and boards, keeps its tickets and still opens it by key", async () => {
    const admin = a("admin@acme.test");
    const chg = await demo.project(demo.acme.id, "CHG");
    const tickets = await db.ticket.count({ where: { projectId: chg.id } });
    await setProjectArchived(admin, { projectId: chg.id, archived: true }, meta);
    const requesterNow = await actorFor("requester@acme.test");
    expect(await db.project.findFirst({ where: { ...projectScope(requesterNow), workflow: "change" } })).toBeNull();
    const refused = await expectAppError(createTicket(requesterNow, { requestType: "change", title: "New RAM", items: [] }), "VALIDATION");
    expect(refused.fieldErrors?.requestType).toEqual(["You cannot create requests of this type"]);
    expect((await listBoards(a("agent@acme.test"))).map((b) => b.key)).not.toContain("CHG");
    expect(await db.ticket.count({ where: { projectId: chg.id } })).toBe(tickets);
    expect((await projectForAdmin(admin, "CHG")).project.archived).toBe(true);
    // Setting the state it has is a no-op (no second audit row).
    expect((await setProjectArchived(admin, { projectId: chg.id, archived: true })).changed).toBe(false);
    await setProjectArchived(admin, { projectId: chg.id, archived: false }, meta);
    expect(await db.project.findFirst({ where: { ...projectScope(await actorFor("requester@acme.test")), workflow: "change" }, select: { key: true } })).toEqual({ key: "CHG" });
    expect((await auditRows(chg.id)).map((r) => [r.action, r.data])).toEqual([
      ["project.archived", { project: "CHG", old: { archived: false }, new: { archived: true } }],
      ["project.unarchived", { project: "CHG", old: { archived: true }, new: { archived: false } }],
    ]);
  });
});

describe("members", () => {
  it("add (staff or requester), triage, remove — each audited; triage members are told about new tickets", async () => {
    const admin = a("admin@acme.test");
    const p = await createProject(admin, { key: "NET", name: "Network", workflow: "support", numbering: "key_sequence" });
    const manager = a("manager@acme.test");
    const requester = a("requester2@acme.test");
    // The picker offers people of the organization not yet in the project, staff and requesters alike.
    const found = await memberCandidates(admin, { project: p.id, q: "req" });
    expect(found.map((c) => c.id)).toContain(requester.id);
    expect(found.every((c) => c.name.includes(" · "))).toBe(true);
    expect((await memberCandidates(admin, { project: p.id, q: "" })).map((c) => c.id)).not.toContain(admin.id);
    expect((await memberCandidates(admin, { project: p.id, q: "gus" })).length).toBe(0); // Globex's agent

    await addProjectMember(admin, { projectId: p.id, userId: manager.id }, meta);
    await addProjectMember(admin, { projectId: p.id, userId: requester.id }, meta);
    const dup = await expectAppError(addProjectMember(admin, { projectId: p.id, userId: manager.id }), "VALIDATION");
    expect(dup.fieldErrors?.userId?.[0]).toMatch(/already a member/);
    const other = await expectAppError(addProjectMember(admin, { projectId: p.id, userId: a("agent@globex.test").id }), "VALIDATION");
    expect(other.fieldErrors?.userId).toBeTruthy();

    await setMemberTriage(admin, { projectId: p.id, userId: manager.id, triage: true }, meta);
    const detail = await projectForAdmin(admin, "NET");
    expect(detail.members.map((m) => [m.userId, m.triage]).sort()).toEqual([[admin.id, false], [manager.id, true], [requester.id, false]].sort());
    expect(detail.membersTotal).toBe(3);
    await createTicket(await actorFor("requester2@acme.test"), { projectKey: "NET", title: "Switch in room 4 blinks" });
    expect(await db.notification.count({ where: { userId: manager.id, event: "ticket_created" } })).toBe(1);

    await removeProjectMember(admin, { projectId: p.id, userId: requester.id }, meta);
    await expectAppError(removeProjectMember(admin, { projectId: p.id, userId: requester.id }), "NOT_FOUND");
    expect((await actorFor("requester2@acme.test")).projectIds).not.toContain(p.id);
    const actions = (await auditRows(p.id)).map((r) => r.action);
    expect(actions).toEqual(["project.created", "project.member_added", "project.member_added", "project.member_triage_changed", "project.member_removed"]);
    const triageRow = (await auditRows(p.id)).find((r) => r.action === "project.member_triage_changed");
    expect(triageRow?.data).toMatchObject({ old: { triage: false }, new: { triage: true }, user: { id: manager.id } });
  });
});

describe("another organization's admin", () => {
  it("gets NOT_FOUND for every Acme project id and writes nothing", async () => {
    const globex = a("admin@globex.test");
    const sup = await demo.project(demo.acme.id, "SUP");
    const agent = a("agent@acme.test");
    const { project } = await projectForAdmin(a("admin@acme.test"), "SUP");
    const before = await footprint();
    await expectAppError(updateProject(globex, { projectId: sup.id, updatedAt: project.updatedAt.toISOString(), name: "Hijacked", leadId: null, description: "" }), "NOT_FOUND");
    await expectAppError(setProjectArchived(globex, { projectId: sup.id, archived: true }), "NOT_FOUND");
    await expectAppError(addProjectMember(globex, { projectId: sup.id, userId: a("agent@globex.test").id }), "NOT_FOUND");
    await expectAppError(setMemberTriage(globex, { projectId: sup.id, userId: agent.id, triage: true }), "NOT_FOUND");
    await expectAppError(removeProjectMember(globex, { projectId: sup.id, userId: agent.id }), "NOT_FOUND");
    await expectAppError(memberCandidates(globex, { project: sup.id, q: "" }), "NOT_FOUND");
    expect((await listProjectsForAdmin(globex)).rows.map((r) => r.key)).not.toContain("CHG");
    expect(await footprint()).toEqual(before);
    // Globex's key "SUP" is its own project, not Acme's.
    expect((await projectForAdmin(globex, "SUP")).project.organizationId).toBe(demo.globex.id);
  });
});

describe("the list", () => {
  it("shows every project with labels' sources, lead and capped counts, archived last", async () => {
    const admin = a("admin@acme.test");
    const { rows } = await listProjectsForAdmin(admin);
    const sup = rows.find((r) => r.key === "SUP")!;
    expect(sup).toMatchObject({ workflow: "support", numbering: "key_sequence", archived: false });
    expect(sup.tickets).toBe(await db.ticket.count({ where: { projectId: sup.id } }));
    expect(sup.members).toBe(await db.projectMember.count({ where: { projectId: sup.id } }));
    expect(rows.find((r) => r.key === "CHG")).toMatchObject({ numbering: "dated", workflow: "change" });
    expect((await listProjectsForAdmin(admin, { q: "engin" })).rows.map((r) => r.key)).toEqual(["ENG"]);
  });
});
