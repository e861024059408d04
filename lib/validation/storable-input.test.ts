import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { zodFieldErrors } from "@/lib/errors";
import { DATE_RANGE_MESSAGE, NUL_MESSAGE, SURROGATE_MESSAGE } from "./text";
import { addCommentSchema, createTicketSchema, fulfilItemSchema, saveItemsSchema, setAssigneesSchema, transitionSchema, updateTicketSchema } from "./ticket";
import { editCommentSchema } from "./comments";
import { bulkAddTagSchema, bulkTransitionSchema, saveViewSchema } from "./desk-actions";
import { addColumnSchema, loadColumnSchema, reorderCardSchema, updateColumnSchema } from "./board";
import { createCannedResponseSchema, updateCannedResponseSchema } from "./canned-responses";
import { createSubtaskSchema, linkSearchSchema } from "./relationships";
import { preferencesPatchSchema } from "./preferences";
import { deskQuerySchema } from "./desk";

// What PostgreSQL cannot store — a NUL byte (text and jsonb), a lone UTF-16
// surrogate, a year outside 1900–9999 — is refused by the schema on the very
// field that carried it, as the forms show it (fieldErrors keyed by path),
// never left for the database to fail as an internal error.

const ID = "0196f5a0-0000-7000-8000-000000000000";
const ID2 = "0196f5a0-0000-7000-8000-000000000001";
const item = { action: "add", componentType: "ram", componentRef: "DIMM 2", serial: "SN1", specifications: { size: "16GB" }, quantity: 1, currentValue: "8GB", requestedValue: "16GB" };

/** A valid input per schema, and the path of every text field in it. */
const cases: [string, z.ZodType, Record<string, unknown>, string[]][] = [
  ["createTicket", createTicketSchema, { requestType: "change", title: "Add RAM", description: "Slow", items: [item] }, [
    "title", "description", "items.0.componentRef", "items.0.serial", "items.0.specifications.size", "items.0.currentValue", "items.0.requestedValue",
  ]],
  ["addComment (reply)", addCommentSchema, { ticketId: ID, body: "Thanks, fixed." }, ["body"]],
  ["transition", transitionSchema, { ticketId: ID, to: "rejected", version: 1, reason: "Out of scope" }, ["to", "reason"]],
  ["updateTicket", updateTicketSchema, { ticketId: ID, version: 1, changes: { title: "T", description: "D", deploymentNotes: "Reboot first", tags: ["vpn"] } }, [
    "changes.title", "changes.description", "changes.deploymentNotes", "changes.tags.0",
  ]],
  ["saveItems", saveItemsSchema, { ticketId: ID, version: 1, items: [item] }, ["items.0.componentRef", "items.0.specifications.size", "items.0.requestedValue"]],
  ["fulfilItem", fulfilItemSchema, { ticketId: ID, itemId: ID2, version: 1, fulfilledWith: "Kingston 16GB", notes: "Installed" }, ["fulfilledWith", "notes"]],
  ["editComment", editCommentSchema, { commentId: ID, body: "Edited", version: 1 }, ["body"]],
  ["bulkTransition", bulkTransitionSchema, { ticketIds: [ID], to: "closed", reason: "Done" }, ["reason"]],
  ["bulkAddTag", bulkAddTagSchema, { ticketIds: [ID], tag: "vpn" }, ["tag"]],
  ["saveView", saveViewSchema, { name: "My queue", query: "status=open" }, ["name", "query"]],
  ["addColumn", addColumnSchema, { projectKey: "ENG", name: "Review", category: "in_progress" }, ["name"]],
  ["updateColumn", updateColumnSchema, { columnId: ID, name: "Review" }, ["name"]],
  ["loadColumn", loadColumnSchema, { projectKey: "ENG", column: ID, cursor: "abc", filters: { q: "printer", tag: ["vpn"] } }, ["cursor", "filters.q", "filters.tag.0"]],
  ["createCannedResponse", createCannedResponseSchema, { title: "Greeting", body: "Hello {{requester.name}}", scope: "personal" }, ["title", "body"]],
  ["updateCannedResponse", updateCannedResponseSchema, { id: ID, title: "Greeting", body: "Hello" }, ["title", "body"]],
  ["createSubtask", createSubtaskSchema, { parentId: ID, title: "Order parts", description: "Two fans" }, ["title", "description"]],
  ["linkSearch", linkSearchSchema, { q: "SUP-1" }, ["q"]],
  ["deskQuery", deskQuerySchema, { q: "printer", tag: ["vpn"], cursor: "abc" }, ["q", "tag.0", "cursor"]],
];

