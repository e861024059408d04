import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createTicket } from "@/lib/domain/tickets/create-ticket";
import { getTicketDetail } from "@/lib/domain/tickets/queries";
import { transitionTicket } from "@/lib/domain/tickets/transition-ticket";
import { describeHistory } from "@/lib/domain/tickets/history-text";
import { bulkLink, bulkTransition } from "@/lib/domain/desk/bulk";
import { expectAppError, seededDemo, type Demo } from "@/test/integration/helpers";
import { linkTickets, unlinkTickets } from "./link-tickets";
import { ticketLinks, ticketRelationships } from "./list-links";
import { createSubtask } from "./create-subtask";
import { searchLinkTargets } from "./search-targets";
import { ticketRef } from "./visible-refs";

let demo: Demo;
let globexIds: string[];
const a = (email: keyof Demo["actors"]) => demo.actors[email];

beforeAll(async () => {
  demo = await seededDemo();
  globexIds = (await db.ticket.findMany({ where: { organizationId: demo.globex.id }, orderBy: { seq: "asc" }, select: { id: true } })).map((t) => t.id);
});

let n = 0;
/** A fresh support ticket requested by `who` (requester@acme by default). */
async function fresh(title = "Link test", who: keyof Demo["actors"] = "requester@acme.test") {
  n += 1;
  return createTicket(a(who), { requestType: "support", title: `${title} ${n}` });
}

const rows = (ids: string[]) =>
  db.relationship.findMany({ where: { OR: [{ sourceId: { in: ids } }, { targetId: { in: ids } }] }, select: { sourceId: true, targetId: true, type: true } });
const linkHistory = (ticketId: string) =>
  db.ticketHistory.findMany({ where: { ticketId, action: { in: ["relationship_created", "relationship_deleted"] } }, orderBy: { createdAt: "asc" }, select: { action: true, field: true, oldValue: true, newValue: true, actorId: true } });
const footprint = async () => ({ rels: await db.relationship.count(), history: await db.ticketHistory.count(), comments: await db.comment.count(), tickets: await db.ticket.count() });

