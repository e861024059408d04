import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createTicket } from "@/lib/domain/tickets/create-ticket";
import { addComment } from "@/lib/domain/tickets/add-comment";
import { deskQueryString, parseDeskQuery } from "@/lib/validation/desk";
import { seededDemo, type Demo } from "@/test/integration/helpers";
import { deskBoxes, deskCount, deskPage, SEARCH_BROAD_AT, SEARCH_FIRST_WALK, searchConditionSql, searchProbeSql } from "./desk-query";

let demo: Demo;
// The filters under test over every ticket (state=all); the default of open work has its own test.
const q = (params: Record<string, string>) => parseDeskQuery(new URLSearchParams({ state: "all", ...params }));
const numbers = async (email: keyof Demo["actors"], params: Record<string, string> = {}) =>
  (await deskPage(demo.actors[email], { filters: q(params), limit: 200 })).rows.map((r) => r.number);

beforeAll(async () => {
  demo = await seededDemo();
});

describe("desk filters and scope combined", () => {
  it("a requester's desk query only ever returns their own tickets, whatever the filter", async () => {
    const mine = await db.ticket.findMany({ where: { requester: { email: "requester2@acme.test" } }, select: { number: true } });
    expect((await numbers("requester2@acme.test")).sort()).toEqual(mine.map((t) => t.number).sort());
    const filtered = await numbers("requester2@acme.test", { status: "in_progress,open,closed", priority: "critical,normal,low,high" });
    expect(filtered.length).toBeGreaterThan(0);
    for (const n of filtered) expect(mine.map((t) => t.number)).toContain(n);
    for (const n of await numbers("requester2@acme.test", { q: "printer" })) expect(mine.map((t) => t.number)).toContain(n);
  });

  it("another organization's tickets never appear, even searched by their exact title or number", async () => {
    const globex = await db.ticket.findMany({ where: { organizationId: demo.globex.id }, select: { number: true, title: true } });
    for (const t of globex) {
      const ids = await deskPage(demo.actors["admin@acme.test"], { filters: q({ q: t.title }) });
      expect(ids.rows.map((r) => r.title)).not.toContain(t.title);
    }
    expect((await numbers("admin@globex.test")).sort()).toEqual(["SUP-1", "SUP-2"]);
  });

  it("shows open work by default: no closed, completed, cancelled, done or rejected ticket and no draft; state=all and chosen statuses widen it", async () => {
    const admin = demo.actors["admin@acme.test"];
    const byStatus = async (params: Record<string, string>) => (await deskPage(admin, { filters: parseDeskQuery(new URLSearchParams(params)), limit: 500 })).rows.map((r) => r.status);
    const all = await db.ticket.findMany({ where: { organizationId: demo.acme.id, deletedAt: null }, select: { status: true } });
    const excluded = new Set(["closed", "completed", "cancelled", "done", "rejected", "draft"]);
    // The demo holds tickets on both sides, so the default can neither be everything nor nothing.
    expect(all.some((t) => excluded.has(t.status))).toBe(true);
    const open = await byStatus({});
    expect(open.length).toBe(all.filter((t) => !excluded.has(t.status)).length);
    expect(open.filter((s) => excluded.has(s))).toEqual([]);
    expect((await byStatus({ state: "all" })).length).toBe(all.length);
    const closed = all.filter((t) => t.status === "closed").length;
    expect(closed).toBeGreaterThan(0);
    expect((await byStatus({ status: "closed" })).length).toBe(closed);
    expect(deskQueryString(parseDeskQuery(new URLSearchParams({ state: "open" })))).toBe("");
    expect(deskQueryString(parseDeskQuery(new URLSearchParams({ state: "all" })))).toBe("state=all");
  });

  it("counts the view's tickets in SQL, every filter and the search included, and stops at the cap", async () => {
    const admin = demo.actors["admin@acme.test"];
    for (const params of <Record<string, string>[]>[{}, { state: "all" }, { status: "open,in_progress" }, { assignee: "none", state: "all" }, { q: "printer" }]) {
      const filters = parseDeskQuery(new URLSearchParams(params));
      const rows = (await deskPage(admin, { filters, limit: 500 })).rows.length;
      expect(await deskCount(admin, filters), JSON.stringify(params)).toEqual({ n: rows, capped: false });
    }
    const all = parseDeskQuery(new URLSearchParams({ state: "all" }));
    expect(await deskCount(admin, all, 3)).toEqual({ n: 3, capped: true });
    // Another organization's tickets never count.
    expect((await deskCount(demo.actors["admin@globex.test"], all)).n).toBe(await db.ticket.count({ where: { organizationId: demo.globex.id, deletedAt: null } }));
  });

  it("filters combine with AND and values within a filter with OR", async () => {
    const rows = (await deskPage(demo.actors["admin@acme.test"], { filters: q({ status: "open,in_progress", project: "SUP" }), limit: 200 })).rows;
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) {
      expect(["open", "in_progress"]).toContain(r.status);
      expect(r.projectKey).toBe("SUP");
    }
    const unassigned = (await deskPage(demo.actors["admin@acme.test"], { filters: q({ assignee: "none" }), limit: 200 })).rows;
    expect(unassigned.every((r) => r.assigneeName === null)).toBe(true);
    const mine = (await deskPage(demo.actors["agent@acme.test"], { filters: q({ assignee: "me" }), limit: 200 })).rows;
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((r) => r.assigneeName === "Sam Agent")).toBe(true);
  });

  it("full-text search finds words in titles and in public comments; internal-note text never matches for requesters", async () => {
    const requester = demo.actors["requester@acme.test"];
    const t = await createTicket(requester, { requestType: "support", title: "Keyboard missing keys" });
    await addComment(demo.actors["agent@acme.test"], { ticketId: t.id, body: "Escalated to the zanzibarvendor contact", internal: true });
    await addComment(demo.actors["agent@acme.test"], { ticketId: t.id, body: "We ordered a quokkaboard replacement" });
    expect(await numbers("agent@acme.test", { q: "zanzibarvendor" })).toEqual([t.number]);
    expect(await numbers("requester@acme.test", { q: "zanzibarvendor" })).toEqual([]);
    expect(await numbers("requester@acme.test", { q: "quokkaboard" })).toEqual([t.number]);
    expect(await numbers("requester@acme.test", { q: "keyboards" })).toEqual([t.number]);
    expect(await numbers("agent@acme.test", { q: t.number.toLowerCase() })).toContain(t.number);
  });
});

