import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { isAppError } from "@/lib/errors";
import type { Actor } from "@/lib/auth/actor";
import { seedTicket } from "@/prisma/factories";
import { DEMO_EMAILS, expectAppError, seededDemo, type Demo, type DemoEmail } from "@/test/integration/helpers";
import { createTicket } from "@/lib/domain/tickets/create-ticket";
import { setTicketTeam } from "@/lib/domain/tickets/set-ticket-team";
import { acceptForTeam } from "@/lib/domain/tickets/accept-for-team";
import { transitionTicket } from "@/lib/domain/tickets/transition-ticket";
import { getTicketDetail } from "@/lib/domain/tickets/queries";
import { portalControls, ticketControls } from "@/lib/domain/tickets/page-data";
import { isStaff } from "@/lib/auth/permissions";
import { setProjectDefaultTeam } from "@/lib/domain/projects/set-default-team";
import { describeHistory } from "@/lib/domain/tickets/history-text";
import { createTeam } from "./create-team";
import { updateTeam } from "./update-team";
import { deleteTeam } from "./delete-team";
import { addTeamMember, removeTeamMember } from "./members";
import { listTeamsForAdmin, teamForAdmin, teamMemberCandidates } from "./list-teams";
import { teamOptions } from "./options";
import { deskBoxes, deskPage } from "@/lib/domain/desk/desk-query";
import { getBoard } from "@/lib/domain/board/board-query";
import { parseDeskQuery } from "@/lib/validation/desk";
import { parseBoardQuery } from "@/lib/validation/board";
import { ticketVisibleTo } from "@/lib/domain/tickets/policy";
import { TERMINAL_STATUSES } from "@/lib/domain/tickets/workflow";

let demo: Demo;
const a = (email: DemoEmail) => demo.actors[email];
const id = (email: DemoEmail) => demo.actors[email].id;
const meta = { ip: "198.51.100.7", userAgent: "vitest" };

beforeAll(async () => {
  demo = await seededDemo();
});

const teamByName = (organizationId: string, name: string) => db.team.findFirstOrThrow({ where: { organizationId, name }, select: { id: true, name: true, version: true } });

/** Every row the team features write, to prove a refusal wrote nothing. */
async function footprint() {
  const [teams, members, tickets, history, audits, notifications, projects] = await Promise.all([
    db.team.findMany({ orderBy: { id: "asc" } }),
    db.teamMember.findMany({ orderBy: [{ teamId: "asc" }, { userId: "asc" }] }),
    db.ticket.findMany({ orderBy: { id: "asc" }, select: { id: true, teamId: true, version: true, assigneeId: true, acceptedById: true } }),
    db.ticketHistory.count(),
    db.auditLog.count(),
    db.notification.count(),
    db.project.findMany({ orderBy: { id: "asc" }, select: { id: true, defaultTeamId: true, updatedAt: true } }),
  ]);
  return { teams, members, tickets, history, audits, notifications, projects };
}

/** A fresh support ticket in Acme's SUP (it starts in SUP's default team), optionally assigned. */
async function supTicket(title: string, assignees: DemoEmail[] = []) {
  const project = await demo.project(demo.acme.id, "SUP");
  return seedTicket(db, { project, requesterId: id("requester@acme.test"), title, status: assignees.length ? "in_progress" : "open", assigneeIds: assignees.map(id), staffId: id("agent@acme.test") });
}

const fresh = (ticketId: string) =>
  db.ticket.findUniqueOrThrow({ where: { id: ticketId }, select: { id: true, version: true, teamId: true, assigneeId: true, acceptedById: true, assignees: { select: { userId: true, isPrimary: true } } } });