describe("link and unlink", () => {
  it("writes exactly one row and a history row on both tickets, each from its own side; unlink removes it with history on both", async () => {
    const agent = a("agent@acme.test");
    const [x, y] = [await fresh(), await fresh()];
    const link = await linkTickets(agent, { sourceId: x.id, targetId: y.id, type: "duplicate" });
    expect(await rows([x.id, y.id])).toEqual([{ sourceId: x.id, targetId: y.id, type: "duplicate" }]);
    expect(await linkHistory(x.id)).toEqual([{ action: "relationship_created", field: "duplicates", oldValue: null, newValue: y.number, actorId: agent.id }]);
    expect(await linkHistory(y.id)).toEqual([{ action: "relationship_created", field: "duplicated_by", oldValue: null, newValue: x.number, actorId: agent.id }]);
    expect((await ticketLinks(agent, x.id)).map((l) => [l.label, l.ticket.number])).toEqual([["Duplicates", y.number]]);
    expect((await ticketLinks(agent, y.id)).map((l) => [l.label, l.ticket.number])).toEqual([["Duplicated by", x.number]]);

    await unlinkTickets(agent, { relationshipId: link.id });
    expect(await rows([x.id, y.id])).toEqual([]);
    expect((await linkHistory(x.id)).at(-1)).toEqual({ action: "relationship_deleted", field: "duplicates", oldValue: y.number, newValue: null, actorId: agent.id });
    expect((await linkHistory(y.id)).at(-1)).toEqual({ action: "relationship_deleted", field: "duplicated_by", oldValue: x.number, newValue: null, actorId: agent.id });
    await expectAppError(unlinkTickets(agent, { relationshipId: link.id }), "NOT_FOUND");
  });

  it("stores 'child of' as the parent's row and a related pair once", async () => {
    const agent = a("agent@acme.test");
    const [x, y, z] = [await fresh(), await fresh(), await fresh()];
    await linkTickets(agent, { sourceId: x.id, targetId: y.id, type: "child" });
    expect(await rows([x.id, y.id])).toEqual([{ sourceId: y.id, targetId: x.id, type: "parent" }]);
    expect((await ticketLinks(agent, x.id)).map((l) => l.label)).toEqual(["Child of"]);
    expect((await ticketLinks(agent, y.id)).map((l) => l.label)).toEqual(["Parent of"]);

    await linkTickets(agent, { sourceId: z.id, targetId: x.id, type: "related" });
    const related = await db.relationship.findMany({ where: { type: "related", OR: [{ sourceId: z.id }, { targetId: z.id }] } });
    expect(related).toHaveLength(1);
    expect(related[0]!.sourceId < related[0]!.targetId).toBe(true);
    expect((await ticketLinks(agent, z.id)).map((l) => [l.label, l.ticket.number])).toEqual([["Related to", x.number]]);
    expect((await ticketLinks(agent, x.id)).map((l) => l.label)).toEqual(["Child of", "Related to"]);
  });

  it("refuses a self link, a second link between the same pair (either way, any type) and a second parent, writing nothing", async () => {
    const agent = a("agent@acme.test");
    const [x, y, z] = [await fresh(), await fresh(), await fresh()];
    const before = await footprint();
    expect((await expectAppError(linkTickets(agent, { sourceId: x.id, targetId: x.id, type: "related" }), "VALIDATION")).message).toBe("A ticket cannot be linked to itself.");
    expect(await footprint()).toEqual(before);

    await linkTickets(agent, { sourceId: x.id, targetId: y.id, type: "related" });
    const after = await footprint();
    const again = await expectAppError(linkTickets(agent, { sourceId: y.id, targetId: x.id, type: "related" }), "VALIDATION");
    expect(again.message).toBe(`${y.number} and ${x.number} are already linked (${y.number} related to ${x.number}).`);
    await expectAppError(linkTickets(agent, { sourceId: x.id, targetId: y.id, type: "related" }), "VALIDATION");
    await expectAppError(linkTickets(agent, { sourceId: y.id, targetId: x.id, type: "duplicate" }), "VALIDATION");
    expect(await footprint()).toEqual(after);

    await linkTickets(agent, { sourceId: x.id, targetId: z.id, type: "parent" });
    const second = await expectAppError(linkTickets(agent, { sourceId: z.id, targetId: y.id, type: "child" }), "VALIDATION");
    expect(second.message).toBe(`${z.number} already has a parent ticket. Unlink it first.`);
  });

  it("refuses a parent cycle (A parent of B, B parent of C, then C parent of A), also asked as 'A child of C'", async () => {
    const agent = a("agent@acme.test");
    const [x, y, z] = [await fresh("A"), await fresh("B"), await fresh("C")];
    await linkTickets(agent, { sourceId: x.id, targetId: y.id, type: "parent" });
    await linkTickets(agent, { sourceId: y.id, targetId: z.id, type: "parent" });
    const before = await footprint();
    const e = await expectAppError(linkTickets(agent, { sourceId: z.id, targetId: x.id, type: "parent" }), "VALIDATION");
    expect(e.message).toBe(`${x.number} is already above ${z.number}: a ticket cannot become its own ancestor.`);
    await expectAppError(linkTickets(agent, { sourceId: x.id, targetId: z.id, type: "child" }), "VALIDATION");
    expect(await footprint()).toEqual(before);
    // Not a cycle: a fourth ticket under C.
    const w = await fresh("D");
    await linkTickets(agent, { sourceId: w.id, targetId: z.id, type: "child" });
    expect((await ticketRelationships(agent, z.id)).subtasks.map((s) => s.ticket.number)).toEqual([w.number]);
  });

  it("other organizations' ids are not found, both ways, and nothing is written", async () => {
    const [x, y] = [await fresh(), await fresh()];
    const link = await linkTickets(a("agent@acme.test"), { sourceId: x.id, targetId: y.id, type: "related" });
    const before = await footprint();
    for (const actor of [a("agent@globex.test"), a("admin@globex.test")]) {
      await expectAppError(linkTickets(actor, { sourceId: x.id, targetId: y.id, type: "parent" }), "NOT_FOUND");
      await expectAppError(linkTickets(actor, { sourceId: globexIds[0]!, targetId: x.id, type: "related" }), "NOT_FOUND");
      await expectAppError(linkTickets(actor, { sourceId: x.id, targetId: globexIds[0]!, type: "duplicate", closeDuplicate: true }), "NOT_FOUND");
      await expectAppError(unlinkTickets(actor, { relationshipId: link.id }), "NOT_FOUND");
      await expectAppError(ticketLinks(actor, x.id), "NOT_FOUND");
      await expectAppError(createSubtask(actor, { parentId: x.id, title: "Sneaky subtask" }), "NOT_FOUND");
      expect(await searchLinkTargets(actor, { q: x.number })).toEqual([]);
    }
    for (const actor of [a("agent@acme.test"), a("admin@acme.test")]) {
      await expectAppError(linkTickets(actor, { sourceId: x.id, targetId: globexIds[0]!, type: "related" }), "NOT_FOUND");
      await expectAppError(linkTickets(actor, { sourceId: globexIds[0]!, targetId: globexIds[1]!, type: "related" }), "NOT_FOUND");
    }
    expect(await footprint()).toEqual(before);
  });

  it("needs ticket.assign or ticket.manage: the requester of both tickets and a technician cannot link", async () => {
    const [x, y] = [await fresh(), await fresh()];
    const before = await footprint();
    await expectAppError(linkTickets(a("requester@acme.test"), { sourceId: x.id, targetId: y.id, type: "related" }), "FORBIDDEN");
    // The technician sees only tickets assigned to them: these are not found.
    await expectAppError(linkTickets(a("tech@acme.test"), { sourceId: x.id, targetId: y.id, type: "related" }), "NOT_FOUND");
    await expectAppError(searchLinkTargets(a("requester@acme.test"), { q: "link" }), "FORBIDDEN");
    expect(await footprint()).toEqual(before);
    expect((await linkTickets(a("manager@acme.test"), { sourceId: x.id, targetId: y.id, type: "related" })).id).toBeTruthy();
  });
});