describe("searching people", () => {
  it("a requester's or assignee's name or e-mail finds their tickets, in the searcher's scope, both ways of searching alike", async () => {
    const agent = demo.actors["agent@acme.test"];
    const requested = await db.ticket.findMany({ where: { organizationId: demo.acme.id, requester: { email: "requester2@acme.test" }, deletedAt: null }, select: { number: true } });
    expect(requested.length).toBeGreaterThan(0);
    const robs = await numbers("agent@acme.test", { q: "Rob Requester" });
    for (const t of requested) expect(robs).toContain(t.number);
    expect((await numbers("agent@acme.test", { q: "requester2@acme" })).sort()).toEqual(robs.sort());

    const assigned = await db.ticket.findMany({ where: { organizationId: demo.acme.id, assignees: { some: { user: { email: "agent@acme.test" } } }, deletedAt: null }, select: { number: true } });
    expect(assigned.length).toBeGreaterThan(0);
    const sams = await numbers("agent@acme.test", { q: "sam agent" });
    for (const t of assigned) expect(sams).toContain(t.number);

    // Another requester searching Rob's name sees none of Rob's tickets; two letters name nobody.
    expect(await numbers("requester@acme.test", { q: "Rob Requester" })).toEqual([]);
    expect(await numbers("agent@acme.test", { q: "zq" })).toEqual([]);
    // Globex's staff never find Acme's people.
    expect(await numbers("agent@globex.test", { q: "Rob Requester" })).toEqual([]);

    // The id list and the walk agree on people too.
    const viaIds = await db.$queryRaw<{ id: string }[]>`
      SELECT t."id" FROM "Ticket" t WHERE ${searchConditionSql(agent, "Rob Requester", false)} ORDER BY t."id"`;
    const viaWalk = await db.$queryRaw<{ id: string }[]>`
      SELECT t."id" FROM "Ticket" t WHERE t."organizationId" = ${demo.acme.id}::uuid AND ${searchConditionSql(agent, "Rob Requester", true)} ORDER BY t."id"`;
    expect(viaWalk).toEqual(viaIds);
    expect(viaIds.length).toBeGreaterThanOrEqual(requested.length);
  });
});

