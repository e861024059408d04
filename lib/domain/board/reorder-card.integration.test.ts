import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { loadActor, type Actor } from "@/lib/auth/actor";
import { seedTicket } from "@/prisma/factories";
import { transitionTicket } from "@/lib/domain/tickets/transition-ticket";
import { expectAppError, seededDemo, writeFootprint, type Demo } from "@/test/integration/helpers";
import { getBoard, type Board } from "./board-query";
import { reorderCard } from "./reorder-card";

let demo: Demo;
const a = (email: keyof Demo["actors"]) => demo.actors[email];
const titles = (board: Board, label: string) => board.columns.find((c) => c.label === label)!.cards.map((c) => c.title);

beforeAll(async () => {
  demo = await seededDemo();
});

/** Every ticket's row as it stands, to prove a reorder touched one row and one column of it. */
async function ticketRows() {
  const rows = await db.ticket.findMany({ orderBy: { id: "asc" } });
  return new Map(rows.map((r) => [r.id, r]));
}

function changedRows(before: Awaited<ReturnType<typeof ticketRows>>, after: Awaited<ReturnType<typeof ticketRows>>) {
  const out: { id: string; fields: string[] }[] = [];
  for (const [id, row] of after) {
    const old = before.get(id)!;
    const fields = Object.keys(row).filter((k) => JSON.stringify(row[k as keyof typeof row]) !== JSON.stringify(old[k as keyof typeof old]));
    if (fields.length) out.push({ id, fields });
  }
  return out;
}

/** A fresh kanban project whose "To do" column holds cards with these ranks, in this order of creation. */
async function kanbanColumn(key: string, ranks: string[]) {
  const admin = a("admin@acme.test");
  const project = await db.project.create({
    data: {
      organizationId: demo.acme.id,
      key,
      name: `Board ${key}`,
      workflow: "kanban",
      members: { create: ["admin@acme.test", "agent@acme.test", "tech@acme.test"].map((e) => ({ userId: a(e as keyof Demo["actors"]).id, organizationId: demo.acme.id })) },
      columns: {
        create: [
          { organizationId: demo.acme.id, name: "To do", category: "todo", position: 0 },
          { organizationId: demo.acme.id, name: "Doing", category: "in_progress", position: 1 },
          { organizationId: demo.acme.id, name: "Done", category: "done", position: 2 },
        ],
      },
    },
    select: { id: true, organizationId: true, key: true, numbering: true, workflow: true },
  });
  const cards = [];
  for (const [i, rank] of ranks.entries()) {
    cards.push(await seedTicket(db, { project, requesterId: admin.id, title: `${key} card ${i}`, status: "todo", rank }));
  }
  // Reload the actors: the memberships are new.
  for (const e of ["admin@acme.test", "agent@acme.test", "tech@acme.test"] as const) demo.actors[e] = (await loadActor(a(e).id))!;
  const columns = await db.kanbanColumn.findMany({ where: { projectId: project.id }, orderBy: { position: "asc" } });
  return { project, cards, todo: columns[0]!, doing: columns[1]! };
}

