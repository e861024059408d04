import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { seedTicket } from "@/prisma/factories";
import { addComment } from "./add-comment";
import { createTicket } from "./create-ticket";
import { seededDemo, type Demo } from "@/test/integration/helpers";

// DESIGN §3/§5: a reply, the status move it causes and their history rows are
// written in one transaction — all of it or none of it.

let demo: Demo;
beforeAll(async () => {
  demo = await seededDemo();
});

const agent = () => demo.actors["agent@acme.test"];
const requester = () => demo.actors["requester@acme.test"];

async function openTicket(title: string) {
  return createTicket(requester(), { projectKey: "SUP", title });
}

function state(id: string) {
  return db.ticket.findUniqueOrThrow({ where: { id }, select: { status: true, firstResponseAt: true, version: true, updatedAt: true } });
}

function historyOf(id: string) {
  return db.ticketHistory.findMany({
    where: { ticketId: id },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { action: true, field: true, oldValue: true, newValue: true, actorId: true, internal: true, organizationId: true },
  });
}

describe("a public staff reply on an open support ticket", () => {
  it("writes the comment, sets firstResponseAt, moves open→answered and records all three", async () => {
    const t = await openTicket("Wi-Fi drops in the meeting room");
    const now = new Date("2031-01-02T03:04:05.000Z");
    const before = await state(t.id);

    const comment = await addComment(agent(), { ticketId: t.id, body: "Which meeting room?" }, { now });

    const stored = await db.comment.findUniqueOrThrow({ where: { id: comment.id } });
    expect(stored).toMatchObject({ ticketId: t.id, authorId: agent().id, type: "comment", body: "Which meeting room?", organizationId: demo.acme.id });
    const after = await state(t.id);
    expect(after.status).toBe("answered");
    expect(after.firstResponseAt).toEqual(now);
    expect(after.version).toBe(before.version + 1);

    const rows = (await historyOf(t.id)).filter((h) => h.action !== "created");
    expect(rows).toHaveLength(3);
    expect(rows).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ action: "comment_added", newValue: comment.id, internal: false }),
        expect.objectContaining({ action: "field_change", field: "firstResponseAt", oldValue: null, newValue: now.toISOString() }),
        expect.objectContaining({ action: "status_change", field: "status", oldValue: "open", newValue: "answered" }),
      ]),
    );
    for (const h of rows) expect(h).toMatchObject({ actorId: agent().id, organizationId: demo.acme.id });
    // Through the one status writer: the automatic move says what made it.
    const move = await db.ticketHistory.findFirstOrThrow({ where: { ticketId: t.id, action: "status_change" }, select: { comment: true } });
    expect(move.comment).toBe("Answered by a public reply");
  });

  it("a second reply neither moves the ticket nor resets firstResponseAt", async () => {
    const t = await openTicket("Second reply");
    const first = new Date("2031-01-02T10:00:00.000Z");
    await addComment(agent(), { ticketId: t.id, body: "First" }, { now: first });
    await addComment(agent(), { ticketId: t.id, body: "Second" }, { now: new Date("2031-01-02T11:00:00.000Z") });
    expect((await state(t.id)).firstResponseAt).toEqual(first);
    const actions = (await historyOf(t.id)).map((h) => h.action);
    expect(actions.filter((a) => a === "status_change")).toHaveLength(1);
    expect(actions.filter((a) => a === "field_change")).toHaveLength(1);
    expect(actions.filter((a) => a === "comment_added")).toHaveLength(2);
  });
});

describe("atomicity", () => {
  afterEach(async () => {
    await db.$executeRawUnsafe(`DROP TRIGGER IF EXISTS test_fail_history ON "TicketHistory"`);
    await db.$executeRawUnsafe(`DROP FUNCTION IF EXISTS test_fail_history()`);
  });

  it("when the history insert fails, the comment, firstResponseAt and the status change are all rolled back", async () => {
    const t = await openTicket("Atomicity probe");
    const before = await state(t.id);
    const historyBefore = await historyOf(t.id);
    // Refuse history rows of this ticket only: the marker is its id.
    await db.$executeRawUnsafe(`
      CREATE FUNCTION test_fail_history() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW."ticketId" = '${t.id}'::uuid AND NEW.action <> 'created' THEN
          RAISE EXCEPTION 'test: history insert refused';
        END IF;
        RETURN NEW;
      END $$`);
    await db.$executeRawUnsafe(`CREATE TRIGGER test_fail_history BEFORE INSERT ON "TicketHistory" FOR EACH ROW EXECUTE FUNCTION test_fail_history()`);

    await expect(addComment(agent(), { ticketId: t.id, body: "This reply must vanish" })).rejects.toThrow(/history insert refused/);

    expect(await db.comment.count({ where: { ticketId: t.id } })).toBe(0);
    expect(await state(t.id)).toEqual(before); // still open, no firstResponseAt, same version and updatedAt
    expect(await historyOf(t.id)).toEqual(historyBefore);

    // The same reply goes through once history can be written again.
    await db.$executeRawUnsafe(`DROP TRIGGER test_fail_history ON "TicketHistory"`);
    await addComment(agent(), { ticketId: t.id, body: "This reply stays" });
    expect(await db.comment.count({ where: { ticketId: t.id } })).toBe(1);
    expect((await state(t.id)).status).toBe("answered");
  });
});

describe("requester replies and internal notes", () => {
  it("a requester's reply while waiting_for_response moves the ticket to in_progress, with a history row", async () => {
    const sup = await demo.project(demo.acme.id, "SUP");
    const responded = new Date("2031-02-01T09:00:00.000Z");
    const t = await seedTicket(db, {
      project: sup,
      requesterId: requester().id,
      title: "Waiting on the requester",
      status: "waiting_for_response",
      assigneeIds: [agent().id],
      extra: { firstResponseAt: responded },
    });
    // The seeded walk (reply, assignment, moves) has its own rows; the reply's come after.
    const seeded = (await historyOf(t.id)).length;
    const comment = await addComment(requester(), { ticketId: t.id, body: "Here is the screenshot you asked for." });
    const after = await state(t.id);
    expect(after.status).toBe("in_progress");
    expect(after.firstResponseAt).toEqual(responded);
    const rows = (await historyOf(t.id)).slice(seeded);
    expect(rows).toHaveLength(2);
    expect(rows).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ action: "comment_added", newValue: comment.id, actorId: requester().id }),
        expect.objectContaining({ action: "status_change", oldValue: "waiting_for_response", newValue: "in_progress", actorId: requester().id }),
      ]),
    );
  });

  it("a requester's reply on an open ticket changes nothing but the thread", async () => {
    const t = await openTicket("Requester follows up");
    await addComment(requester(), { ticketId: t.id, body: "Any news?" });
    const after = await state(t.id);
    expect(after.status).toBe("open");
    expect(after.firstResponseAt).toBeNull();
    expect((await historyOf(t.id)).map((h) => h.action).sort()).toEqual(["comment_added", "created"]);
  });

  it("an internal note neither sets firstResponseAt nor changes the status, and its history row is internal", async () => {
    const t = await openTicket("Needs a quiet word");
    const note = await addComment(agent(), { ticketId: t.id, body: "Check the licence server first.", internal: true });
    expect(note.type).toBe("internal_note");
    const after = await state(t.id);
    expect(after.status).toBe("open");
    expect(after.firstResponseAt).toBeNull();
    const rows = (await historyOf(t.id)).filter((h) => h.action !== "created");
    expect(rows).toEqual([expect.objectContaining({ action: "comment_added", newValue: note.id, internal: true })]);
  });
});
