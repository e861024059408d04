import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { seedTicket } from "@/prisma/factories";
import { parseBoardQuery } from "@/lib/validation/board";
import { expectAppError, seededDemo, type Demo } from "@/test/integration/helpers";
import { BOARD_PAGE_SIZE, COUNT_CAP, getBoard, loadColumnPage, type Board } from "./board-query";

let demo: Demo;
const a = (email: keyof Demo["actors"]) => demo.actors[email];
const f = (params: Record<string, string>) => parseBoardQuery(new URLSearchParams(params));
const column = (board: Board, label: string) => board.columns.find((c) => c.label === label)!;
const numbersIn = (board: Board, label: string) => column(board, label).cards.map((c) => c.number);
const allTitles = (board: Board) => board.columns.flatMap((c) => c.cards.map((card) => card.title));

beforeAll(async () => {
  demo = await seededDemo();
});

describe("board columns", () => {
  it("a support board has one column per workflow state, labelled, with cards in rank order and totals", async () => {
    const board = await getBoard(a("agent@acme.test"), "SUP");
    expect(board.project.workflow).toBe("support");
    expect(board.columns.map((c) => c.label)).toEqual(["Open", "Answered", "In progress", "On hold", "Waiting for response", "Resolved", "Closed"]);
    const open = column(board, "Open");
    expect(open.key).toBe("open");
    expect(open.total).toBe(open.cards.length);
    expect(open.cards.map((c) => c.title)).toEqual(expect.arrayContaining(["Printer on floor 3 jams every morning", "E-mail bounces from the sales mailbox"]));
    for (const c of open.cards) expect(c.status).toBe("open");
    // (rank, id) order: equal ranks fall back to id, i.e. creation order.
    const keys = open.cards.map((c) => [c.rank, c.id].join("|"));
    expect(keys).toEqual([...keys].sort());
    const vpn = column(board, "Answered").cards[0]!;
    expect(vpn.assignees).toEqual([{ id: a("agent@acme.test").id, name: "Sam Agent", initials: "SA" }]);
    expect(vpn.version).toBeGreaterThan(0);
  });

  it("a kanban board has the project's columns in position order; a change board the change states", async () => {
    const eng = await getBoard(a("admin@acme.test"), "ENG");
    expect(eng.columns.map((c) => [c.label, c.category])).toEqual([
      ["To do", "todo"],
      ["In progress", "in_progress"],
      ["Review", "review"],
      ["Done", "done"],
    ]);
    expect(eng.columns[0]!.color).toMatch(/^#/);
    expect(numbersIn(eng, "To do")).toHaveLength(2);
    for (const c of column(eng, "Review").cards) expect(c.columnId).toBe(column(eng, "Review").key);
    const chg = await getBoard(a("manager@acme.test"), "CHG");
    expect(chg.columns.map((c) => c.label)).toEqual(["Draft", "Pending", "Approved", "Rejected", "In progress", "Deployed", "Completed", "Cancelled"]);
  });
});

describe("board scope", () => {
  it("non-staff and other organizations get NOT_FOUND; a Globex board never shows Acme tickets", async () => {
    await expectAppError(getBoard(a("requester@acme.test"), "SUP"), "NOT_FOUND");
    await expectAppError(getBoard(a("admin@globex.test"), "ENG"), "NOT_FOUND");
    await expectAppError(getBoard(a("admin@acme.test"), "NOPE"), "NOT_FOUND");
    await expectAppError(getBoard(a("admin@acme.test"), "sup; drop"), "NOT_FOUND");
    const globex = await getBoard(a("admin@globex.test"), "SUP");
    expect(allTitles(globex).sort()).toEqual(["Globex: badge reader at the front door", "Globex: projector in room B is blurry"]);
    const acme = await db.ticket.findMany({ where: { organizationId: demo.acme.id }, select: { title: true } });
    for (const t of acme) expect(allTitles(globex)).not.toContain(t.title);
  });

  it("a technician sees only the cards assigned to them (view_assigned)", async () => {
    const tech = a("tech@acme.test");
    const eng = await getBoard(tech, "ENG");
    const cards = eng.columns.flatMap((c) => c.cards);
    expect(cards.length).toBe(3);
    for (const c of cards) expect(c.assignees.map((p) => p.id)).toContain(tech.id);
    expect(eng.columns.reduce((n, c) => n + c.total, 0)).toBe(3);
    expect(allTitles(await getBoard(tech, "SUP"))).toEqual([]);
  });

  it("comment counts include internal notes only for those who may see them", async () => {
    const card = await db.ticket.findFirstOrThrow({ where: { title: "Self-service password reset" }, select: { id: true, organizationId: true } });
    await db.comment.createMany({
      data: [
        { organizationId: card.organizationId, ticketId: card.id, type: "comment", body: "public" },
        { organizationId: card.organizationId, ticketId: card.id, type: "internal_note", body: "internal" },
        { organizationId: card.organizationId, ticketId: card.id, type: "system", body: "system" },
      ],
    });
    const count = async (email: keyof Demo["actors"]) =>
      (await getBoard(a(email), "ENG")).columns.flatMap((c) => c.cards).find((c) => c.id === card.id)!.commentCount;
    expect(await count("agent@acme.test")).toBe(2);
    expect(await count("tech@acme.test")).toBe(1);
  });
});

describe("board filters", () => {
  it("assignee (me, none, ids), type, tag and search narrow every column and its total", async () => {
    const agent = a("agent@acme.test");
    const mine = await getBoard(agent, "SUP", f({ assignee: "me" }));
    const mineCards = mine.columns.flatMap((c) => c.cards);
    expect(mineCards.length).toBeGreaterThan(0);
    for (const c of mineCards) expect(c.assignees.map((p) => p.id)).toContain(agent.id);
    expect(mine.columns.reduce((n, c) => n + c.total, 0)).toBe(mineCards.length);

    const none = await getBoard(agent, "SUP", f({ assignee: "none" }));
    expect(none.columns.flatMap((c) => c.cards).every((c) => c.assignees.length === 0)).toBe(true);
    expect(numbersIn(none, "Open")).toHaveLength(2);
    const byId = await getBoard(agent, "SUP", f({ assignee: `none,${agent.id}` }));
    expect(byId.columns.flatMap((c) => c.cards)).toHaveLength(mineCards.length + 2);

    expect(allTitles(await getBoard(agent, "SUP", f({ q: "PRINTER" })))).toEqual(["Printer on floor 3 jams every morning"]);
    expect(allTitles(await getBoard(agent, "SUP", f({ q: "100%_" })))).toEqual([]);
    const printer = await db.ticket.findFirstOrThrow({ where: { title: "Printer on floor 3 jams every morning" }, select: { number: true, id: true, organizationId: true } });
    expect(allTitles(await getBoard(agent, "SUP", f({ q: printer.number })))).toEqual(["Printer on floor 3 jams every morning"]);

    expect(allTitles(await getBoard(a("admin@acme.test"), "ENG", f({ type: "bug" })))).toEqual(["Desk search ignores accents"]);

    const tag = await db.tag.findFirstOrThrow({ where: { organizationId: demo.acme.id, name: "hardware" } });
    await db.ticketTag.create({ data: { ticketId: printer.id, tagId: tag.id, organizationId: printer.organizationId } });
    const tagged = await getBoard(agent, "SUP", f({ tag: "hardware" }));
    expect(allTitles(tagged)).toEqual(["Printer on floor 3 jams every morning"]);
    expect(column(tagged, "Open").total).toBe(1);
  });
});

describe("paging within a column", () => {
  it("loads more by keyset (rank, id): every card once, in order, stable when a card is inserted above the cursor", async () => {
    const project = await demo.project(demo.acme.id, "SUP");
    const requester = a("requester@acme.test");
    const ranks = ["a1", "a2", "a2", "a3", "a4", "a5", "a6"];
    const ids: string[] = [];
    for (const [i, rank] of ranks.entries()) {
      const t = await seedTicket(db, { project, requesterId: requester.id, title: `Paged ${i}`, status: "on_hold", rank });
      ids.push(t.id);
    }
    const agent = a("agent@acme.test");
    const filters = f({ q: "Paged" });
    const first = await getBoard(agent, "SUP", filters, { pageSize: 3 });
    const hold = column(first, "On hold");
    expect(hold.total).toBe(7);
    expect(hold.cards.map((c) => c.title)).toEqual(["Paged 0", "Paged 1", "Paged 2"]);
    expect(hold.nextCursor).not.toBeNull();

    // A card ranked above the cursor appears after the first page was read: it must not shift the next page.
    await seedTicket(db, { project, requesterId: requester.id, title: "Paged late", status: "on_hold", rank: "a0" });
    const second = await loadColumnPage(agent, { projectKey: "SUP", column: "on_hold", cursor: hold.nextCursor!, filters }, { pageSize: 3 });
    expect(second.cards.map((c) => c.title)).toEqual(["Paged 3", "Paged 4", "Paged 5"]);
    const third = await loadColumnPage(agent, { projectKey: "SUP", column: "on_hold", cursor: second.nextCursor!, filters }, { pageSize: 3 });
    expect(third.cards.map((c) => c.title)).toEqual(["Paged 6"]);
    expect(third.nextCursor).toBeNull();

    // Globex's SUP has no such cards: paging never crosses organizations.
    const globex = await loadColumnPage(a("admin@globex.test"), { projectKey: "SUP", column: "on_hold", cursor: hold.nextCursor! });
    expect(globex.cards).toEqual([]);
    await expectAppError(loadColumnPage(agent, { projectKey: "SUP", column: "todo", cursor: hold.nextCursor! }), "NOT_FOUND");
    await expectAppError(loadColumnPage(a("requester@acme.test"), { projectKey: "SUP", column: "on_hold", cursor: hold.nextCursor! }), "NOT_FOUND");
  });
});

describe("big columns", () => {
  it("count up to the cap and say so, and still send one page of cards", async () => {
    const project = await demo.project(demo.acme.id, "SUP");
    const requester = a("requester@acme.test");
    await db.ticket.createMany({
      data: Array.from({ length: COUNT_CAP + 5 }, (_, i) => ({
        organizationId: demo.acme.id,
        projectId: project.id,
        number: `SUP-${90_000 + i}`,
        seq: 90_000 + i,
        type: "request" as const,
        title: `Bulk ${i}`,
        status: "waiting_for_response" as const,
        requesterId: requester.id,
      })),
    });
    const board = await getBoard(a("agent@acme.test"), "SUP");
    const waiting = column(board, "Waiting for response");
    expect([waiting.total, waiting.totalCapped, waiting.cards.length, !!waiting.nextCursor]).toEqual([COUNT_CAP, true, BOARD_PAGE_SIZE, true]);
    const open = column(board, "Open");
    expect(open.totalCapped).toBe(false);
  });
});