describe("teams: administration", () => {
  it("create, rename and describe a team: names unique ignoring case, compare-and-set, audited with old and new values", async () => {
    const admin = a("admin@acme.test");
    const team = await createTeam(admin, { name: "  Network  ", description: "Switches and Wi-Fi" }, meta);
    expect(team).toMatchObject({ name: "Network", description: "Switches and Wi-Fi", version: 1 });
    const dup = await expectAppError(createTeam(admin, { name: "NETWORK" }), "VALIDATION");
    expect(dup.fieldErrors?.name?.[0]).toMatch(/already exists/);
    expect((await expectAppError(createTeam(admin, { name: "   " }), "VALIDATION")).fieldErrors?.name).toBeTruthy();
    expect((await expectAppError(createTeam(admin, { name: "Two\nlines" }), "VALIDATION")).fieldErrors?.name).toBeTruthy();
    // The same name in another organization is another team.
    await createTeam(a("admin@globex.test"), { name: "Network" });

    const saved = await updateTeam(admin, { id: team.id, version: 1, name: "Network team", description: "Switches, Wi-Fi and VPN" }, meta);
    expect(saved).toMatchObject({ version: 2, changed: true });
    // The loser of a concurrent edit is told, and nothing of theirs is written.
    const stale = await expectAppError(updateTeam(admin, { id: team.id, version: 1, name: "Networks" }), "CONFLICT");
    expect(stale.message).toMatch(/Someone else changed this team first/);
    expect(await db.team.findUniqueOrThrow({ where: { id: team.id }, select: { name: true, version: true } })).toEqual({ name: "Network team", version: 2 });
    // A rename onto another team's name (any case) is refused under the field.
    const clash = await expectAppError(updateTeam(admin, { id: team.id, version: 2, name: "service DESK" }), "VALIDATION");
    expect(clash.fieldErrors?.name?.[0]).toMatch(/already exists/);
    expect(await updateTeam(admin, { id: team.id, version: 2, name: "Network team", description: "Switches, Wi-Fi and VPN" })).toMatchObject({ changed: false, version: 2 });

    const rows = await db.auditLog.findMany({ where: { entityId: team.id }, orderBy: { createdAt: "asc" } });
    expect(rows.map((r) => r.action)).toEqual(["team.created", "team.updated"]);
    expect(rows[0]).toMatchObject({ actorId: admin.id, ip: "198.51.100.7", userAgent: "vitest", entityType: "Team" });
    expect(rows[0]!.data).toEqual({ old: {}, new: { name: "Network", description: "Switches and Wi-Fi" } });
    expect(rows[1]!.data).toEqual({ team: "Network", old: { name: "Network", description: "Switches and Wi-Fi" }, new: { name: "Network team", description: "Switches, Wi-Fi and VPN" } });
  });

  it("two concurrent edits of one version: exactly one wins, the other is a conflict", async () => {
    const admin = a("admin@acme.test");
    const team = await createTeam(admin, { name: "Race" });
    const results = await Promise.allSettled([
      updateTeam(admin, { id: team.id, version: 1, name: "Race A" }),
      updateTeam(admin, { id: team.id, version: 1, name: "Race B" }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const lost = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(isAppError(lost.reason) && lost.reason.code).toBe("CONFLICT");
    expect(await db.auditLog.count({ where: { entityId: team.id, action: "team.updated" } })).toBe(1);
  });

  it("members are active staff of the organization; adding twice and removing a non-member are refused; each change is audited", async () => {
    const admin = a("admin@acme.test");
    const team = await createTeam(admin, { name: "Members" });
    await addTeamMember(admin, { teamId: team.id, userId: id("manager@acme.test") }, meta);
    const twice = await expectAppError(addTeamMember(admin, { teamId: team.id, userId: id("manager@acme.test") }), "VALIDATION");
    expect(twice.fieldErrors?.userId?.[0]).toMatch(/already a member/);
    // A requester cannot work tickets; another organization's staff reads like nobody.
    for (const who of ["requester@acme.test", "agent@globex.test"] as const) {
      const e = await expectAppError(addTeamMember(admin, { teamId: team.id, userId: id(who) }), "VALIDATION");
      expect(e.fieldErrors?.userId?.[0]).toBe("Choose a staff member of your organization");
    }
    await expectAppError(removeTeamMember(admin, { teamId: team.id, userId: id("agent@acme.test") }), "NOT_FOUND");
    await removeTeamMember(admin, { teamId: team.id, userId: id("manager@acme.test") }, meta);
    const rows = await db.auditLog.findMany({ where: { entityId: team.id, action: { startsWith: "team.member" } }, orderBy: { createdAt: "asc" } });
    expect(rows.map((r) => [r.action, r.data])).toEqual([
      ["team.member_added", { team: "Members", user: { id: id("manager@acme.test"), name: "Maria Manager" }, old: { member: false }, new: { member: true } }],
      ["team.member_removed", { team: "Members", user: { id: id("manager@acme.test"), name: "Maria Manager" }, old: { member: true }, new: { member: false } }],
    ]);
  });

  it("the member picker searches staff not yet in the team, 20 at most; the list counts members and open tickets", async () => {
    const admin = a("admin@acme.test");
    const desk = await teamByName(demo.acme.id, "Service desk");
    const names = (await teamMemberCandidates(admin, { team: desk.id, q: "" })).map((p) => p.name);
    expect(names).toEqual(["Ada Admin", "Maria Manager", "Theo Technician"]);
    expect((await teamMemberCandidates(admin, { team: desk.id, q: "ma" })).map((p) => p.name)).toEqual(["Maria Manager"]);
    await expectAppError(teamMemberCandidates(admin, { team: desk.id, q: "x".repeat(101) }), "VALIDATION");

    const list = await listTeamsForAdmin(admin, {});
    const row = list.rows.find((r) => r.name === "Service desk")!;
    const open = await db.ticket.count({ where: { teamId: desk.id, deletedAt: null, status: { notIn: ["closed", "completed", "cancelled", "done"] } } });
    expect(row).toMatchObject({ members: 1, openTickets: open });
    expect(open).toBeGreaterThan(0);
    expect((await listTeamsForAdmin(admin, { q: "infra" })).rows.map((r) => r.name)).toEqual(["Infrastructure"]);
    const page = await teamForAdmin(admin, desk.id, {});
    expect(page.members.map((m) => m.name)).toEqual(["Sam Agent"]);
    expect(page.defaultOf.map((p) => p.key)).toEqual(["SUP"]);
  });

  it("non-admins get NOT_FOUND for every team administration call", async () => {
    const desk = await teamByName(demo.acme.id, "Service desk");
    const before = await footprint();
    for (const who of ["agent@acme.test", "manager@acme.test", "tech@acme.test", "requester@acme.test"] as const) {
      const u = a(who);
      await expectAppError(createTeam(u, { name: "Nope" }), "NOT_FOUND");
      await expectAppError(updateTeam(u, { id: desk.id, version: desk.version, name: "Nope" }), "NOT_FOUND");
      await expectAppError(deleteTeam(u, { id: desk.id, version: desk.version }), "NOT_FOUND");
      await expectAppError(addTeamMember(u, { teamId: desk.id, userId: id("manager@acme.test") }), "NOT_FOUND");
      await expectAppError(removeTeamMember(u, { teamId: desk.id, userId: id("agent@acme.test") }), "NOT_FOUND");
      await expectAppError(listTeamsForAdmin(u, {}), "NOT_FOUND");
      await expectAppError(teamForAdmin(u, desk.id), "NOT_FOUND");
      await expectAppError(teamMemberCandidates(u, { team: desk.id }), "NOT_FOUND");
    }
    expect(await footprint()).toEqual(before);
  });

  it("Globex's admin against Acme's team and project ids: not found (or a field message), nothing written", async () => {
    const g = a("admin@globex.test");
    const desk = await teamByName(demo.acme.id, "Service desk");
    const sup = await db.project.findFirstOrThrow({ where: { organizationId: demo.acme.id, key: "SUP" }, select: { id: true, updatedAt: true } });
    const gSup = await db.project.findFirstOrThrow({ where: { organizationId: demo.globex.id, key: "SUP" }, select: { id: true, updatedAt: true } });
    const acmeTicket = await db.ticket.findFirstOrThrow({ where: { organizationId: demo.acme.id, number: "SUP-3" }, select: { id: true, version: true } });
    const before = await footprint();
    await expectAppError(updateTeam(g, { id: desk.id, version: desk.version, name: "Taken over" }), "NOT_FOUND");
    await expectAppError(deleteTeam(g, { id: desk.id, version: desk.version }), "NOT_FOUND");
    await expectAppError(addTeamMember(g, { teamId: desk.id, userId: id("agent@globex.test") }), "NOT_FOUND");
    await expectAppError(removeTeamMember(g, { teamId: desk.id, userId: id("agent@acme.test") }), "NOT_FOUND");
    await expectAppError(teamForAdmin(g, desk.id), "NOT_FOUND");
    await expectAppError(teamMemberCandidates(g, { team: desk.id }), "NOT_FOUND");
    await expectAppError(setProjectDefaultTeam(g, { projectId: sup.id, updatedAt: sup.updatedAt.toISOString(), teamId: null }), "NOT_FOUND");
    // Their own project with Acme's team: the team reads like one that does not exist.
    const own = await expectAppError(setProjectDefaultTeam(g, { projectId: gSup.id, updatedAt: gSup.updatedAt.toISOString(), teamId: desk.id }), "VALIDATION");
    expect(own.fieldErrors?.teamId).toEqual(["Choose a team of your organization"]);
    // Tickets: Globex staff cannot reach Acme's ticket, and an Acme agent cannot name Globex's team.
    await expectAppError(setTicketTeam(a("agent@globex.test"), { ticketId: acmeTicket.id, version: acmeTicket.version, teamId: null }), "NOT_FOUND");
    await expectAppError(acceptForTeam(a("agent@globex.test"), { ticketId: acmeTicket.id, version: acmeTicket.version }), "NOT_FOUND");
    const gTeam = await db.team.create({ data: { organizationId: demo.globex.id, name: "Globex crew" }, select: { id: true } });
    const after = await footprint();
    const foreign = await expectAppError(setTicketTeam(a("agent@acme.test"), { ticketId: acmeTicket.id, version: acmeTicket.version, teamId: gTeam.id }), "VALIDATION");
    expect(foreign.fieldErrors?.teamId).toEqual(["Choose a team of your organization"]);
    expect(await footprint()).toEqual(after);
    expect({ ...after, teams: after.teams.filter((t) => t.id !== gTeam.id) }).toEqual(before);
    await db.team.delete({ where: { id: gTeam.id } });
    // Globex's selects never offer Acme's team, even when asked for it by id.
    expect((await teamOptions(demo.globex.id, [desk.id])).some((o) => o.id === desk.id)).toBe(false);
  });

  it("delete is refused while open tickets are on the team or it is a project's default; then it goes, finished tickets keep their history", async () => {
    const admin = a("admin@acme.test");
    const team = await createTeam(admin, { name: "Short-lived" });
    await addTeamMember(admin, { teamId: team.id, userId: id("agent@acme.test") });
    const t = await supTicket("Team delete: an open ticket");
    await setTicketTeam(a("agent@acme.test"), { ticketId: t.id, version: t.version, teamId: team.id, reason: "" });
    const open = await expectAppError(deleteTeam(admin, { id: team.id, version: 1 }), "VALIDATION");
    expect(open.message).toBe("Short-lived still has 1 open ticket. Transfer it to another team first.");

    const eng = await db.project.findFirstOrThrow({ where: { organizationId: demo.acme.id, key: "ENG" }, select: { id: true, updatedAt: true } });
    const set = await setProjectDefaultTeam(admin, { projectId: eng.id, updatedAt: eng.updatedAt.toISOString(), teamId: team.id }, meta);
    // Close the ticket: a finished ticket does not hold the team back.
    await transitionTicket(a("agent@acme.test"), { ticketId: t.id, version: (await fresh(t.id)).version, to: "closed" });
    const isDefault = await expectAppError(deleteTeam(admin, { id: team.id, version: 1 }), "VALIDATION");
    expect(isDefault.message).toBe("Short-lived is the default team of ENG. Choose another default team there first.");
    await setProjectDefaultTeam(admin, { projectId: eng.id, updatedAt: set.updatedAt.toISOString(), teamId: null });
    // A stale page's delete is a conflict.
    await updateTeam(admin, { id: team.id, version: 1, name: "Short-lived", description: "Going" });
    await expectAppError(deleteTeam(admin, { id: team.id, version: 1 }), "CONFLICT");

    await deleteTeam(admin, { id: team.id, version: 2 }, meta);
    expect(await db.team.count({ where: { id: team.id } })).toBe(0);
    expect(await db.teamMember.count({ where: { teamId: team.id } })).toBe(0);
    expect((await fresh(t.id)).teamId).toBeNull();
    const history = await db.ticketHistory.findMany({ where: { ticketId: t.id, field: "team" }, include: { actor: { select: { name: true } } } });
    expect(history.map((h) => describeHistory(h))).toEqual(["Sam Agent transferred the ticket to Short-lived team"]);
    const audit = await db.auditLog.findFirstOrThrow({ where: { entityId: team.id, action: "team.deleted" } });
    expect(audit.data).toEqual({ old: { name: "Short-lived", description: "Going" }, new: {}, members: 1 });
  });
});

describe("teams: a project's default team", () => {
  it("new tickets start in their project's default team; the admin changes it (compare-and-set, audited)", async () => {
    const admin = a("admin@acme.test");
    const desk = await teamByName(demo.acme.id, "Service desk");
    const infra = await teamByName(demo.acme.id, "Infrastructure");
    const first = await createTicket(a("requester@acme.test"), { requestType: "support", title: "Default team: first", description: "x" });
    expect((await db.ticket.findUniqueOrThrow({ where: { id: first.id } })).teamId).toBe(desk.id);
    // CHG has no default team.
    const chg = await createTicket(a("requester@acme.test"), { requestType: "change", title: "Default team: a change", description: "x" });
    expect((await db.ticket.findUniqueOrThrow({ where: { id: chg.id } })).teamId).toBeNull();

    const sup = await db.project.findFirstOrThrow({ where: { organizationId: demo.acme.id, key: "SUP" }, select: { id: true, updatedAt: true } });
    const saved = await setProjectDefaultTeam(admin, { projectId: sup.id, updatedAt: sup.updatedAt.toISOString(), teamId: infra.id }, meta);
    expect(saved.changed).toBe(true);
    await expectAppError(setProjectDefaultTeam(admin, { projectId: sup.id, updatedAt: sup.updatedAt.toISOString(), teamId: null }), "CONFLICT");
    const second = await createTicket(a("requester@acme.test"), { requestType: "support", title: "Default team: second", description: "x" });
    expect((await db.ticket.findUniqueOrThrow({ where: { id: second.id } })).teamId).toBe(infra.id);
    const audit = await db.auditLog.findFirstOrThrow({ where: { entityId: sup.id, action: "project.default_team_changed" } });
    expect(audit.data).toEqual({ project: "SUP", old: { defaultTeam: "Service desk" }, new: { defaultTeam: "Infrastructure" } });
    await setProjectDefaultTeam(admin, { projectId: sup.id, updatedAt: saved.updatedAt.toISOString(), teamId: desk.id });
    // Non-admins: not found.
    await expectAppError(setProjectDefaultTeam(a("agent@acme.test"), { projectId: sup.id, updatedAt: saved.updatedAt.toISOString(), teamId: null }), "NOT_FOUND");
  });
});

describe("teams: on a ticket", () => {
  it("a transfer keeps only assignees who are members of the new team, writes an internal history row with the reason and tells the team", async () => {
    const admin = a("admin@acme.test");
    const desk = await teamByName(demo.acme.id, "Service desk");
    const escalations = await createTeam(admin, { name: "Escalations" });
    await addTeamMember(admin, { teamId: escalations.id, userId: id("manager@acme.test") });
    await addTeamMember(admin, { teamId: escalations.id, userId: id("agent@acme.test") });
    const t = await supTicket("Transfer: the VPN drops", ["agent@acme.test", "admin@acme.test"]);
    expect((await fresh(t.id)).teamId).toBe(desk.id);
    const before = await fresh(t.id);
    const r = await setTicketTeam(a("agent@acme.test"), { ticketId: t.id, version: before.version, teamId: escalations.id, reason: "Needs a manager's call" });
    expect(r).toMatchObject({ changed: true, unassigned: 1, visible: true, version: before.version + 1 });
    const after = await fresh(t.id);
    expect(after.teamId).toBe(escalations.id);
    // The agent is a member of Escalations and stays (primary); the admin is not and is unassigned.
    expect(after.assignees).toEqual([{ userId: id("agent@acme.test"), isPrimary: true }]);
    expect(after.assigneeId).toBe(id("agent@acme.test"));

    const rows = await db.ticketHistory.findMany({ where: { ticketId: t.id, createdAt: { gte: new Date(Date.now() - 60_000) }, action: { in: ["field_change", "unassigned"] } }, include: { actor: { select: { name: true } } }, orderBy: { id: "asc" } });
    const team = rows.find((h) => h.field === "team")!;
    expect(team).toMatchObject({ oldValue: "Service desk", newValue: "Escalations", comment: "Needs a manager's call", internal: true });
    expect(describeHistory(team)).toBe("Sam Agent transferred the ticket to Escalations team");
    expect(rows.filter((h) => h.action === "unassigned").map((h) => describeHistory(h))).toEqual(["Sam Agent unassigned Ada Admin"]);
    // The team's members who can see it are told (not the one who did it); the requester never sees the routing.
    const told = await db.notification.findMany({ where: { ticketId: t.id, event: "team_transfer" }, select: { userId: true, title: true, body: true } });
    expect(told.map((n) => n.userId)).toEqual([id("manager@acme.test")]);
    expect(told[0]!.title).toMatch(/was transferred to Escalations team$/);
    expect(told[0]!.body).toContain("Reason: Needs a manager's call");
    const portal = await getTicketDetail(a("requester@acme.test"), (await db.ticket.findUniqueOrThrow({ where: { id: t.id } })).number, { ownOnly: true, requesterView: true });
    expect(portal.history.some((h) => h.field === "team")).toBe(false);

    // A stale page: conflict, nothing written.
    const stale = await expectAppError(setTicketTeam(a("agent@acme.test"), { ticketId: t.id, version: before.version, teamId: desk.id }), "CONFLICT");
    expect(stale.message).toMatch(/Someone else changed this first/);
    expect((await fresh(t.id)).version).toBe(after.version);
    // Taken from its team: the assignees stay.
    await setTicketTeam(admin, { ticketId: t.id, version: after.version, teamId: null });
    expect(await fresh(t.id)).toMatchObject({ teamId: null, assigneeId: id("agent@acme.test") });
    const removed = await db.ticketHistory.findFirstOrThrow({ where: { ticketId: t.id, field: "team", newValue: null }, include: { actor: { select: { name: true } } } });
    expect(describeHistory(removed)).toBe("Ada Admin took the ticket from Escalations team");
  });

  it("who may change a ticket's team: assigners, and a member of its team handing it on; not requesters, not others", async () => {
    const infra = await teamByName(demo.acme.id, "Infrastructure");
    const desk = await teamByName(demo.acme.id, "Service desk");
    const t = await supTicket("Team rights: the technician's ticket", ["tech@acme.test"]);
    let v = (await fresh(t.id)).version;
    // The technician (no ticket.assign) is not in Service desk: refused.
    await expectAppError(setTicketTeam(a("tech@acme.test"), { ticketId: t.id, version: v, teamId: infra.id }), "FORBIDDEN");
    await expectAppError(setTicketTeam(a("requester@acme.test"), { ticketId: t.id, version: v, teamId: null }), "FORBIDDEN");
    await setTicketTeam(a("manager@acme.test"), { ticketId: t.id, version: v, teamId: infra.id });
    v = (await fresh(t.id)).version;
    // Now a member of its team, the technician hands it to the service desk; not a member there, they are unassigned and lose sight of it.
    const r = await setTicketTeam(a("tech@acme.test"), { ticketId: t.id, version: v, teamId: desk.id, reason: "Not hardware" });
    expect(r).toMatchObject({ unassigned: 1, visible: false });
    expect(await fresh(t.id)).toMatchObject({ teamId: desk.id, assigneeId: null, assignees: [] });
    await expectAppError(getTicketDetail(a("tech@acme.test"), (await db.ticket.findUniqueOrThrow({ where: { id: t.id } })).number), "NOT_FOUND");
  });

  it("Accept: a member of the ticket's team takes the unassigned ticket on; others, or once assigned, are refused", async () => {
    const t = await supTicket("Accept: a new laptop");
    const v = (await fresh(t.id)).version;
    // The manager can see it but is not in Service desk; the admin neither.
    await expectAppError(acceptForTeam(a("manager@acme.test"), { ticketId: t.id, version: v }), "FORBIDDEN");
    await expectAppError(acceptForTeam(a("requester@acme.test"), { ticketId: t.id, version: v }), "FORBIDDEN");
    const r = await acceptForTeam(a("agent@acme.test"), { ticketId: t.id, version: v });
    expect(r.version).toBe(v + 1);
    const after = await fresh(t.id);
    expect(after).toMatchObject({ assigneeId: id("agent@acme.test"), acceptedById: id("agent@acme.test"), assignees: [{ userId: id("agent@acme.test"), isPrimary: true }] });
    const row = await db.ticketHistory.findFirstOrThrow({ where: { ticketId: t.id, action: "accepted" }, include: { actor: { select: { name: true } } } });
    expect(describeHistory(row)).toBe("Sam Agent accepted the ticket for Service desk team");
    // Assigned now: nobody accepts it again; a stale page is a conflict.
    await expectAppError(acceptForTeam(a("agent@acme.test"), { ticketId: t.id, version: after.version }), "FORBIDDEN");
    await expectAppError(acceptForTeam(a("agent@acme.test"), { ticketId: t.id, version: v }), "CONFLICT");
  });

  it("two members accepting at once: one becomes the assignee, the other gets a conflict", async () => {
    const admin = a("admin@acme.test");
    const pair = await createTeam(admin, { name: "Pair" });
    await addTeamMember(admin, { teamId: pair.id, userId: id("agent@acme.test") });
    await addTeamMember(admin, { teamId: pair.id, userId: id("manager@acme.test") });
    const t = await supTicket("Accept race");
    await setTicketTeam(admin, { ticketId: t.id, version: (await fresh(t.id)).version, teamId: pair.id });
    const v = (await fresh(t.id)).version;
    const results = await Promise.allSettled([acceptForTeam(a("agent@acme.test"), { ticketId: t.id, version: v }), acceptForTeam(a("manager@acme.test"), { ticketId: t.id, version: v })]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const lost = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(isAppError(lost.reason) && lost.reason.code).toBe("CONFLICT");
    const after = await fresh(t.id);
    expect(after.assignees).toHaveLength(1);
    expect(await db.ticketHistory.count({ where: { ticketId: t.id, action: "accepted" } })).toBe(1);
  });

  it("a change's approver never accepts it for the team (they cannot be its sole assignee)", async () => {
    const admin = a("admin@acme.test");
    const approvers = await createTeam(admin, { name: "Approvers" });
    await addTeamMember(admin, { teamId: approvers.id, userId: id("manager@acme.test") });
    const project = await demo.project(demo.acme.id, "CHG");
    const asset = await db.asset.findFirstOrThrow({ where: { organizationId: demo.acme.id }, select: { id: true } });
    const t = await seedTicket(db, { project, requesterId: id("requester@acme.test"), title: "Approver accept", status: "approved", approverId: id("manager@acme.test"), staffId: id("manager@acme.test"), assetId: asset.id, items: [{ action: "add", componentType: "storage", componentRef: "2TB", quantity: 1 }] });
    await setTicketTeam(admin, { ticketId: t.id, version: (await fresh(t.id)).version, teamId: approvers.id });
    const e = await expectAppError(acceptForTeam(a("manager@acme.test"), { ticketId: t.id, version: (await fresh(t.id)).version }), "FORBIDDEN");
    expect(e.message).toMatch(/approved this change/);
  });

  it("the page offers exactly what the domain allows: Team and Accept for every demo user × team situation", async () => {
    const admin = a("admin@acme.test");
    const desk = await teamByName(demo.acme.id, "Service desk");
    const infra = await teamByName(demo.acme.id, "Infrastructure");
    const situations: { name: string; make: () => Promise<{ id: string; number: string }> }[] = [
      { name: "in Service desk, unassigned", make: () => supTicket("Matrix: desk, unassigned") },
      { name: "in Service desk, assigned to the agent", make: () => supTicket("Matrix: desk, agent", ["agent@acme.test"]) },
      {
        name: "in Infrastructure, assigned to the technician",
        make: async () => {
          const t = await supTicket("Matrix: infra, tech", ["tech@acme.test"]);
          await setTicketTeam(admin, { ticketId: t.id, version: (await fresh(t.id)).version, teamId: infra.id });
          return t;
        },
      },
      {
        name: "no team, unassigned",
        make: async () => {
          const t = await supTicket("Matrix: no team");
          await setTicketTeam(admin, { ticketId: t.id, version: (await fresh(t.id)).version, teamId: null });
          return t;
        },
      },
    ];
    const mismatches: string[] = [];
    let cells = 0;
    const seen = { allowed: 0, refused: 0, hidden: 0 };
    const attempt = async (run: () => Promise<unknown>): Promise<"allowed" | "refused" | "hidden"> => {
      const out = await attemptOnce(run);
      seen[out]++;
      return out;
    };
    const attemptOnce = async (run: () => Promise<unknown>): Promise<"allowed" | "refused" | "hidden"> => {
      try {
        await run();
        return "allowed";
      } catch (e) {
        if (isAppError(e) && e.code === "FORBIDDEN") return "refused";
        if (isAppError(e) && e.code === "NOT_FOUND") return "hidden";
        throw e;
      }
    };
    for (const s of situations) {
      for (const email of DEMO_EMAILS) {
        const actor: Actor = a(email);
        const t = await s.make();
        const detail = await getTicketDetail(actor, t.number, isStaff(actor) ? {} : { ownOnly: true, requesterView: true }).catch(() => null);
        const raw = detail ? await ticketControls(actor, detail) : null;
        const controls = raw && !isStaff(actor) ? portalControls(raw) : raw;
        const want = (shown: boolean | undefined) => (!controls ? "hidden" : shown ? "allowed" : "refused");
        // Transfer to the other demo team (a real change for every situation).
        const to = (await fresh(t.id)).teamId === desk.id ? infra.id : desk.id;
        const changed = await attempt(() => setTicketTeam(actor, { ticketId: t.id, version: detail?.version ?? 1, teamId: to }));
        cells++;
        if (changed !== want(controls?.team.canChange)) mismatches.push(`${email} · ${s.name} · Team: page ${controls?.team.canChange}, domain ${changed}`);
        const t2 = await s.make();
        const detail2 = await getTicketDetail(actor, t2.number, isStaff(actor) ? {} : { ownOnly: true, requesterView: true }).catch(() => null);
        const raw2 = detail2 ? await ticketControls(actor, detail2) : null;
        const controls2 = raw2 && !isStaff(actor) ? portalControls(raw2) : raw2;
        const accepted = await attempt(() => acceptForTeam(actor, { ticketId: t2.id, version: detail2?.version ?? 1 }));
        cells++;
        const wantAccept = !controls2 ? "hidden" : controls2.team.canAccept ? "allowed" : "refused";
        if (accepted !== wantAccept) mismatches.push(`${email} · ${s.name} · Accept: page ${controls2?.team.canAccept}, domain ${accepted}`);
        if (controls && !isStaff(actor)) expect(controls.team.current, "the portal never shows the team").toBeNull();
      }
    }
    expect(mismatches).toEqual([]);
    expect(cells).toBe(situations.length * DEMO_EMAILS.length * 2);
    // It cannot pass empty: each answer occurs (Globex's users are "hidden"; the agent accepts the desk's unassigned ticket; the technician hands on Infrastructure's).
    expect(seen.allowed).toBeGreaterThanOrEqual(14);
    expect(seen.refused).toBeGreaterThanOrEqual(10);
    // Globex's three users never see them (nor a requester another's request, nor the technician what is not theirs).
    expect(seen.hidden).toBeGreaterThanOrEqual(situations.length * 3 * 2);
  });
});

describe("teams: the desk and the board", () => {
  it("'My teams' counts the live tickets of the viewer's teams in their scope, for every demo user; the filter shows the same tickets", async () => {
    const memberships = await db.teamMember.findMany({ select: { teamId: true, userId: true } });
    const tickets = await db.ticket.findMany({
      where: { deletedAt: null, status: { notIn: [...TERMINAL_STATUSES] }, teamId: { not: null } },
      select: { id: true, number: true, organizationId: true, projectId: true, requesterId: true, teamId: true, assignees: { select: { userId: true } } },
    });
    let nonEmpty = 0;
    for (const email of DEMO_EMAILS) {
      const actor = a(email);
      const mine = new Set(memberships.filter((m) => m.userId === actor.id).map((m) => m.teamId));
      const want = tickets.filter((t) => mine.has(t.teamId!) && ticketVisibleTo(actor, { ...t, assigneeIds: t.assignees.map((x) => x.userId), deleted: false }));
      const boxes = await deskBoxes(actor);
      if (!isStaff(actor)) continue;
      expect(boxes.teams, `${email} My teams`).toBe(want.length);
      const listed = (await deskPage(actor, { filters: parseDeskQuery(new URLSearchParams({ box: "teams" })), limit: 500 })).rows.map((r) => r.number).sort();
      expect(listed, `${email} box=teams`).toEqual(want.map((t) => t.number).sort());
      if (want.length) nonEmpty++;
    }
    // The agent is in Service desk, SUP's default team: their box is not empty.
    expect(nonEmpty).toBeGreaterThan(0);
    expect((await deskBoxes(a("agent@acme.test"))).teams).toBeGreaterThan(0);
  });

  it("the Team filter: my teams, no team, or given teams, in the viewer's scope, on the desk and the board", async () => {
    const agent = a("agent@acme.test");
    const desk = await teamByName(demo.acme.id, "Service desk");
    const infra = await teamByName(demo.acme.id, "Infrastructure");
    const t = await supTicket("Filter: for infrastructure");
    await setTicketTeam(agent, { ticketId: t.id, version: (await fresh(t.id)).version, teamId: infra.id });
    const numbersFor = async (params: Record<string, string>) => (await deskPage(agent, { filters: parseDeskQuery(new URLSearchParams({ state: "all", ...params })), limit: 500 })).rows.map((r) => r.number);
    const inDb = async (teamId: string | null | { in: string[] }) =>
      (await db.ticket.findMany({ where: { organizationId: demo.acme.id, deletedAt: null, teamId, project: { members: { some: { userId: agent.id } } } }, select: { number: true } })).map((x) => x.number).sort();
    // The agent's teams: Service desk, and those earlier cases made them a member of.
    const agentTeams = (await db.teamMember.findMany({ where: { userId: agent.id }, select: { teamId: true } })).map((m) => m.teamId);
    expect(agentTeams).toContain(desk.id);

    expect((await numbersFor({ team: infra.id })).sort()).toEqual(await inDb(infra.id));
    expect(await numbersFor({ team: infra.id })).toContain(t.number);
    expect((await numbersFor({ team: "mine" })).sort()).toEqual(await inDb({ in: agentTeams }));
    expect((await numbersFor({ team: "none" })).sort()).toEqual(await inDb(null));
    expect((await numbersFor({ team: `mine,${infra.id}` })).length).toBe((await inDb({ in: agentTeams })).length + (await inDb(infra.id)).length);
    // A malformed value is dropped, not an error; another organization's team matches nothing.
    expect((await numbersFor({ team: "not-a-team" })).length).toBe((await numbersFor({})).length);
    const gTeam = await db.team.create({ data: { organizationId: demo.globex.id, name: "Globex filter" }, select: { id: true } });
    expect(await numbersFor({ team: gTeam.id })).toEqual([]);
    await db.team.delete({ where: { id: gTeam.id } });

    const board = await getBoard(agent, "SUP", parseBoardQuery({ team: infra.id }));
    const cards = board.columns.flatMap((c) => c.cards.map((x) => x.number)).sort();
    expect(cards).toEqual((await inDb(infra.id)).filter((n) => n.startsWith("SUP-")));
    expect(cards).toContain(t.number);
    const mineOnBoard = (await getBoard(agent, "SUP", parseBoardQuery({ team: "mine" }))).columns.flatMap((c) => c.cards.map((x) => x.number));
    expect(mineOnBoard).not.toContain(t.number);
  });
});
