import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createTicket } from "@/lib/domain/tickets/create-ticket";
import { updateTicket } from "@/lib/domain/tickets/update-ticket";
import { seededDemo, type Demo } from "@/test/integration/helpers";
import { bulkAddTag, bulkAssign, bulkTransition } from "./bulk";

let demo: Demo;
let assetId: string;
let globexTicketId: string;

beforeAll(async () => {
  demo = await seededDemo();
  assetId = (await db.asset.findFirstOrThrow({ where: { organizationId: demo.acme.id }, select: { id: true } })).id;
  globexTicketId = (await db.ticket.findFirstOrThrow({ where: { organizationId: demo.globex.id, number: "SUP-1" }, select: { id: true } })).id;
});

const a = (email: keyof Demo["actors"]) => demo.actors[email];

async function pendingChange(requester: keyof Demo["actors"], title: string) {
  const t = await createTicket(a(requester), { requestType: "change", title, assetId, items: [{ action: "add", componentType: "ram", componentRef: "Samsung 32GB DDR4", quantity: 2 }], submit: true });
  expect(t.status).toBe("pending");
  return t;
}

const snapshot = (ids: string[]) =>
  Promise.all(
    ids.map(async (id) => ({
      ticket: await db.ticket.findUniqueOrThrow({ where: { id }, select: { status: true, version: true, updatedAt: true, assigneeId: true } }),
      history: await db.ticketHistory.count({ where: { ticketId: id } }),
    })),
  );

describe("bulk transition", () => {
  it("moves the allowed tickets with history and reports, without touching, an illegal move, another org's ticket and a forbidden one", async () => {
    const manager = a("manager@acme.test");
    const ok1 = await pendingChange("requester@acme.test", "Bulk: more RAM for app-01");
    const ok2 = await pendingChange("requester2@acme.test", "Bulk: more RAM for app-02");
    const draft = await db.ticket.findFirstOrThrow({ where: { organizationId: demo.acme.id, status: "draft" }, select: { id: true, number: true } });
    const own = await pendingChange("manager@acme.test", "Bulk: the manager's own change");
    const untouched = [draft.id, globexTicketId, own.id];
    const before = await snapshot(untouched);

    // Failures in the middle: the loop goes on to ok2.
    const results = await bulkTransition(manager, { ticketIds: [ok1.id, draft.id, globexTicketId, own.id, ok2.id], to: "approved" });

    expect(results.map((r) => [r.number, r.ok, r.code])).toEqual([
      [ok1.number, true, undefined],
      [draft.number, false, "INVALID_TRANSITION"],
      [null, false, "NOT_FOUND"],
      [own.number, false, "FORBIDDEN"],
      [ok2.number, true, undefined],
    ]);
    expect(results[2]).toEqual({ ticketId: globexTicketId, number: null, ok: false, code: "NOT_FOUND", message: "Ticket not found" });
    expect(results[3].message).toMatch(/requested this change/);

    for (const t of [ok1, ok2]) {
      const after = await db.ticket.findUniqueOrThrow({ where: { id: t.id }, select: { status: true, approvedById: true } });
      expect(after).toEqual({ status: "approved", approvedById: manager.id });
      const moves = await db.ticketHistory.findMany({ where: { ticketId: t.id, action: { in: ["status_change", "approved"] }, actorId: manager.id } });
      expect(moves.map((h) => h.action).sort()).toEqual(["approved", "status_change"]);
      expect(moves.find((h) => h.action === "status_change")).toMatchObject({ oldValue: "pending", newValue: "approved" });
    }
    expect(await snapshot(untouched)).toEqual(before);
  });

  it("a move that needs a reason fails per ticket without one, and carries it when given", async () => {
    const manager = a("manager@acme.test");
    const t1 = await pendingChange("requester@acme.test", "Bulk: reject me 1");
    const t2 = await pendingChange("requester@acme.test", "Bulk: reject me 2");
    const without = await bulkTransition(manager, { ticketIds: [t1.id, t2.id], to: "rejected" });
    expect(without.map((r) => [r.ok, r.code, r.message])).toEqual([
      [false, "VALIDATION", "Say why the change is rejected."],
      [false, "VALIDATION", "Say why the change is rejected."],
    ]);
    const withReason = await bulkTransition(manager, { ticketIds: [t1.id, t2.id], to: "rejected", reason: "Out of budget" });
    expect(withReason.every((r) => r.ok)).toBe(true);
    const after = await db.ticket.findMany({ where: { id: { in: [t1.id, t2.id] } }, select: { status: true, rejectReason: true } });
    expect(after).toEqual([
      { status: "rejected", rejectReason: "Out of budget" },
      { status: "rejected", rejectReason: "Out of budget" },
    ]);
  });

  it("kanban cards move to the first column of the target category; a status the board lacks is refused", async () => {
    const admin = a("admin@acme.test");
    const eng = await demo.project(demo.acme.id, "ENG");
    const cards = await db.ticket.findMany({ where: { projectId: eng.id, status: "todo" }, select: { id: true } });
    expect(cards.length).toBeGreaterThan(1);
    const review = await db.kanbanColumn.findFirstOrThrow({ where: { projectId: eng.id, category: "review" }, orderBy: { position: "asc" } });
    const results = await bulkTransition(admin, { ticketIds: cards.map((c) => c.id), to: "review" });
    expect(results.every((r) => r.ok)).toBe(true);
    const after = await db.ticket.findMany({ where: { id: { in: cards.map((c) => c.id) } }, select: { status: true, columnId: true } });
    for (const t of after) expect(t).toEqual({ status: "review", columnId: review.id });

    const [closed] = await bulkTransition(admin, { ticketIds: [cards[0].id], to: "closed" });
    expect(closed).toMatchObject({ ok: false, code: "INVALID_TRANSITION" });
    expect((await db.ticket.findUniqueOrThrow({ where: { id: cards[0].id } })).status).toBe("review");
  });

  it("refuses more than 200 tickets before touching any", async () => {
    const ids = Array.from({ length: 201 }, () => crypto.randomUUID());
    await expect(bulkTransition(a("admin@acme.test"), { ticketIds: ids, to: "closed" })).rejects.toMatchObject({ code: "VALIDATION" });
  });
});

