import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { createTicket } from "@/lib/domain/tickets/create-ticket";
import { STATUS_SORT_ORDER } from "@/lib/domain/tickets/workflow";
import type { TicketStatus } from "@/lib/generated/prisma/enums";
import { parseDeskQuery } from "@/lib/validation/desk";
import { seededDemo, type Demo } from "@/test/integration/helpers";
import { deskPage, encodeDeskCursor, type DeskRow } from "./desk-query";
import { deskCsv } from "./export";
import { saveView } from "./saved-views";

// The sorts by status, assignee and requester (issue 14) against a JS sort of
// the same rows: names that differ only in case, two people of one name,
// tickets updated at the same instant, unassigned tickets, and another
// organization's person whose name sorts first.

let demo: Demo;
let admin: Actor;
let agent: Actor;
const people: Record<string, string> = {};
const WORD = "sortwombat";

const view = (params: Record<string, string>) => parseDeskQuery(new URLSearchParams(params));

async function every(actor: Actor, params: Record<string, string>, opts: { limit: number; peopleWalk?: number }): Promise<DeskRow[]> {
  const seen: DeskRow[] = [];
  let cursor: string | undefined;
  let pages = 0;
  do {
    const res = await deskPage(actor, { filters: view({ ...params, ...(cursor ? { cursor } : {}) }), limit: opts.limit, peopleWalk: opts.peopleWalk });
    seen.push(...res.rows);
    cursor = res.nextCursor ?? undefined;
    if (++pages > 500) throw new Error("paging does not end");
  } while (cursor);
  return seen;
}

const cmp = (a: string | number, b: string | number) => (a < b ? -1 : a > b ? 1 : 0);
const rank = (s: TicketStatus) => STATUS_SORT_ORDER.indexOf(s as (typeof STATUS_SORT_ORDER)[number]);
/** The order the desk promises, in JS: the key, then updatedAt, then id, all in one direction; unassigned after every name ascending. */
function expected(rows: DeskRow[], sort: "status" | "assignee" | "requester", dir: "asc" | "desc"): string[] {
  const key = (r: DeskRow): (string | number)[] =>
    sort === "status"
      ? [rank(r.status)]
      : sort === "requester"
        ? [r.requesterName.toLowerCase(), r.requesterId]
        : [r.assigneeId === null ? 1 : 0, (r.assigneeName ?? "").toLowerCase(), r.assigneeId ?? ""];
  const full = (r: DeskRow) => [...key(r), new Date(r.updatedAt).getTime(), r.id];
  const sorted = [...rows].sort((a, b) => {
    const x = full(a);
    const y = full(b);
    for (let i = 0; i < x.length; i++) {
      const c = cmp(x[i]!, y[i]!);
      if (c) return c;
    }
    return 0;
  });
  return (dir === "asc" ? sorted : sorted.reverse()).map((r) => r.id);
}

beforeAll(async () => {
  demo = await seededDemo();
  admin = demo.actors["admin@acme.test"];
  agent = demo.actors["agent@acme.test"];
  const requesterRole = (await db.user.findUniqueOrThrow({ where: { email: "requester@acme.test" }, select: { roleId: true } })).roleId;
  for (const [handle, name] of [
    ["bob", "bob"],
    ["Bob", "Bob"],
    ["Bob2", "Bob"],
    ["alice", "Alice"],
    ["zed", "Zed Zebra"],
  ] as const) {
    const u = await db.user.create({ data: { organizationId: demo.acme.id, email: `${handle === "Bob" ? "bob-capital" : handle.toLowerCase()}-sort@acme.test`, name, roleId: requesterRole } });
    people[handle] = u.id;
  }
  // Another organization's person whose name sorts before everyone, with a ticket.
  const globexRole = (await db.user.findUniqueOrThrow({ where: { email: "requester@globex.test" }, select: { roleId: true } })).roleId;
  const aaron = await db.user.create({ data: { organizationId: demo.globex.id, email: "aaron-sort@globex.test", name: "Aaron Aardvark", roleId: globexRole } });
  people.aaron = aaron.id;
  await db.$executeRaw`UPDATE "Ticket" SET "requesterId" = ${aaron.id}::uuid, "assigneeId" = ${aaron.id}::uuid WHERE "organizationId" = ${demo.globex.id}::uuid`;

  const statuses: TicketStatus[] = ["open", "answered", "in_progress", "on_hold", "waiting_for_response", "resolved", "closed"];
  const requesters = [people.bob, people.Bob, people.Bob2, people.alice, people.zed, null];
  const assignees = [people.Bob, null, people.bob, people.alice, null, people.Bob2, people.zed];
  const tie = new Date("2026-11-30T10:00:00.000Z");
  for (let i = 0; i < 28; i++) {
    const t = await createTicket(demo.actors["requester@acme.test"], { requestType: "support", title: `Sorted ${i}${i % 3 === 0 ? ` ${WORD}` : ""}` });
    const requester = requesters[i % requesters.length];
    const assignee = assignees[i % assignees.length];
    // Every fourth ticket shares one instant: ties are broken by id.
    const updatedAt = i % 4 === 0 ? tie : new Date(tie.getTime() - (i + 1) * 60_000);
    await db.$executeRaw`
      UPDATE "Ticket" SET "status" = ${statuses[i % statuses.length]}::"TicketStatus", "assigneeId" = ${assignee}::uuid,
             "requesterId" = coalesce(${requester}::uuid, "requesterId"), "priority" = ${i % 2 ? "high" : "low"}::"Priority", "updatedAt" = ${updatedAt}
       WHERE "id" = ${t.id}::uuid`;
    if (assignee) await db.ticketAssignee.create({ data: { ticketId: t.id, userId: assignee, organizationId: demo.acme.id, isPrimary: true } });
  }
});

