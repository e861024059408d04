import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { loadActor, type Actor } from "@/lib/auth/actor";
import { isStaff } from "@/lib/auth/permissions";
import { mayBeMentioned, mentionTicketSelect } from "@/lib/domain/comments/mentions";
import { setAssignees } from "@/lib/domain/tickets/assign-ticket";
import { seededDemo, expectAppError, type Demo } from "@/test/integration/helpers";
import { STAFF_SEARCH_LIMIT } from "@/lib/validation/staff";
import { findStaff, staffQuerySql } from "./staff-directory";
import { searchStaff } from "./search-staff";

let demo: Demo;
const a = (email: keyof Demo["actors"]) => demo.actors[email];
const names = (rows: { name: string }[]) => rows.map((r) => r.name);

beforeAll(async () => {
  demo = await seededDemo();
  // Beyond the demo roles: an agent outside every project, a custom role that sees only
  // assignments but reads internal notes, one that sees all without internal notes, and
  // a deactivated agent — the shapes where the SQL and the in-memory rule could part.
  const acmeRoles = await db.role.findMany({ where: { organizationId: demo.acme.id }, select: { id: true, builtIn: true } });
  const role = (k: string) => acmeRoles.find((r) => r.builtIn === k)!.id;
  const assignedOnly = await db.role.create({ data: { organizationId: demo.acme.id, name: "Field engineer", permissions: ["ticket.view_assigned", "ticket.view_internal", "ticket.comment"] } });
  const allNoInternal = await db.role.create({ data: { organizationId: demo.acme.id, name: "Auditor", permissions: ["ticket.view_all", "ticket.view_own", "not.a_permission"] } });
  await db.user.createMany({
    data: [
      { organizationId: demo.acme.id, email: "olga@acme.test", name: "Olga Outsider", roleId: role("agent") },
      { organizationId: demo.acme.id, email: "fern@acme.test", name: "Fern Field", roleId: assignedOnly.id },
      { organizationId: demo.acme.id, email: "audrey@acme.test", name: "Audrey Auditor", roleId: allNoInternal.id },
      { organizationId: demo.acme.id, email: "gone@acme.test", name: "Maria Gone", roleId: role("manager"), active: false },
    ],
  });
  const fern = await db.user.findUniqueOrThrow({ where: { email: "fern@acme.test" } });
  const audrey = await db.user.findUniqueOrThrow({ where: { email: "audrey@acme.test" } });
  const sup = await demo.project(demo.acme.id, "SUP");
  await db.projectMember.create({ data: { projectId: sup.id, userId: audrey.id, organizationId: demo.acme.id } });
  const vpn = await db.ticket.findFirstOrThrow({ where: { organizationId: demo.acme.id, title: "VPN disconnects every 10 minutes" }, select: { id: true } });
  await db.ticketAssignee.create({ data: { ticketId: vpn.id, userId: fern.id, organizationId: demo.acme.id, isPrimary: false } });
});

/** Every user of the organization as the app loads them (active ones only: loadActor refuses the others). */
async function actorsOf(organizationId: string): Promise<{ id: string; active: boolean; actor: Actor | null }[]> {
  const users = await db.user.findMany({ where: { organizationId }, select: { id: true, active: true } });
  return Promise.all(users.map(async (u) => ({ ...u, actor: u.active ? await loadActor(u.id) : null })));
}

describe("the staff rule: SQL and isStaff() give the same answer", () => {
  it.each(["acme", "globex"] as const)("for every user of %s", async (org) => {
    const orgId = demo[org].id;
    const users = await actorsOf(orgId);
    const expected = users.filter((u) => u.actor && isStaff(u.actor)).map((u) => u.id).sort();
    const sql = (await findStaff(orgId, { kind: "staff" }, { ids: users.map((u) => u.id) })).map((u) => u.id).sort();
    expect(sql).toEqual(expected);
    // Not vacuous: both staff and non-staff were judged.
    expect(expected.length).toBeGreaterThan(0);
    expect(users.length - expected.length).toBeGreaterThan(0);
  });
});