describe("reorder inside a column", () => {
  it("writes exactly one row and only its rank: no history row, no version bump, updatedAt kept", async () => {
    const { cards, todo } = await kanbanColumn("RONE", ["a0", "a1", "a2"]);
    const before = await ticketRows();
    const footprint = await writeFootprint();
    const res = await reorderCard(a("agent@acme.test"), { ticketId: cards[2]!.id, column: todo.id, afterId: null });
    expect(res.rowsWritten).toBe(1);
    const after = await ticketRows();
    expect(changedRows(before, after)).toEqual([{ id: cards[2]!.id, fields: ["rank"] }]);
    expect(after.get(cards[2]!.id)!.version).toBe(before.get(cards[2]!.id)!.version);
    expect(after.get(cards[2]!.id)!.updatedAt).toEqual(before.get(cards[2]!.id)!.updatedAt);
    expect(await writeFootprint()).toEqual(footprint);
    expect(titles(await getBoard(a("agent@acme.test"), "RONE"), "To do")).toEqual(["RONE card 2", "RONE card 0", "RONE card 1"]);

    // Down to the middle, then to the bottom: still one row each, and the order persists.
    await reorderCard(a("agent@acme.test"), { ticketId: cards[2]!.id, column: todo.id, afterId: cards[0]!.id });
    expect(titles(await getBoard(a("agent@acme.test"), "RONE"), "To do")).toEqual(["RONE card 0", "RONE card 2", "RONE card 1"]);
    const mid = await ticketRows();
    await reorderCard(a("agent@acme.test"), { ticketId: cards[0]!.id, column: todo.id, afterId: cards[1]!.id });
    expect(changedRows(mid, await ticketRows())).toEqual([{ id: cards[0]!.id, fields: ["rank"] }]);
    expect(titles(await getBoard(a("agent@acme.test"), "RONE"), "To do")).toEqual(["RONE card 2", "RONE card 1", "RONE card 0"]);
  });

  it("ranks compare byte by byte: 'Zz' sorts before 'a0' on the board and in the reorder", async () => {
    const { cards, todo } = await kanbanColumn("RBYTE", ["a0", "Zz", "a1"]);
    expect(titles(await getBoard(a("agent@acme.test"), "RBYTE"), "To do")).toEqual(["RBYTE card 1", "RBYTE card 0", "RBYTE card 2"]);
    const res = await reorderCard(a("agent@acme.test"), { ticketId: cards[2]!.id, column: todo.id, afterId: cards[1]!.id });
    expect(res.rowsWritten).toBe(1);
    expect(res.rank > "Zz" && res.rank < "a0").toBe(true);
    expect(titles(await getBoard(a("agent@acme.test"), "RBYTE"), "To do")).toEqual(["RBYTE card 1", "RBYTE card 2", "RBYTE card 0"]);
  });

  it("between two cards of equal rank, re-spreads only the smaller side of the tie and keeps every other card's order", async () => {
    const { cards, todo } = await kanbanColumn("RTIE", ["a0", "a0", "a0", "a0", "a0", "a5"]);
    // Board order: card 0..4 (tie, by id), card 5. Move card 5 after card 3: the side after the drop (card 5, card 4) is smaller.
    const before = await ticketRows();
    const res = await reorderCard(a("agent@acme.test"), { ticketId: cards[5]!.id, column: todo.id, afterId: cards[3]!.id });
    expect(res.rowsWritten).toBe(2);
    const changed = changedRows(before, await ticketRows());
    expect(changed.map((c) => c.fields)).toEqual([["rank"], ["rank"]]);
    expect(titles(await getBoard(a("agent@acme.test"), "RTIE"), "To do")).toEqual(["RTIE card 0", "RTIE card 1", "RTIE card 2", "RTIE card 3", "RTIE card 5", "RTIE card 4"]);
    // And after card 0: the side before the drop is smaller.
    const res2 = await reorderCard(a("agent@acme.test"), { ticketId: cards[4]!.id, column: todo.id, afterId: cards[0]!.id });
    expect(res2.rowsWritten).toBe(2);
    expect(titles(await getBoard(a("agent@acme.test"), "RTIE"), "To do")).toEqual(["RTIE card 0", "RTIE card 4", "RTIE card 1", "RTIE card 2", "RTIE card 3", "RTIE card 5"]);
  });

  it("works on a support board's status column for staff", async () => {
    const agent = a("agent@acme.test");
    const board = await getBoard(agent, "SUP");
    const open = board.columns.find((c) => c.key === "open")!.cards;
    expect(open.length).toBeGreaterThanOrEqual(2);
    const last = open[open.length - 1]!;
    await reorderCard(agent, { ticketId: last.id, column: "open", afterId: null });
    expect((await getBoard(agent, "SUP")).columns.find((c) => c.key === "open")!.cards[0]!.id).toBe(last.id);
  });
});

describe("reorder refusals", () => {
  it("the card must be in scope (NOT_FOUND), movable by the actor (FORBIDDEN) and still in that column (CONFLICT)", async () => {
    const { cards, todo, doing } = await kanbanColumn("RDENY", ["a0", "a1"]);
    const footprint = await ticketRows();
    // Another organization: the id does not exist for them.
    await expectAppError(reorderCard(a("admin@globex.test"), { ticketId: cards[0]!.id, column: todo.id, afterId: null }), "NOT_FOUND");
    // A technician sees only cards assigned to them.
    await expectAppError(reorderCard(a("tech@acme.test"), { ticketId: cards[0]!.id, column: todo.id, afterId: null }), "NOT_FOUND");
    // A requester's own support ticket is in their scope, but the board is not theirs to rearrange.
    const own = await db.ticket.findFirstOrThrow({ where: { requesterId: a("requester@acme.test").id, status: "open" }, select: { id: true } });
    await expectAppError(reorderCard(a("requester@acme.test"), { ticketId: own.id, column: "open", afterId: null }), "FORBIDDEN");
    // Staff who see every card but may not move kanban cards (no ticket.assign, not an assignee): same rule as a move.
    const viewerRole = await db.role.create({ data: { organizationId: demo.acme.id, name: "Viewer", permissions: ["ticket.view_all"] } });
    const viewerUser = await db.user.create({
      data: { organizationId: demo.acme.id, email: "viewer@acme.test", name: "Vera Viewer", roleId: viewerRole.id, memberships: { create: { projectId: cards[0]!.projectId, organizationId: demo.acme.id } } },
    });
    const viewer = (await loadActor(viewerUser.id)) as Actor;
    expect((await getBoard(viewer, "RDENY")).columns[0]!.cards.every((c) => !c.movable)).toBe(true);
    await expectAppError(reorderCard(viewer, { ticketId: cards[1]!.id, column: todo.id, afterId: null }), "FORBIDDEN");
    await expectAppError(transitionTicket(viewer, { ticketId: cards[1]!.id, columnId: doing.id, version: 1 }), "FORBIDDEN");
    // Stale board: the card is not in the column the client thought, or the neighbour left it.
    await expectAppError(reorderCard(a("agent@acme.test"), { ticketId: cards[0]!.id, column: doing.id, afterId: null }), "CONFLICT");
    const elsewhere = await db.ticket.findFirstOrThrow({ where: { status: "in_progress", project: { key: "ENG" } }, select: { id: true } });
    await expectAppError(reorderCard(a("agent@acme.test"), { ticketId: cards[0]!.id, column: todo.id, afterId: elsewhere.id }), "CONFLICT");
    await expectAppError(reorderCard(a("agent@acme.test"), { ticketId: cards[0]!.id, column: todo.id, afterId: cards[0]!.id }), "VALIDATION");
    expect(changedRows(footprint, await ticketRows())).toEqual([]);
    // An assignee without ticket.assign may move their own card (mayMoveCard).
    await db.ticketAssignee.create({ data: { ticketId: cards[1]!.id, userId: a("tech@acme.test").id, organizationId: demo.acme.id, isPrimary: true } });
    await reorderCard(a("tech@acme.test"), { ticketId: cards[1]!.id, column: todo.id, afterId: null });
  });
});