describe("sorting the desk by status, assignee and requester", () => {
  const sorts = ["status", "assignee", "requester"] as const;
  const views: Record<string, string>[] = [{ state: "all" }, {}, { state: "all", priority: "high" }, { state: "all", q: WORD }, { state: "all", q: "bob" }];

  it.each(sorts)("by %s: every page in order, both directions, with filters and searches, walked and sorted alike", async (sort) => {
    let checked = 0;
    for (const params of [...views, { state: "all", requester: people.Bob! }]) {
      // The reference: every row of the view (the tested sorts' rows are the same set).
      const rows = await every(admin, params, { limit: 500 });
      expect(rows.length, JSON.stringify(params)).toBeGreaterThan(0);
      for (const dir of ["asc", "desc"] as const) {
        const want = expected(rows, sort, dir);
        // Pages of 4 and of 1 walk; a walk of one or two people gives up on most pages and sorts the matches instead.
        for (const [limit, peopleWalk] of [[4, undefined], [1, undefined], [3, 1], [4, 2]] as const) {
          const got = (await every(admin, { ...params, sort, dir }, { limit, peopleWalk })).map((r) => r.id);
          expect(got, `${sort} ${dir} ${JSON.stringify(params)} walk ${peopleWalk} limit ${limit}`).toEqual(want);
          checked++;
        }
      }
    }
    expect(checked).toBe(6 * 2 * 4);
  });

  it("puts unassigned tickets after every name ascending and first descending, and names ignore case", async () => {
    const asc = await every(admin, { state: "all", sort: "assignee", dir: "asc" }, { limit: 500 });
    const firstUnassigned = asc.findIndex((r) => r.assigneeId === null);
    expect(firstUnassigned).toBeGreaterThan(0);
    expect(asc.slice(firstUnassigned).every((r) => r.assigneeId === null)).toBe(true);
    const desc = await every(admin, { state: "all", sort: "assignee", dir: "desc" }, { limit: 500 });
    expect(desc[0]!.assigneeId).toBeNull();
    // "bob" and "Bob" sort as one name: no other name between them.
    const names = asc.filter((r) => r.assigneeName).map((r) => r.assigneeName!.toLowerCase());
    expect(names).toEqual([...names].sort());
    expect(asc.map((r) => r.assigneeName).filter((n) => n === "bob" || n === "Bob").length).toBeGreaterThan(2);
  });

  it("sorts statuses in workflow order", async () => {
    const rows = await every(admin, { state: "all", sort: "status", dir: "asc" }, { limit: 10 });
    const ranks = rows.map((r) => rank(r.status));
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    expect(rows[0]!.status).toBe(STATUS_SORT_ORDER.find((s) => rows.some((r) => r.status === s)));
  });

  it("keeps to the viewer's scope: another organization's people and tickets never appear, and an agent's pages are their own desk", async () => {
    for (const sort of sorts) {
      for (const dir of ["asc", "desc"]) {
        const rows = await every(admin, { state: "all", sort, dir }, { limit: 5 });
        expect(rows.some((r) => r.requesterId === people.aaron || r.assigneeId === people.aaron)).toBe(false);
        const globex = await every(demo.actors["admin@globex.test"], { state: "all", sort, dir }, { limit: 1 });
        expect(globex.map((r) => r.number).sort()).toEqual(["SUP-1", "SUP-2"]);
        const mine = await every(agent, { sort, dir, box: "mine" }, { limit: 2 });
        const reference = await every(agent, { box: "mine" }, { limit: 500 });
        expect(mine.map((r) => r.id)).toEqual(expected(reference, sort, dir as "asc" | "desc"));
        const own = await every(agent, { sort, dir }, { limit: 3, peopleWalk: 1 });
        expect(own.map((r) => r.id)).toEqual(expected(await every(agent, {}, { limit: 500 }), sort, dir as "asc" | "desc"));
      }
    }
  });

  it("a cursor naming another organization's person, another sort or a status that does not exist is the first page", async () => {
    const first = await deskPage(admin, { filters: view({ state: "all", sort: "requester" }), limit: 3 });
    const foreign = { ...first.rows[0]!, requesterId: people.aaron! };
    const forged = [
      encodeDeskCursor("requester", foreign),
      encodeDeskCursor("assignee", first.rows[0]!),
      Buffer.from(JSON.stringify(["status", "sleeping", new Date().toISOString(), first.rows[0]!.id])).toString("base64url"),
      Buffer.from(JSON.stringify(["requester", "not-a-uuid", new Date().toISOString(), first.rows[0]!.id])).toString("base64url"),
      "%%%",
    ];
    for (const cursor of forged) {
      const res = await deskPage(admin, { filters: view({ state: "all", sort: "requester", cursor }), limit: 3 });
      expect(res.rows.map((r) => r.id)).toEqual(first.rows.map((r) => r.id));
    }
  });

  it("the CSV export and a saved view carry the sort: the export's rows come in the page's order, in batches of any size", async () => {
    for (const sort of sorts) {
      const want = (await every(admin, { state: "all", sort, dir: "asc" }, { limit: 500 })).map((r) => r.number);
      const chunks: string[] = [];
      for await (const chunk of deskCsv(admin, view({ state: "all", sort, dir: "asc" }), { batchSize: 3 })) chunks.push(chunk);
      const numbers = chunks.join("").trim().split("\n").slice(1).map((line) => line.split(",")[0]);
      expect(numbers, sort).toEqual(want);
    }
    const saved = await saveView(agent, { name: "By requester", query: "?sort=requester&dir=asc&state=all" });
    expect(saved.query).toContain("sort=requester");
    expect(saved.query).toContain("dir=asc");
  });
});