describe("the mention rule: staffRuleSql({ kind: 'mention' }) and mayBeMentioned() give the same answer", () => {
  it("for every user and every ticket of both organizations", async () => {
    let cells = 0;
    let admitted = 0;
    for (const org of ["acme", "globex"] as const) {
      const orgId = demo[org].id;
      const users = await actorsOf(orgId);
      const tickets = await db.ticket.findMany({ where: { organizationId: orgId }, select: mentionTicketSelect });
      for (const ticket of tickets) {
        const expected = users.filter((u) => u.actor && mayBeMentioned(u.actor, ticket)).map((u) => u.id).sort();
        const sql = (await findStaff(orgId, { kind: "mention", ticket }, { ids: users.map((u) => u.id) })).map((u) => u.id).sort();
        expect(sql, `ticket ${ticket.id}`).toEqual(expected);
        cells += users.length;
        admitted += expected.length;
      }
    }
    // Every demo ticket × every user, and the matrix holds both answers.
    expect(cells).toBeGreaterThan(200);
    expect(admitted).toBeGreaterThan(0);
    expect(admitted).toBeLessThan(cells);
  });

  it("the assigned-only role is mentionable exactly where assigned; all-seeing without view_internal never", async () => {
    const fern = await db.user.findUniqueOrThrow({ where: { email: "fern@acme.test" }, select: { id: true } });
    const tickets = await db.ticket.findMany({ where: { organizationId: demo.acme.id }, select: mentionTicketSelect });
    for (const t of tickets) {
      const ids = (await findStaff(demo.acme.id, { kind: "mention", ticket: t }, { q: "" , limit: 20 })).map((u) => u.id);
      expect(ids.includes(fern.id)).toBe(t.assignees.some((x) => x.userId === fern.id));
      expect(names(await findStaff(demo.acme.id, { kind: "mention", ticket: t }, { q: "audrey" }))).toEqual([]);
    }
  });
});

describe("searchStaff (GET /api/staff/search)", () => {
  it("finds staff by a case-insensitive prefix of the name or of one of its words, in name order", async () => {
    const agent = a("agent@acme.test");
    expect(names(await searchStaff(agent, { q: "MAR" }))).toEqual(["Maria Manager"]);
    expect(names(await searchStaff(agent, { q: "manag" }))).toEqual(["Maria Manager"]);
    expect(names(await searchStaff(agent, { q: "ad" }))).toEqual(["Ada Admin"]);
    expect(names(await searchStaff(agent, { q: "aria" }))).toEqual([]); // inside a word: not a prefix
    expect(names(await searchStaff(agent, { q: "" }))).toEqual(["Ada Admin", "Audrey Auditor", "Fern Field", "Maria Manager", "Olga Outsider", "Sam Agent", "Theo Technician"]);
  });

  it("only staff: requesters are never found; the deactivated neither", async () => {
    const agent = a("agent@acme.test");
    expect(names(await searchStaff(agent, { q: "rita" }))).toEqual([]);
    expect(names(await searchStaff(agent, { q: "requester" }))).toEqual([]);
    expect(names(await searchStaff(agent, { q: "maria" }))).toEqual(["Maria Manager"]); // not Maria Gone
  });

  it("scoped to the actor's organization; another organization's ids are not found", async () => {
    expect(names(await searchStaff(a("agent@globex.test"), { q: "" }))).toEqual(["Gina Admin", "Gus Agent"]);
    expect(names(await searchStaff(a("agent@globex.test"), { q: "ada" }))).toEqual([]);
    expect(await findStaff(demo.acme.id, { kind: "staff" }, { ids: [a("agent@globex.test").id, a("admin@globex.test").id] })).toEqual([]);
  });

  it("bounded: at most 20 whatever the organization holds, fewer when asked, never more", async () => {
    const agentRole = await db.role.findFirstOrThrow({ where: { organizationId: demo.acme.id, builtIn: "agent" }, select: { id: true } });
    await db.user.createMany({
      data: Array.from({ length: 30 }, (_, i) => ({ organizationId: demo.acme.id, email: `zed${i}@acme.test`, name: `Zed ${String(i).padStart(2, "0")}`, roleId: agentRole.id })),
    });
    const agent = a("agent@acme.test");
    const found = await searchStaff(agent, { q: "zed" });
    expect(found).toHaveLength(STAFF_SEARCH_LIMIT);
    expect(found[0]!.name).toBe("Zed 00");
    expect(await searchStaff(agent, { q: "zed", limit: "5" })).toHaveLength(5);
    expect(await searchStaff(agent, { q: "" })).toHaveLength(STAFF_SEARCH_LIMIT);
    await expectAppError(searchStaff(agent, { q: "zed", limit: "21" }), "VALIDATION");
    await db.user.deleteMany({ where: { email: { startsWith: "zed" } } });
  });

  it("what was typed is matched literally (LIKE wildcards) and unstorable text is refused with a message", async () => {
    const agent = a("agent@acme.test");
    expect(await searchStaff(agent, { q: "%" })).toEqual([]);
    expect(await searchStaff(agent, { q: "_" })).toEqual([]);
    const e = await expectAppError(searchStaff(agent, { q: "ma\u0000" }), "VALIDATION");
    expect(e.fieldErrors?.q?.[0]).toMatch(/NUL/);
    await expectAppError(searchStaff(agent, { q: "x".repeat(101) }), "VALIDATION");
    await expectAppError(searchStaff(agent, { for: "everyone" as "staff" }), "VALIDATION");
  });

  it("non-staff are refused (the route answers 404)", async () => {
    await expectAppError(searchStaff(a("requester@acme.test"), { q: "ma" }), "FORBIDDEN");
  });

  it("mention: who may be mentioned on a ticket the actor sees, never themselves; another organization's ticket is not found", async () => {
    const vpn = await db.ticket.findFirstOrThrow({ where: { organizationId: demo.acme.id, title: "VPN disconnects every 10 minutes" }, select: { id: true } });
    expect(names(await searchStaff(a("agent@acme.test"), { for: "mention", ticket: vpn.id, q: "" }))).toEqual(["Ada Admin", "Fern Field", "Maria Manager"]);
    expect(names(await searchStaff(a("agent@acme.test"), { for: "mention", ticket: vpn.id, q: "ad" }))).toEqual(["Ada Admin"]);
    const globexTicket = await db.ticket.findFirstOrThrow({ where: { organizationId: demo.globex.id }, select: { id: true } });
    await expectAppError(searchStaff(a("agent@acme.test"), { for: "mention", ticket: globexTicket.id }), "NOT_FOUND");
    await expectAppError(searchStaff(a("agent@acme.test"), { for: "mention" }), "VALIDATION");
    await expectAppError(searchStaff(a("agent@acme.test"), { for: "mention", ticket: "not-a-uuid" }), "VALIDATION");
  });
});