describe("what each viewer sees", () => {
  it("a requester never sees a linked ticket they may not see: not in the list, not in the history", async () => {
    const mine = await fresh("Mine");
    const theirs = await fresh("Theirs", "requester2@acme.test");
    const alsoMine = await fresh("Also mine");
    await linkTickets(a("agent@acme.test"), { sourceId: mine.id, targetId: theirs.id, type: "related" });
    await linkTickets(a("agent@acme.test"), { sourceId: mine.id, targetId: alsoMine.id, type: "parent" });

    const requester = a("requester@acme.test");
    expect((await ticketLinks(requester, mine.id, { ownOnly: true })).map((l) => [l.label, l.ticket.number])).toEqual([["Parent of", alsoMine.number]]);
    expect((await ticketLinks(a("agent@acme.test"), mine.id)).map((l) => l.ticket.number).sort()).toEqual([alsoMine.number, theirs.number].sort());

    const portal = await getTicketDetail(requester, mine.number, { ownOnly: true, requesterView: true });
    const sentences = portal.history.map((h) => describeHistory(h));
    expect(sentences).toContain(`Sam Agent linked a ticket (Related to)`);
    expect(sentences).toContain(`Sam Agent linked ${alsoMine.number} (Parent of)`);
    expect(JSON.stringify(portal)).not.toContain(theirs.number);
    const staff = await getTicketDetail(a("agent@acme.test"), mine.number);
    expect(staff.history.map((h) => describeHistory(h))).toContain(`Sam Agent linked ${theirs.number} (Related to)`);
  });
});

