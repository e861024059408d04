import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { addComment } from "@/lib/domain/tickets/add-comment";
import { getTicketDetail } from "@/lib/domain/tickets/queries";
import { seededDemo, expectAppError, type Demo } from "@/test/integration/helpers";
import { editComment, EDIT_CONFLICT_MESSAGE } from "./edit-comment";
import { markSolution } from "./mark-solution";
import { addSystemComment } from "./system-comment";

let demo: Demo;
const a = (email: keyof Demo["actors"]) => demo.actors[email];
let ticket: { id: string; number: string; organizationId: string; version: number; updatedAt: Date };

beforeAll(async () => {
  demo = await seededDemo();
  ticket = await db.ticket.findFirstOrThrow({
    where: { organizationId: demo.acme.id, title: "VPN disconnects every 10 minutes" },
    select: { id: true, number: true, organizationId: true, version: true, updatedAt: true },
  });
});

const reply = (email: keyof Demo["actors"], body: string, internal = false) => addComment(a(email), { ticketId: ticket.id, body, internal });
const commentRow = (id: string) => db.comment.findUniqueOrThrow({ where: { id }, select: { body: true, version: true, editedAt: true, isSolution: true } });

describe("editing one's own comment", () => {
  it("keeps the previous body as a revision, marks the comment edited and writes a history row, in one go", async () => {
    const c = await reply("agent@acme.test", "Try restarting the VPN client.");
    const before = await db.ticket.findUniqueOrThrow({ where: { id: ticket.id }, select: { version: true } });
    const now = new Date(Date.now() + 1000);
    const r = await editComment(a("agent@acme.test"), { commentId: c.id, body: "Try restarting the VPN client, then the laptop.", version: 1 }, { now });
    expect(r).toMatchObject({ changed: true, version: 2 });
    expect(await commentRow(c.id)).toEqual({ body: "Try restarting the VPN client, then the laptop.", version: 2, editedAt: now, isSolution: false });
    const revisions = await db.commentRevision.findMany({ where: { commentId: c.id }, select: { body: true, editedById: true } });
    expect(revisions).toEqual([{ body: "Try restarting the VPN client.", editedById: a("agent@acme.test").id }]);
    const history = await db.ticketHistory.findFirstOrThrow({ where: { ticketId: ticket.id, action: "comment_edited", newValue: c.id } });
    expect(history).toMatchObject({ internal: false, actorId: a("agent@acme.test").id, comment: null });
    // An edit is not a change of the ticket's fields: its version stays.
    expect((await db.ticket.findUniqueOrThrow({ where: { id: ticket.id }, select: { version: true } })).version).toBe(before.version);
  });

  it("an edit from a stale version is a conflict and changes nothing (no lost edit)", async () => {
    const c = await reply("agent@acme.test", "First text");
    await editComment(a("agent@acme.test"), { commentId: c.id, body: "Edited in tab A", version: 1 });
    const e = await expectAppError(editComment(a("agent@acme.test"), { commentId: c.id, body: "Edited in tab B", version: 1 }), "CONFLICT");
    expect(e.message).toBe(EDIT_CONFLICT_MESSAGE);
    expect((await commentRow(c.id)).body).toBe("Edited in tab A");
    expect(await db.commentRevision.count({ where: { commentId: c.id } })).toBe(1);
  });

  it("two simultaneous edits of the same version: exactly one wins", async () => {
    const c = await reply("agent@acme.test", "Race me");
    const results = await Promise.allSettled([
      editComment(a("agent@acme.test"), { commentId: c.id, body: "Winner one", version: 1 }),
      editComment(a("agent@acme.test"), { commentId: c.id, body: "Winner two", version: 1 }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(await db.commentRevision.count({ where: { commentId: c.id } })).toBe(1);
    expect(["Winner one", "Winner two"]).toContain((await commentRow(c.id)).body);
  });

  it("nobody edits someone else's comment or a system comment", async () => {
    const c = await reply("agent@acme.test", "Agent's words");
    await expectAppError(editComment(a("manager@acme.test"), { commentId: c.id, body: "Manager's words", version: 1 }), "FORBIDDEN");
    await expectAppError(editComment(a("admin@acme.test"), { commentId: c.id, body: "Admin's words", version: 1 }), "FORBIDDEN");
    await expectAppError(editComment(a("requester@acme.test"), { commentId: c.id, body: "Requester's words", version: 1 }), "FORBIDDEN");
    const sys = await db.$transaction((tx) => addSystemComment(tx, ticket, "Closed automatically"));
    expect(sys.type).toBe("system");
    await expectAppError(editComment(a("admin@acme.test"), { commentId: sys.id, body: "tampered", version: 1 }), "FORBIDDEN");
    expect((await commentRow(c.id)).body).toBe("Agent's words");
  });

  it("another organization's comment is not found; a requester cannot even find an internal note", async () => {
    const c = await reply("agent@acme.test", "Internal words", true);
    await expectAppError(editComment(a("admin@globex.test"), { commentId: c.id, body: "x", version: 1 }), "NOT_FOUND");
    await expectAppError(editComment(a("requester@acme.test"), { commentId: c.id, body: "x", version: 1 }), "NOT_FOUND");
  });

  it("a requester edits their own public reply; the history row is public, and staff see earlier versions", async () => {
    const c = await reply("requester@acme.test", "It drops every 10 minutes");
    await editComment(a("requester@acme.test"), { commentId: c.id, body: "It drops every 5 minutes", version: 1 });
    const mine = await getTicketDetail(a("requester@acme.test"), ticket.number, { ownOnly: true, requesterView: true });
    const seen = mine.comments.find((x) => x.id === c.id)!;
    expect(seen.editedAt).not.toBeNull();
    expect(seen.revisions).toEqual([]);
    expect(mine.history.some((h) => h.action === "comment_edited" && h.newValue === c.id)).toBe(true);
    const staff = await getTicketDetail(a("agent@acme.test"), ticket.number);
    expect(staff.comments.find((x) => x.id === c.id)!.revisions.map((r) => r.body)).toEqual(["It drops every 10 minutes"]);
  });

  it("editing an internal note writes an internal history row", async () => {
    const c = await reply("agent@acme.test", "note v1", true);
    await editComment(a("agent@acme.test"), { commentId: c.id, body: "note v2", version: 1 });
    expect(await db.ticketHistory.findFirstOrThrow({ where: { action: "comment_edited", newValue: c.id } })).toMatchObject({ internal: true });
  });

  it("an unchanged body writes nothing; an empty body is a field error", async () => {
    const c = await reply("agent@acme.test", "Same");
    const r = await editComment(a("agent@acme.test"), { commentId: c.id, body: "  Same  ", version: 1 });
    expect(r.changed).toBe(false);
    expect(await db.commentRevision.count({ where: { commentId: c.id } })).toBe(0);
    const e = await expectAppError(editComment(a("agent@acme.test"), { commentId: c.id, body: "   ", version: 1 }), "VALIDATION");
    expect(e.fieldErrors?.body).toBeDefined();
  });
});

describe("the solution", () => {
  it("staff mark a public reply; marking another moves the mark; each writes a public history row", async () => {
    const first = await reply("agent@acme.test", "Update the VPN client to 5.2");
    const second = await reply("requester@acme.test", "Found it: the Wi-Fi power saving setting");
    await markSolution(a("agent@acme.test"), { commentId: first.id, solution: true });
    expect((await commentRow(first.id)).isSolution).toBe(true);
    await markSolution(a("manager@acme.test"), { commentId: second.id, solution: true });
    expect((await commentRow(first.id)).isSolution).toBe(false);
    expect((await commentRow(second.id)).isSolution).toBe(true);
    expect(await db.comment.count({ where: { ticketId: ticket.id, isSolution: true } })).toBe(1);
    const rows = await db.ticketHistory.findMany({ where: { ticketId: ticket.id, field: "solution" }, orderBy: { createdAt: "asc" }, select: { oldValue: true, newValue: true, internal: true } });
    expect(rows.slice(-2)).toEqual([
      { oldValue: null, newValue: first.id, internal: false },
      { oldValue: first.id, newValue: second.id, internal: false },
    ]);
    // The requester sees which reply is the solution.
    const portal = await getTicketDetail(a("requester@acme.test"), ticket.number, { ownOnly: true, requesterView: true });
    expect(portal.comments.filter((c) => c.isSolution).map((c) => c.id)).toEqual([second.id]);
    // Unmarking clears it.
    await markSolution(a("agent@acme.test"), { commentId: second.id, solution: false });
    expect(await db.comment.count({ where: { ticketId: ticket.id, isSolution: true } })).toBe(0);
  });

  it("internal notes and system comments cannot be solutions", async () => {
    const note = await reply("agent@acme.test", "internal idea", true);
    await expectAppError(markSolution(a("agent@acme.test"), { commentId: note.id, solution: true }), "VALIDATION");
    const sys = await db.$transaction((tx) => addSystemComment(tx, ticket, "Status changed automatically"));
    await expectAppError(markSolution(a("agent@acme.test"), { commentId: sys.id, solution: true }), "VALIDATION");
    expect(await db.comment.count({ where: { id: { in: [note.id, sys.id] }, isSolution: true } })).toBe(0);
  });

  it("requesters cannot mark; other organizations cannot find the comment", async () => {
    const c = await reply("agent@acme.test", "Candidate answer");
    await expectAppError(markSolution(a("requester@acme.test"), { commentId: c.id, solution: true }), "FORBIDDEN");
    await expectAppError(markSolution(a("admin@globex.test"), { commentId: c.id, solution: true }), "NOT_FOUND");
    expect((await commentRow(c.id)).isSolution).toBe(false);
  });

  it("concurrent marks of two replies leave exactly one solution", async () => {
    const x = await reply("agent@acme.test", "Answer X");
    const y = await reply("agent@acme.test", "Answer Y");
    await Promise.allSettled([markSolution(a("agent@acme.test"), { commentId: x.id, solution: true }), markSolution(a("manager@acme.test"), { commentId: y.id, solution: true })]);
    expect(await db.comment.count({ where: { ticketId: ticket.id, isSolution: true } })).toBe(1);
  });
});