describe("a drop onto another column is a transition", () => {
  it("goes through transitionTicket: lands at its rank, bumps the version and writes history", async () => {
    const { cards, doing } = await kanbanColumn("RMOVE", ["a0", "a1", "a2"]);
    const agent = a("agent@acme.test");
    const history = await db.ticketHistory.count({ where: { ticketId: cards[0]!.id } });
    const res = await transitionTicket(agent, { ticketId: cards[0]!.id, columnId: doing.id, version: 1, rank: "Zz" });
    expect(res.version).toBe(2);
    const row = await db.ticket.findUniqueOrThrow({ where: { id: cards[0]!.id } });
    expect([row.status, row.columnId, row.rank, row.version]).toEqual(["in_progress", doing.id, "Zz", 2]);
    expect(await db.ticketHistory.count({ where: { ticketId: cards[0]!.id } })).toBe(history + 1);
    // The second card lands above it by rank.
    await transitionTicket(agent, { ticketId: cards[1]!.id, columnId: doing.id, version: 1, rank: "Zy" });
    expect(titles(await getBoard(agent, "RMOVE"), "Doing")).toEqual(["RMOVE card 1", "RMOVE card 0"]);
    // Without a rank the card keeps its own (the ticket page's "Move to").
    await transitionTicket(agent, { ticketId: cards[2]!.id, columnId: doing.id, version: 1 });
    expect((await db.ticket.findUniqueOrThrow({ where: { id: cards[2]!.id } })).rank).toBe("a2");
    // A malformed rank is refused before anything is written.
    await expectAppError(transitionTicket(agent, { ticketId: cards[0]!.id, columnId: cards[0]!.columnId!, version: 2, rank: "a" }), "VALIDATION");
    await expectAppError(transitionTicket(agent, { ticketId: cards[0]!.id, columnId: cards[0]!.columnId!, version: 2, rank: "a0'; --" }), "VALIDATION");
  });

  it("an illegal support move and a forbidden change move are refused and write nothing", async () => {
    const agent = a("agent@acme.test");
    const open = await db.ticket.findFirstOrThrow({ where: { project: { key: "SUP" }, organizationId: demo.acme.id, status: "open" }, select: { id: true, version: true } });
    const pending = await db.ticket.findFirstOrThrow({ where: { project: { key: "CHG" }, status: "pending" }, select: { id: true, version: true } });
    const footprint = await writeFootprint();
    const before = await ticketRows();
    await expectAppError(transitionTicket(agent, { ticketId: open.id, to: "resolved", version: open.version, rank: "a5" }), "INVALID_TRANSITION");
    await expectAppError(transitionTicket(agent, { ticketId: open.id, to: "answered", version: open.version, rank: "a5" }), "INVALID_TRANSITION");
    const e = await expectAppError(transitionTicket(agent, { ticketId: pending.id, to: "approved", version: pending.version, rank: "a5" }), "FORBIDDEN");
    expect(e.message).toMatch(/approvers/);
    // A requester's own open ticket: in scope, but not a move they may make.
    const own = await db.ticket.findFirstOrThrow({ where: { requesterId: a("requester@acme.test").id, status: "open" }, select: { id: true, version: true } });
    await expectAppError(transitionTicket(a("requester@acme.test"), { ticketId: own.id, to: "in_progress", version: own.version, rank: "a5" }), "FORBIDDEN");
    await expectAppError(transitionTicket(a("admin@globex.test"), { ticketId: open.id, to: "in_progress", version: open.version, rank: "a5" }), "NOT_FOUND");
    expect(await writeFootprint()).toEqual(footprint);
    expect(changedRows(before, await ticketRows())).toEqual([]);
    // The allowed one (Start) lands and is recorded.
    await transitionTicket(agent, { ticketId: open.id, to: "in_progress", version: open.version, rank: "a5" });
    const moved = await db.ticket.findUniqueOrThrow({ where: { id: open.id } });
    expect([moved.status, moved.rank, moved.version]).toEqual(["in_progress", "a5", open.version + 1]);
    expect((await writeFootprint()).history).toBe(footprint.history + 1);
  });
});