function withValue(input: Record<string, unknown>, fieldPath: string, mutate: (v: string) => string): Record<string, unknown> {
  const copy = structuredClone(input);
  const parts = fieldPath.split(".");
  let at: Record<string, unknown> = copy;
  for (const p of parts.slice(0, -1)) at = at[p] as Record<string, unknown>;
  const last = parts[parts.length - 1]!;
  at[last] = mutate(String(at[last]));
  return copy;
}

describe.each(cases)("%s", (_name, schema, valid, fields) => {
  it("accepts the valid input", () => {
    const r = schema.safeParse(valid);
    expect(r.error?.issues).toBeUndefined();
  });
  it.each(fields)("refuses a NUL byte in %s on that field", (field) => {
    const r = schema.safeParse(withValue(valid, field, (v) => `${v}\u0000`));
    expect(r.success).toBe(false);
    expect(zodFieldErrors(r.error!)[field]).toContain(NUL_MESSAGE);
  });
  it.each(fields)("refuses a lone surrogate in %s on that field", (field) => {
    const r = schema.safeParse(withValue(valid, field, (v) => `${v}\uD83D`));
    expect(r.success).toBe(false);
    expect(zodFieldErrors(r.error!)[field]).toContain(SURROGATE_MESSAGE);
  });
});

describe("keys of JSON values (jsonb cannot hold a NUL either)", () => {
  it("a specification's name", () => {
    const r = saveItemsSchema.safeParse({ ticketId: ID, version: 1, items: [{ ...item, specifications: { "si\u0000ze": "16GB" } }] });
    expect(r.success).toBe(false);
    expect(Object.values(zodFieldErrors(r.error!)).flat()).toEqual([NUL_MESSAGE]);
  });
  it("a desk column's name in the preferences", () => {
    const r = preferencesPatchSchema.safeParse({ deskColumns: { visibility: { "title\u0000": true } } });
    expect(r.success).toBe(false);
  });
});

describe("dates PostgreSQL refuses are refused on their field", () => {
  it.each(["dueDate", "startDate", "scheduledAt"])("%s: 0000-01-01", (field) => {
    const r = updateTicketSchema.safeParse({ ticketId: ID, version: 1, changes: { [field]: "0000-01-01" } });
    expect(r.success).toBe(false);
    expect(zodFieldErrors(r.error!)[`changes.${field}`]).toEqual([DATE_RANGE_MESSAGE]);
  });
  it("a datetime in year 0001", () => {
    const r = updateTicketSchema.safeParse({ ticketId: ID, version: 1, changes: { dueDate: "0001-06-01T10:00:00Z" } });
    expect(zodFieldErrors(r.error!)["changes.dueDate"]).toEqual([DATE_RANGE_MESSAGE]);
  });
  it.each(["createdFrom", "createdTo", "updatedFrom", "updatedTo"])("the desk's %s", (field) => {
    const r = deskQuerySchema.safeParse({ [field]: "0000-01-01" });
    expect(zodFieldErrors(r.error!)[field]).toEqual([DATE_RANGE_MESSAGE]);
  });
  it("a sane due date still passes", () => {
    expect(updateTicketSchema.safeParse({ ticketId: ID, version: 1, changes: { dueDate: "2026-12-31", scheduledAt: "2026-12-31T09:00:00+01:00" } }).success).toBe(true);
  });
});

describe("setAssignees: the primary is one of the assignees", () => {
  it("refuses a primaryId outside the list on primaryId", () => {
    const r = setAssigneesSchema.safeParse({ ticketId: ID, version: 1, assigneeIds: [ID], primaryId: ID2 });
    expect(r.success).toBe(false);
    expect(zodFieldErrors(r.error!).primaryId).toEqual(["The primary assignee must be one of the assignees"]);
  });
  it("refuses a primaryId with nobody assigned", () => {
    const r = setAssigneesSchema.safeParse({ ticketId: ID, version: 1, assigneeIds: [], primaryId: ID2 });
    expect(zodFieldErrors(r.error!).primaryId).toBeDefined();
  });
  it.each([
    [{ assigneeIds: [ID, ID2], primaryId: ID2 }],
    [{ assigneeIds: [ID, ID2], primaryId: ID2.toUpperCase() }],
    [{ assigneeIds: [ID], primaryId: null }],
    [{ assigneeIds: [ID] }],
    [{ assigneeIds: [], primaryId: null }],
  ])("accepts %j", (v) => {
    expect(setAssigneesSchema.safeParse({ ticketId: ID, version: 1, ...v }).success).toBe(true);
  });
});

// Anything text-like that reaches reorderCard is an id or a rank: a NUL must still be refused, not cast.
it("reorderCard refuses a NUL in its ids", () => {
  expect(reorderCardSchema.safeParse({ ticketId: ID, column: "open", afterId: `${ID2}\u0000` }).success).toBe(false);
});