describe("duplicate and close", () => {
  it("closes the duplicate through the workflow with a system comment naming the original only to those who may see it", async () => {
    const agent = a("agent@acme.test");
    const original = await fresh("Original", "requester2@acme.test");
    const dup = await fresh("Duplicate");
    const res = await linkTickets(agent, { sourceId: dup.id, targetId: original.id, type: "duplicate", closeDuplicate: true });
    expect(res.closed).toBe(true);

    const after = await db.ticket.findUniqueOrThrow({ where: { id: dup.id }, select: { status: true, closedAt: true, version: true } });
    expect(after.status).toBe("closed");
    expect(after.closedAt).not.toBeNull();
    expect(await db.ticketHistory.count({ where: { ticketId: dup.id, action: "status_change", oldValue: "open", newValue: "closed" } })).toBe(1);
    const system = await db.comment.findMany({ where: { ticketId: dup.id, type: "system" } });
    expect(system.map((c) => [c.body, c.authorId])).toEqual([[`Closed as a duplicate of ${ticketRef(original.id)}`, null]]);
    expect(await rows([dup.id])).toEqual([{ sourceId: dup.id, targetId: original.id, type: "duplicate" }]);

    const staffView = await getTicketDetail(agent, dup.number);
    expect(staffView.comments.filter((c) => c.type === "system").map((c) => c.body)).toEqual([`Closed as a duplicate of ${original.number}`]);
    const requesterView = await getTicketDetail(a("requester@acme.test"), dup.number, { ownOnly: true, requesterView: true });
    expect(requesterView.comments.filter((c) => c.type === "system").map((c) => c.body)).toEqual(["Closed as a duplicate of another ticket"]);
    expect(JSON.stringify(requesterView)).not.toContain(original.id);
    expect(JSON.stringify(requesterView)).not.toContain(original.number);

    // The requester's own original is named to them.
    const own = await fresh("Own original");
    const ownDup = await fresh("Own duplicate");
    await linkTickets(agent, { sourceId: own.id, targetId: ownDup.id, type: "duplicate", closeDuplicate: false });
    expect((await db.ticket.findUniqueOrThrow({ where: { id: own.id } })).status).toBe("open");
    const third = await fresh("Third");
    await linkTickets(agent, { sourceId: third.id, targetId: own.id, type: "duplicate", closeDuplicate: true });
    const mine = await getTicketDetail(a("requester@acme.test"), third.number, { ownOnly: true, requesterView: true });
    expect(mine.comments.map((c) => c.body)).toContain(`Closed as a duplicate of ${own.number}`);
  });

  it("a refused link rolls the close back: the ticket stays open, no comment, no row", async () => {
    const agent = a("agent@acme.test");
    const [x, y] = [await fresh(), await fresh()];
    await linkTickets(agent, { sourceId: y.id, targetId: x.id, type: "related" });
    const before = await footprint();
    await expectAppError(linkTickets(agent, { sourceId: x.id, targetId: y.id, type: "duplicate", closeDuplicate: true }), "VALIDATION");
    expect(await footprint()).toEqual(before);
    expect((await db.ticket.findUniqueOrThrow({ where: { id: x.id } })).status).toBe("open");
  });
});

