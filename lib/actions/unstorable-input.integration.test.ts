import { beforeAll, describe, expect, it, vi } from "vitest";
import type { z } from "zod";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { defineAction } from "./safe-action";
import { addComment } from "@/lib/domain/tickets/add-comment";
import { updateTicket } from "@/lib/domain/tickets/update-ticket";
import { setAssignees } from "@/lib/domain/tickets/assign-ticket";
import { saveItems } from "@/lib/domain/changes/save-items";
import { createSubtask } from "@/lib/domain/relationships/create-subtask";
import { saveView } from "@/lib/domain/desk/saved-views";
import { createCannedResponse } from "@/lib/domain/canned-responses/create";
import { addColumn } from "@/lib/domain/board/columns";
import { loadColumnPage } from "@/lib/domain/board/board-query";
import { searchLinkTargets } from "@/lib/domain/relationships/search-targets";
import { addCommentSchema, saveItemsSchema, setAssigneesSchema, updateTicketSchema } from "@/lib/validation/ticket";
import { createSubtaskSchema, linkSearchSchema } from "@/lib/validation/relationships";
import { saveViewSchema } from "@/lib/validation/desk-actions";
import { createCannedResponseSchema } from "@/lib/validation/canned-responses";
import { addColumnSchema, loadColumnSchema } from "@/lib/validation/board";
import { DATE_RANGE_MESSAGE, NUL_MESSAGE, SURROGATE_MESSAGE } from "@/lib/validation/text";
import { seededDemo, type Demo } from "@/test/integration/helpers";

// Input PostgreSQL cannot store used to pass the schemas of the real actions and
// fail in the database (22021 for a NUL, 22008 for year 0), which the action
// wrapper reports as INTERNAL. Each case runs the action's schema and domain
// function (as lib/actions/*.ts wire them) on the real database and must come
// back as VALIDATION with the message on the field that carried it — and write nothing.

let demo: Demo;
let supId: string;
let supVersion: number;
let chgDraft: { id: string; version: number };
beforeAll(async () => {
  demo = await seededDemo();
  const sup = await db.ticket.findFirstOrThrow({ where: { organizationId: demo.acme.id, project: { key: "SUP" }, status: "open" }, select: { id: true, version: true } });
  supId = sup.id;
  supVersion = sup.version;
  chgDraft = await db.ticket.findFirstOrThrow({ where: { organizationId: demo.acme.id, project: { key: "CHG" }, status: "draft" }, select: { id: true, version: true } });
});

const action = <S extends z.ZodType, T>(email: string, schema: S, run: (a: Actor, input: z.output<S>) => Promise<T>) =>
  defineAction(async () => demo.actors[email as keyof Demo["actors"]], schema, run);

type Case = [label: string, call: () => Promise<unknown>, field: string, message: string];
const cases: Case[] = [
  ["a reply with a NUL", () => action("agent@acme.test", addCommentSchema, addComment)({ ticketId: supId, body: "Try this:\u0000 reboot" }), "body", NUL_MESSAGE],
  ["a reply with a lone surrogate", () => action("agent@acme.test", addCommentSchema, addComment)({ ticketId: supId, body: "Thanks \uD83D" }), "body", SURROGATE_MESSAGE],
  ["a title with a NUL", () => action("admin@acme.test", updateTicketSchema, updateTicket)({ ticketId: supId, version: supVersion, changes: { title: "Printer\u0000" } }), "changes.title", NUL_MESSAGE],
  ["a due date in year 0", () => action("admin@acme.test", updateTicketSchema, updateTicket)({ ticketId: supId, version: supVersion, changes: { dueDate: "0000-01-01" } }), "changes.dueDate", DATE_RANGE_MESSAGE],
  ["a tag with a NUL", () => action("admin@acme.test", updateTicketSchema, updateTicket)({ ticketId: supId, version: supVersion, changes: { tags: ["vpn\u0000"] } }), "changes.tags.0", NUL_MESSAGE],
  ["deployment notes with a NUL", () => action("admin@acme.test", updateTicketSchema, updateTicket)({ ticketId: chgDraft.id, version: chgDraft.version, changes: { deploymentNotes: "Step 1\u0000" } }), "changes.deploymentNotes", NUL_MESSAGE],
  [
    "a specification value with a NUL",
    () => action("admin@acme.test", saveItemsSchema, saveItems)({ ticketId: chgDraft.id, version: chgDraft.version, items: [{ action: "add", componentType: "ram", quantity: 1, specifications: { size: "16\u0000GB" } }] }),
    "items.0.specifications.size",
    NUL_MESSAGE,
  ],
  ["a subtask title with a NUL", () => action("agent@acme.test", createSubtaskSchema, createSubtask)({ parentId: supId, title: "Order\u0000" }), "title", NUL_MESSAGE],
  ["a saved view's name with a NUL", () => action("agent@acme.test", saveViewSchema, saveView)({ name: "Mine\u0000", query: "status=open" }), "name", NUL_MESSAGE],
  ["a canned response's body with a NUL", () => action("agent@acme.test", createCannedResponseSchema, createCannedResponse)({ title: "Hi", body: "Hello\u0000", scope: "personal" }), "body", NUL_MESSAGE],
  ["a canned response's name with a lone surrogate", () => action("agent@acme.test", createCannedResponseSchema, createCannedResponse)({ title: "Hi \uDE00", body: "Hello", scope: "personal" }), "title", SURROGATE_MESSAGE],
  ["a column name with a NUL", () => action("admin@acme.test", addColumnSchema, addColumn)({ projectKey: "ENG", name: "Review\u0000", category: "in_progress" }), "name", NUL_MESSAGE],
  ["a board search with a NUL", () => action("agent@acme.test", loadColumnSchema, loadColumnPage)({ projectKey: "SUP", column: "open", cursor: "x", filters: { q: "printer\u0000" } }), "filters.q", NUL_MESSAGE],
  ["a link search with a NUL", () => action("agent@acme.test", linkSearchSchema, (a, input) => searchLinkTargets(a, input))({ q: "SUP-1\u0000" }), "q", NUL_MESSAGE],
];