describe("bulk assign", () => {
  it("makes the staff member the primary assignee and keeps the others; refusals are per ticket", async () => {
    const agent = a("agent@acme.test");
    const tech = a("tech@acme.test");
    const assigned = await db.ticket.findFirstOrThrow({ where: { organizationId: demo.acme.id, title: "VPN disconnects every 10 minutes" }, select: { id: true, number: true } });
    const unassigned = await createTicket(a("requester@acme.test"), { requestType: "support", title: "Bulk: nobody has this yet" });
    // Approved by the manager, no assignees: the manager may not become its sole assignee.
    const approved = await db.ticket.findFirstOrThrow({ where: { organizationId: demo.acme.id, status: "approved", approvedById: a("manager@acme.test").id, assignees: { none: {} } }, select: { id: true, number: true } });

    const results = await bulkAssign(agent, { ticketIds: [assigned.id, globexTicketId, unassigned.id], assigneeId: tech.id });
    expect(results.map((r) => [r.number, r.ok, r.code])).toEqual([
      [assigned.number, true, undefined],
      [null, false, "NOT_FOUND"],
      [unassigned.number, true, undefined],
    ]);
    const people = async (id: string) =>
      (await db.ticketAssignee.findMany({ where: { ticketId: id }, select: { userId: true, isPrimary: true }, orderBy: { isPrimary: "desc" } })).map((x) => [x.userId, x.isPrimary]);
    expect(await people(assigned.id)).toEqual([[tech.id, true], [agent.id, false]]);
    expect((await db.ticket.findUniqueOrThrow({ where: { id: assigned.id } })).assigneeId).toBe(tech.id);
    expect(await people(unassigned.id)).toEqual([[tech.id, true]]);
    expect(await db.ticketHistory.count({ where: { ticketId: unassigned.id, action: "assigned", newValue: tech.name } })).toBe(1);
    expect(await db.ticketAssignee.count({ where: { ticketId: globexTicketId, userId: tech.id } })).toBe(0);

    const [sod] = await bulkAssign(a("admin@acme.test"), { ticketIds: [approved.id], assigneeId: a("manager@acme.test").id });
    expect(sod).toMatchObject({ number: approved.number, ok: false, code: "FORBIDDEN" });
    expect(await db.ticketAssignee.count({ where: { ticketId: approved.id } })).toBe(0);
  });

  it("a requester's bulk assign is refused ticket by ticket, and a non-staff assignee is refused", async () => {
    const requester = a("requester@acme.test");
    const own = await createTicket(requester, { requestType: "support", title: "Bulk: mine" });
    const others = await createTicket(a("requester2@acme.test"), { requestType: "support", title: "Bulk: not mine" });
    const byRequester = await bulkAssign(requester, { ticketIds: [own.id, others.id], assigneeId: a("agent@acme.test").id });
    expect(byRequester.map((r) => [r.number, r.code])).toEqual([
      [own.number, "FORBIDDEN"],
      [null, "NOT_FOUND"],
    ]);
    const [toRequester] = await bulkAssign(a("agent@acme.test"), { ticketIds: [own.id], assigneeId: requester.id });
    expect(toRequester).toMatchObject({ ok: false, code: "VALIDATION" });
    expect(toRequester.message).toMatch(/cannot work tickets/);
    expect(await db.ticketAssignee.count({ where: { ticketId: { in: [own.id, others.id] } } })).toBe(0);
  });
});

