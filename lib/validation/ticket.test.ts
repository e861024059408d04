import { describe, expect, it } from "vitest";
import { addCommentSchema, createTicketSchema, ticketNumberSchema, TITLE_MAX } from "./ticket";

const ok = { requestType: "support", title: "Printer jams", description: "Every morning", priority: "high" };

describe("createTicketSchema", () => {
  it("accepts a plain support request and trims the title", () => {
    const r = createTicketSchema.safeParse({ ...ok, title: "  Printer jams  " });
    expect(r.success && r.data.title).toBe("Printer jams");
  });
  it("leaves priority to the organization's default and defaults description to empty", () => {
    const r = createTicketSchema.parse({ requestType: "support", title: "x" });
    expect(r.priority).toBeUndefined();
    expect(r.description).toBe("");
  });
  it.each([
    ["empty title", { ...ok, title: "" }, "title"],
    ["blank title", { ...ok, title: "   " }, "title"],
    ["10,000-character title", { ...ok, title: "x".repeat(10_000) }, "title"],
    ["unknown priority", { ...ok, priority: "urgent" }, "priority"],
    ["unknown request type", { ...ok, requestType: "kanban" }, "requestType"],
    ["lower-case project key", { title: "x", projectKey: "sup" }, "projectKey"],
    ["no project at all", { title: "x" }, "requestType"],
  ])("refuses %s on the right field", (_label, input, field) => {
    const r = createTicketSchema.safeParse(input);
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => i.path[0])).toContain(field);
  });
  it("accepts a title of exactly the maximum length", () => {
    expect(createTicketSchema.safeParse({ ...ok, title: "x".repeat(TITLE_MAX) }).success).toBe(true);
  });
  it("refuses fields a requester may not set (no mass assignment)", () => {
    for (const extra of [{ status: "closed" }, { organizationId: "x" }, { requesterId: "x" }]) {
      const r = createTicketSchema.safeParse({ ...ok, ...extra });
      expect(r.success).toBe(false);
      expect(r.error!.issues[0].code).toBe("unrecognized_keys");
    }
  });
});

describe("addCommentSchema", () => {
  const id = "0196f5a0-0000-7000-8000-000000000000";
  it("accepts a reply and defaults internal to false", () => {
    expect(addCommentSchema.parse({ ticketId: id, body: "Hi" }).internal).toBe(false);
  });
  it.each([
    [{ ticketId: id, body: "  " }, "body"],
    [{ ticketId: "SUP-1", body: "x" }, "ticketId"],
    [{ ticketId: id, body: "x", internal: "yes" }, "internal"],
  ])("refuses %j", (input, field) => {
    const r = addCommentSchema.safeParse(input);
    expect(r.success).toBe(false);
    expect(r.error!.issues[0].path[0]).toBe(field);
  });
});

describe("ticketNumberSchema", () => {
  it.each(["SUP-1", "ENG-12345", "TKT-20261122-0001", "TKT-20261122-10000"])("accepts %s", (n) => {
    expect(ticketNumberSchema.safeParse(n).success).toBe(true);
  });
  it.each(["sup-1", "SUP-", "S-1", "TKT-2026-0001", "../etc", "SUP-1;drop"])("refuses %s", (n) => {
    expect(ticketNumberSchema.safeParse(n).success).toBe(false);
  });
});