describe("actions refuse what PostgreSQL cannot store, on the field", () => {
  it.each(cases)("%s → VALIDATION on its field, nothing written", async (_label, call, field, message) => {
    vi.spyOn(console, "error").mockImplementation(() => {});
    const before = await Promise.all([db.comment.count(), db.ticket.count(), db.ticketHistory.count(), db.savedView.count(), db.cannedResponse.count(), db.kanbanColumn.count()]);
    const result = (await call()) as { ok: boolean; code?: string; fieldErrors?: Record<string, string[]> };
    expect(result).toMatchObject({ ok: false, code: "VALIDATION" });
    expect(result.fieldErrors?.[field]).toContain(message);
    const after = await Promise.all([db.comment.count(), db.ticket.count(), db.ticketHistory.count(), db.savedView.count(), db.cannedResponse.count(), db.kanbanColumn.count()]);
    expect(after).toEqual(before);
  });

  it("a board cursor whose rank carries a NUL is a field message, not a database error", async () => {
    vi.spyOn(console, "error").mockImplementation(() => {});
    const cursor = Buffer.from(JSON.stringify(["a0\u0000", "0196f5a0-0000-7000-8000-000000000000"])).toString("base64url");
    const result = await action("agent@acme.test", loadColumnSchema, loadColumnPage)({ projectKey: "SUP", column: "open", cursor });
    expect(result).toMatchObject({ ok: false, code: "VALIDATION", fieldErrors: { cursor: [expect.any(String)] } });
  });
});

describe("setAssignees: a primary outside the assignee list", () => {
  it("is refused on primaryId instead of silently becoming the first assignee", async () => {
    const t = await db.ticket.findUniqueOrThrow({ where: { id: supId }, select: { version: true, assigneeId: true } });
    const agent = demo.actors["agent@acme.test"];
    const manager = demo.actors["manager@acme.test"];
    const result = await action("admin@acme.test", setAssigneesSchema, setAssignees)({ ticketId: supId, version: t.version, assigneeIds: [agent.id], primaryId: manager.id });
    expect(result).toMatchObject({ ok: false, code: "VALIDATION", fieldErrors: { primaryId: ["The primary assignee must be one of the assignees"] } });
    const after = await db.ticket.findUniqueOrThrow({ where: { id: supId }, select: { version: true, assigneeId: true } });
    expect(after).toEqual(t);
  });

  it("a primary from the list is still taken", async () => {
    const t = await db.ticket.findUniqueOrThrow({ where: { id: supId }, select: { version: true } });
    const agent = demo.actors["agent@acme.test"];
    const manager = demo.actors["manager@acme.test"];
    const result = await action("admin@acme.test", setAssigneesSchema, setAssignees)({ ticketId: supId, version: t.version, assigneeIds: [agent.id, manager.id], primaryId: manager.id });
    expect(result).toMatchObject({ ok: true });
    expect((await db.ticket.findUniqueOrThrow({ where: { id: supId }, select: { assigneeId: true } })).assigneeId).toBe(manager.id);
  });
});