describe("bulk add tag", () => {
  it("adds the tag and keeps existing ones; a second run changes nothing; out of scope and forbidden are refused", async () => {
    const agent = a("agent@acme.test");
    const t1 = await createTicket(a("requester@acme.test"), { requestType: "support", title: "Bulk: tag me" });
    const t2 = await createTicket(a("requester@acme.test"), { requestType: "support", title: "Bulk: tag me too" });
    await updateTicket(agent, { ticketId: t1.id, version: (await db.ticket.findUniqueOrThrow({ where: { id: t1.id } })).version, changes: { tags: ["hardware"] } });

    const results = await bulkAddTag(agent, { ticketIds: [t1.id, globexTicketId, t2.id], tag: "Network" });
    expect(results.map((r) => [r.number, r.ok, r.code])).toEqual([
      [t1.number, true, undefined],
      [null, false, "NOT_FOUND"],
      [t2.number, true, undefined],
    ]);
    const tags = async (id: string) => (await db.ticketTag.findMany({ where: { ticketId: id }, select: { tag: { select: { name: true } } } })).map((x) => x.tag.name).sort();
    expect(await tags(t1.id)).toEqual(["hardware", "network"]);
    expect(await tags(t2.id)).toEqual(["network"]);
    expect(await tags(globexTicketId)).toEqual([]);
    expect(await db.tag.count({ where: { organizationId: demo.globex.id, name: "network" } })).toBe(0);

    const historyBefore = await db.ticketHistory.count({ where: { ticketId: { in: [t1.id, t2.id] } } });
    const again = await bulkAddTag(agent, { ticketIds: [t1.id, t2.id], tag: "network" });
    expect(again.every((r) => r.ok)).toBe(true);
    expect(await db.ticketHistory.count({ where: { ticketId: { in: [t1.id, t2.id] } } })).toBe(historyBefore);

    const [byRequester] = await bulkAddTag(a("requester@acme.test"), { ticketIds: [t2.id], tag: "access" });
    expect(byRequester).toMatchObject({ number: t2.number, ok: false, code: "FORBIDDEN" });
    expect(await tags(t2.id)).toEqual(["network"]);
  });
});