describe("keyset paging", () => {
  it("a broad search (more matches than SEARCH_BROAD_AT) walks the sort order and gives the same answer, internal notes still hidden", async () => {
    const requester = demo.actors["requester@acme.test"];
    const agent = demo.actors["agent@acme.test"];
    const noisy = await createTicket(requester, { requestType: "support", title: "Noisy fan" });
    const quiet = await createTicket(requester, { requestType: "support", title: "Quiet fan" });
    const hidden = await createTicket(requester, { requestType: "support", title: "Hidden fan" });
    const titled = await createTicket(requester, { requestType: "support", title: "Wombatcable is frayed" });
    // More public comments with the word than the threshold, on one ticket, written in one statement.
    await db.$executeRaw`
      INSERT INTO "Comment" ("id", "organizationId", "ticketId", "authorId", "type", "body", "createdAt", "updatedAt")
      SELECT gen_random_uuid(), ${demo.acme.id}::uuid, ${noisy.id}::uuid, ${agent.id}::uuid, 'comment', 'the wombatcable again, ' || g, now(), now()
        FROM generate_series(1, ${SEARCH_BROAD_AT + 1}) g`;
    await addComment(agent, { ticketId: quiet.id, body: "Replaced the wombatcable" });
    await addComment(agent, { ticketId: hidden.id, body: "Internal: the wombatcable was stolen", internal: true });

    const [probe] = await db.$queryRaw<{ n: number }[]>(searchProbeSql(requester, "wombatcable"));
    expect(probe.n).toBe(SEARCH_BROAD_AT + 1); // broad for the requester too: the public comments alone pass the line
    expect((await numbers("requester@acme.test", { q: "wombatcable" })).sort()).toEqual([noisy.number, quiet.number, titled.number].sort());
    expect((await numbers("agent@acme.test", { q: "wombatcable" })).sort()).toEqual([noisy.number, quiet.number, hidden.number, titled.number].sort());
    // The walk and the id list agree, page for page.
    const viaIds = await db.$queryRaw<{ id: string }[]>`
      SELECT t."id" FROM "Ticket" t WHERE ${searchConditionSql(agent, "wombatcable", false)} ORDER BY t."updatedAt" DESC, t."id" DESC`;
    const viaWalk = await db.$queryRaw<{ id: string }[]>`
      SELECT t."id" FROM "Ticket" t WHERE t."organizationId" = ${demo.acme.id}::uuid AND ${searchConditionSql(agent, "wombatcable", true)} ORDER BY t."updatedAt" DESC, t."id" DESC`;
    expect(viaWalk).toEqual(viaIds);
    await db.comment.deleteMany({ where: { ticketId: noisy.id } });
  });

  it("a search page found within the first walk is the same page the probe's way finds, page after page (internal notes still hidden)", async () => {
    const requester = demo.actors["requester@acme.test"];
    const agent = demo.actors["agent@acme.test"];
    // 60 recent tickets with the word: the first page of 50 lies within the first walk; the rest do not fill one.
    const made = [];
    for (let i = 0; i < 60; i++) made.push(await createTicket(requester, { requestType: "support", title: `Gizmoflux number ${i}` }));
    const secret = await createTicket(requester, { requestType: "support", title: "Unrelated noise" });
    await addComment(agent, { ticketId: secret.id, body: "Internal: gizmoflux suspected", internal: true });
    expect(SEARCH_FIRST_WALK).toBeGreaterThanOrEqual(61);

    for (const [who, expected] of [
      ["requester@acme.test", made.length],
      ["agent@acme.test", made.length + 1],
    ] as const) {
      const actor = demo.actors[who];
      const reference = await db.$queryRaw<{ number: string }[]>`
        SELECT t."number" FROM "Ticket" t
         WHERE t."organizationId" = ${demo.acme.id}::uuid AND t."deletedAt" IS NULL
           AND ${searchConditionSql(actor, "gizmoflux", false)}
           AND (t."requesterId" = ${actor.id}::uuid OR ${who === "agent@acme.test"})
         ORDER BY t."updatedAt" DESC, t."id" DESC`;
      // A walk longer than the organization answers alone; a walk of 3 rows or of 40 leaves pages to the probe's way.
      for (const [limit, firstWalk] of [
        [50, SEARCH_FIRST_WALK],
        [7, SEARCH_FIRST_WALK],
        [7, 3],
        [50, 40],
      ] as const) {
        const seen: string[] = [];
        let cursor: string | undefined;
        do {
          const res = await deskPage(actor, { filters: q({ q: "gizmoflux", ...(cursor ? { cursor } : {}) }), limit, firstWalk });
          seen.push(...res.rows.map((r) => r.number));
          cursor = res.nextCursor ?? undefined;
        } while (cursor);
        expect(seen).toEqual(reference.map((r) => r.number));
        expect(seen).toHaveLength(expected);
      }
    }
  });

  it("is stable under inserts: pages never repeat or skip rows that existed when paging began", async () => {
    const agent = demo.actors["admin@acme.test"];
    const before = (await deskPage(agent, { filters: q({ sort: "created" }), limit: 500 })).rows.map((r) => r.id);
    const seen: string[] = [];
    let cursor: string | undefined;
    let page = 0;
    do {
      const res = await deskPage(agent, { filters: q({ sort: "created", ...(cursor ? { cursor } : {}) }), limit: 4 });
      seen.push(...res.rows.map((r) => r.id));
      // Someone creates tickets while we page.
      if (page++ < 3) await createTicket(demo.actors["requester@acme.test"], { requestType: "support", title: `Inserted while paging ${page}` });
      cursor = res.nextCursor ?? undefined;
    } while (cursor);
    expect(new Set(seen).size).toBe(seen.length);
    for (const id of before) expect(seen).toContain(id);
  });

  it.each(["updated", "created", "priority", "number"])("sorting by %s pages through everything exactly once, both directions", async (sort) => {
    const admin = demo.actors["admin@acme.test"];
    const all = await db.ticket.count({ where: { organizationId: demo.acme.id, deletedAt: null } });
    for (const dir of ["asc", "desc"]) {
      const seen = new Set<string>();
      let cursor: string | undefined;
      do {
        const res = await deskPage(admin, { filters: q({ sort, dir, ...(cursor ? { cursor } : {}) }), limit: 7 });
        res.rows.forEach((r) => seen.add(r.id));
        cursor = res.nextCursor ?? undefined;
      } while (cursor);
      expect(seen.size).toBe(all);
    }
  });

  it("a tampered cursor is ignored (first page), never an error", async () => {
    const res = await deskPage(demo.actors["admin@acme.test"], { filters: q({ cursor: "eyJub3QiOiJhIGN1cnNvciJ9" }) });
    expect(res.rows.length).toBeGreaterThan(0);
  });
});