describe("subtasks", () => {
  it("creates the child in the parent's project with the parent row, history on both, in one go", async () => {
    const agent = a("agent@acme.test");
    const parent = await fresh("Parent");
    const child = await createSubtask(agent, { parentId: parent.id, title: "Order the part", description: "From the usual vendor" });
    const row = await db.ticket.findUniqueOrThrow({ where: { id: child.id }, select: { projectId: true, title: true, status: true, requesterId: true } });
    const p = await db.ticket.findUniqueOrThrow({ where: { id: parent.id }, select: { projectId: true } });
    expect(row).toEqual({ projectId: p.projectId, title: "Order the part", status: "open", requesterId: agent.id });
    expect(await rows([child.id])).toEqual([{ sourceId: parent.id, targetId: child.id, type: "parent" }]);
    expect((await linkHistory(child.id)).map((h) => [h.field, h.newValue])).toEqual([["child_of", parent.number]]);
    expect((await linkHistory(parent.id)).map((h) => [h.field, h.newValue])).toEqual([["parent_of", child.number]]);
    expect(await db.ticketHistory.count({ where: { ticketId: child.id, action: "created" } })).toBe(1);

    // A requester may create tickets but not subtasks: nothing is written.
    const before = await footprint();
    await expectAppError(createSubtask(a("requester@acme.test"), { parentId: parent.id, title: "Mine too" }), "FORBIDDEN");
    await expectAppError(createSubtask(agent, { parentId: parent.id, title: "  " }), "VALIDATION");
    expect(await footprint()).toEqual(before);
  });

  it("counts progress over terminal children, and closing the parent with open children needs confirmation", async () => {
    const agent = a("agent@acme.test");
    const parent = await fresh("Epic-ish");
    const kids = [];
    for (const title of ["One", "Two", "Three"]) kids.push(await createSubtask(agent, { parentId: parent.id, title }));
    expect((await ticketRelationships(agent, parent.id)).progress).toEqual({ done: 0, total: 3 });
    await transitionTicket(agent, { ticketId: kids[0]!.id, to: "closed", version: 1 });
    const rel = await ticketRelationships(agent, parent.id);
    expect(rel.progress).toEqual({ done: 1, total: 3 });
    expect(rel.subtasks.map((s) => [s.ticket.number, s.ticket.done])).toEqual([
      [kids[0]!.number, true],
      [kids[1]!.number, false],
      [kids[2]!.number, false],
    ]);

    const before = await footprint();
    const e = await expectAppError(transitionTicket(agent, { ticketId: parent.id, to: "closed", version: 1 }), "VALIDATION");
    expect(e.message).toBe(`This ticket has 2 open subtasks (${kids[1]!.number}, ${kids[2]!.number}). Confirm to close it anyway.`);
    expect(e.fieldErrors?.confirmOpenChildren).toEqual([`${kids[1]!.number} Two (Open)`, `${kids[2]!.number} Three (Open)`]);
    expect(await footprint()).toEqual(before);
    expect((await db.ticket.findUniqueOrThrow({ where: { id: parent.id } })).status).toBe("open");

    // Moves that do not finish the parent need no confirmation.
    const held = await transitionTicket(agent, { ticketId: parent.id, to: "on_hold", version: 1 });
    const closed = await transitionTicket(agent, { ticketId: parent.id, to: "closed", version: held.version, confirmOpenChildren: true });
    expect(closed.status).toBe("closed");
  });
});