describe("assignment asks the same directory", () => {
  it("refuses a requester (named) and another organization's staff (as unknown)", async () => {
    const t = await db.ticket.findFirstOrThrow({ where: { organizationId: demo.acme.id, title: "VPN disconnects every 10 minutes" }, select: { id: true, version: true } });
    const manager = a("manager@acme.test");
    const e1 = await expectAppError(setAssignees(manager, { ticketId: t.id, version: t.version, assigneeIds: [a("requester@acme.test").id] }), "VALIDATION");
    expect(e1.fieldErrors?.assigneeIds).toEqual(["Rita Requester cannot work tickets"]);
    const e2 = await expectAppError(setAssignees(manager, { ticketId: t.id, version: t.version, assigneeIds: [a("agent@globex.test").id] }), "VALIDATION");
    expect(e2.fieldErrors?.assigneeIds).toEqual(["Choose assignees from your organization's staff"]);
    const gone = await db.user.findUniqueOrThrow({ where: { email: "gone@acme.test" }, select: { id: true } });
    await expectAppError(setAssignees(manager, { ticketId: t.id, version: t.version, assigneeIds: [gone.id] }), "VALIDATION");
  });
});

describe("at the size of a real organization (issue 12)", () => {
  interface PlanNode { "Node Type": string; "Relation Name"?: string; "Actual Rows"?: number; "Actual Loops"?: number; "Rows Removed by Filter"?: number; Plans?: PlanNode[] }
  /** Rows the plan read from "User" (returned plus filtered away), over every scan of it. */
  function userRowsRead(node: PlanNode): number {
    const own = node["Relation Name"] === "User" ? ((node["Actual Rows"] ?? 0) + (node["Rows Removed by Filter"] ?? 0)) * (node["Actual Loops"] ?? 1) : 0;
    return own + (node.Plans ?? []).reduce((n, p) => n + userRowsRead(p), 0);
  }

  it("with 20,000 requesters the pickers read only staff rows: never a scan of the organization's users", async () => {
    const requesterRole = await db.role.findFirstOrThrow({ where: { organizationId: demo.acme.id, builtIn: "requester" }, select: { id: true } });
    await db.$executeRaw`
      INSERT INTO "User" ("id", "organizationId", "email", "name", "roleId", "updatedAt")
      SELECT gen_random_uuid(), ${demo.acme.id}::uuid, 'bulk' || i || '@acme.test', 'Mara Requester ' || i, ${requesterRole.id}::uuid, now()
        FROM generate_series(1, 20000) AS i`;
    await db.$executeRawUnsafe(`ANALYZE "User"`);
    const vpn = await db.ticket.findFirstOrThrow({ where: { organizationId: demo.acme.id, title: "VPN disconnects every 10 minutes" }, select: mentionTicketSelect });
    const cases = [
      staffQuerySql(demo.acme.id, { kind: "staff" }, { q: "" }),
      staffQuerySql(demo.acme.id, { kind: "staff" }, { q: "mar" }),
      staffQuerySql(demo.acme.id, { kind: "mention", ticket: vpn }, { q: "" }),
      staffQuerySql(demo.acme.id, { kind: "mention", ticket: vpn }, { q: "ma", excludeIds: [a("agent@acme.test").id] }),
    ];
    for (const query of cases) {
      const [row] = await db.$queryRawUnsafe<{ "QUERY PLAN": { Plan: PlanNode }[] }[]>(`EXPLAIN (ANALYZE, FORMAT JSON) ${query!.text}`, ...query!.values);
      const read = userRowsRead(row!["QUERY PLAN"][0]!.Plan);
      // Acme has 7 active staff here (plus one deactivated): the requesters are never read.
      expect(read, query!.text).toBeLessThanOrEqual(20);
    }
    expect(names(await searchStaff(a("agent@acme.test"), { q: "mar" }))).toEqual(["Maria Manager"]);
    await db.user.deleteMany({ where: { email: { startsWith: "bulk" } } });
  });
});