describe("boxes", () => {
  it("count live tickets in scope, and change after a transition", async () => {
    const agent = demo.actors["agent@acme.test"];
    const boxes = await deskBoxes(agent);
    const live = { organizationId: demo.acme.id, deletedAt: null, status: { notIn: ["closed", "completed", "cancelled", "done"] as ("closed" | "completed" | "cancelled" | "done")[] }, projectId: { in: [...agent.projectIds] } };
    expect(boxes.unassigned).toBe(await db.ticket.count({ where: { ...live, assigneeId: null } }));
    expect(boxes.critical).toBe(await db.ticket.count({ where: { ...live, priority: "critical" } }));
    expect(boxes.in_progress).toBe(await db.ticket.count({ where: { ...live, status: "in_progress" } }));
    expect(boxes.mine).toBe(await db.ticket.count({ where: { ...live, assignees: { some: { userId: agent.id } } } }));
    expect(boxes.approval).toBeUndefined(); // agents hold no ticket.approve: no box
    expect(boxes.ready).toBe(await db.ticket.count({ where: { ...live, status: "approved", assigneeId: null } }));
    const manager = await deskBoxes(demo.actors["manager@acme.test"]);
    // Not their own, and not a change they alone are assigned to (separation of duties).
    const managerId = demo.actors["manager@acme.test"].id;
    const pending = await db.ticket.findMany({
      where: { organizationId: demo.acme.id, deletedAt: null, status: "pending", project: { workflow: "change" }, NOT: { requesterId: managerId } },
      select: { assignees: { select: { userId: true } } },
    });
    expect(manager.approval).toBe(pending.filter((t) => !(t.assignees.length === 1 && t.assignees[0]!.userId === managerId)).length);
    const requester = await deskBoxes(demo.actors["requester@acme.test"]);
    expect(requester.unassigned).toBeLessThanOrEqual(await db.ticket.count({ where: { ...live, requester: { email: "requester@acme.test" } } }));
  });
});