describe("bulk link", () => {
  it("links each selected ticket through the same rules and reports the failures and why", async () => {
    const agent = a("agent@acme.test");
    const target = await fresh("Bulk target");
    const [ok1, linked, ok2] = [await fresh("Bulk 1"), await fresh("Bulk linked"), await fresh("Bulk 2")];
    await linkTickets(agent, { sourceId: linked.id, targetId: target.id, type: "related" });
    const results = await bulkLink(agent, { ticketIds: [ok1.id, target.id, globexIds[0]!, linked.id, ok2.id], targetId: target.id, side: "child_of" });
    expect(results.map((r) => [r.number, r.ok, r.code])).toEqual([
      [ok1.number, true, undefined],
      [target.number, false, "VALIDATION"],
      [null, false, "NOT_FOUND"],
      [linked.number, false, "VALIDATION"],
      [ok2.number, true, undefined],
    ]);
    expect(results[1]!.message).toBe("A ticket cannot be linked to itself.");
    expect(results[3]!.message).toBe(`${linked.number} and ${target.number} are already linked (${linked.number} related to ${target.number}).`);
    expect((await ticketRelationships(agent, target.id)).subtasks.map((s) => s.ticket.number)).toEqual([ok1.number, ok2.number]);
  });

  it("a bulk close refuses a parent with open subtasks (listing them, marked for retry) until confirmed", async () => {
    const agent = a("agent@acme.test");
    const [parent, child, plain] = [await fresh("Bulk parent"), await fresh("Bulk child"), await fresh("Bulk plain")];
    await linkTickets(agent, { sourceId: parent.id, targetId: child.id, type: "parent" });
    const first = await bulkTransition(agent, { ticketIds: [parent.id, plain.id], to: "closed" });
    expect(first.map((r) => [r.number, r.ok, r.openChildren])).toEqual([
      [parent.number, false, true],
      [plain.number, true, undefined],
    ]);
    expect(first[0]!.message).toContain(child.number);
    const retry = await bulkTransition(agent, { ticketIds: [parent.id], to: "closed", confirmOpenChildren: true });
    expect(retry.map((r) => r.ok)).toEqual([true]);
    expect((await db.ticket.findUniqueOrThrow({ where: { id: parent.id }, select: { status: true } })).status).toBe("closed");
  });

  it("marks the selection duplicates of one ticket and closes each with a system comment when asked", async () => {
    const agent = a("agent@acme.test");
    const original = await fresh("Bulk original");
    const [d1, d2, kept] = [await fresh("Bulk dup 1"), await fresh("Bulk dup 2"), await fresh("Bulk dup kept open")];
    const closing = await bulkLink(agent, { ticketIds: [d1.id, d2.id], targetId: original.id, side: "duplicates", closeDuplicate: true });
    expect(closing.every((r) => r.ok)).toBe(true);
    await bulkLink(agent, { ticketIds: [kept.id], targetId: original.id, side: "duplicates" });
    const status = async (id: string) => (await db.ticket.findUniqueOrThrow({ where: { id }, select: { status: true } })).status;
    expect([await status(d1.id), await status(d2.id), await status(kept.id), await status(original.id)]).toEqual(["closed", "closed", "open", "open"]);
    expect(await db.comment.count({ where: { ticketId: d1.id, type: "system" } })).toBe(1);
    expect(await db.comment.count({ where: { ticketId: kept.id, type: "system" } })).toBe(0);
    expect((await rows([original.id])).filter((r) => r.type === "duplicate")).toHaveLength(3);
  });
});

describe("link search", () => {
  it("finds by number or word prefixes in scope, never the current ticket, at most 10", async () => {
    const agent = a("agent@acme.test");
    const x = await fresh("Zebrafish aquarium pump");
    const y = await fresh("Zebrafish aquarium light");
    expect((await searchLinkTargets(agent, { q: "zebraf aqua", exclude: x.id })).map((t) => t.number)).toEqual([y.number]);
    expect((await searchLinkTargets(agent, { q: "zebrafish pump" })).map((t) => t.number)).toEqual([x.number]);
    expect((await searchLinkTargets(agent, { q: x.number.toLowerCase() }))[0]!.number).toBe(x.number);
    expect(await searchLinkTargets(agent, { q: "" })).toEqual([]);
    expect((await searchLinkTargets(agent, { q: "sup" })).length).toBe(10);
    expect(await searchLinkTargets(a("agent@globex.test"), { q: "zebrafish" })).toEqual([]);
  });
});

describe("the database backs the rules (concurrent writers skip the checks' reads)", () => {
  it("refuses a reversed pair and a second parent", async () => {
    const agent = a("agent@acme.test");
    const [x, y, z] = [await fresh(), await fresh(), await fresh()];
    await linkTickets(agent, { sourceId: x.id, targetId: y.id, type: "parent" });
    const insert = (sourceId: string, targetId: string, type: "parent" | "related") =>
      db.relationship.create({ data: { organizationId: demo.acme.id, sourceId, targetId, type } });
    await expect(insert(y.id, x.id, "related")).rejects.toThrow();
    await expect(insert(z.id, y.id, "parent")).rejects.toThrow();
    expect(await rows([x.id, y.id, z.id])).toEqual([{ sourceId: x.id, targetId: y.id, type: "parent" }]);
    await expect(insert(x.id, z.id, "related")).resolves.toBeTruthy();
  });
});
