import { describe, expect, it } from "vitest";
import { csvLine } from "@/lib/domain/desk/csv";
import { parseCsv } from "@/test/csv-parse";
import { entityOf, summarizeData, type EntityLookups } from "./describe";
import { auditCells, AUDIT_EXPORT_COLUMNS } from "./csv-row";

const none: EntityLookups = { tickets: new Map(), users: new Map(), assets: new Map() };

describe("audit row summary", () => {
  it("shows only what changed between old and new", () => {
    expect(summarizeData({ old: { name: "db-01", location: null, kind: "server" }, new: { name: "db-02", location: "Rack B", kind: "server" } })).toBe("name: db-01 → db-02; location: — → Rack B");
  });
  it("reads creations, removals and slot changes with labels, never codes", () => {
    expect(summarizeData({ assetTag: "SRV-1", new: { type: "gpu", reference: "NVIDIA L4", serial: null, quantity: 1 } })).toBe("type: Graphics card (GPU); reference: NVIDIA L4; quantity: 1");
    expect(summarizeData({ new: { name: "db-01", kind: "server" } })).toBe("name: db-01; kind: Server");
    expect(summarizeData({ old: { type: "ram", reference: "DIMM", quantity: 2 } })).toBe("removed type: Memory (RAM), reference: DIMM, quantity: 2");
    expect(summarizeData({ old: { slotCapacities: { ram: 16, cpu: 2 } }, new: { slotCapacities: { ram: 24, cpu: 2, gpu: 1 } } })).toBe("Memory (RAM) slots: 16 → 24; Graphics card (GPU) slots: — → 1");
  });
  it("reads other shapes as facts, codes as words, and hides identifiers", () => {
    expect(summarizeData({ email: "ann@acme.test", reason: "wrong_password", sessionId: "x" })).toBe("email: ann@acme.test; reason: wrong password");
    expect(summarizeData({ project: "ENG", from: 1, to: 3 })).toBe("1 → 3; project: ENG");
    expect(summarizeData({ action: "auth.sign_in", rows: 3, complete: true })).toBe("action: Signed in; rows: 3; complete: true");
    expect(summarizeData({})).toBe("");
    expect(summarizeData(null)).toBe("");
    expect(summarizeData({ note: "x".repeat(500) }).length).toBeLessThanOrEqual(240);
  });
});

describe("audit row entity", () => {
  const lookups: EntityLookups = { tickets: new Map([["t1", "SUP-12"]]), users: new Map([["u1", "Ann Agent"]]), assets: new Map([["a1", "SRV-001 · db-prod-01"]]) };
  it("links tickets, users, assets, files and board columns where they exist", () => {
    expect(entityOf({ entityType: "ticket", entityId: "t1", data: {} }, lookups)).toEqual({ kind: "Ticket", label: "SUP-12", href: "/tickets/SUP-12" });
    expect(entityOf({ entityType: "ticket", entityId: "gone", data: { number: "SUP-9" } }, lookups)).toEqual({ kind: "Ticket", label: "SUP-9", href: null });
    expect(entityOf({ entityType: "user", entityId: "u1", data: {} }, lookups)?.href).toBe("/admin/users?q=Ann%20Agent");
    expect(entityOf({ entityType: "asset", entityId: "a1", data: {} }, lookups)).toEqual({ kind: "Asset", label: "SRV-001 · db-prod-01", href: "/admin/assets/a1" });
    expect(entityOf({ entityType: "attachment", entityId: "f", data: { name: "log.txt", ticket: "SUP-3" } }, none)).toEqual({ kind: "File", label: "log.txt on SUP-3", href: "/tickets/SUP-3" });
    expect(entityOf({ entityType: "KanbanColumn", entityId: "c", data: { name: "Review", project: "ENG" } }, none)).toEqual({ kind: "Board column", label: "Review (ENG)", href: "/board/ENG" });
    expect(entityOf({ entityType: null, entityId: null, data: {} }, none)).toBeNull();
  });

  it("names customers and contacts as the row recorded them, with a search on /admin/contacts", () => {
    expect(entityOf({ entityType: "Customer", entityId: "c", data: { old: {}, new: { name: "Initech", domains: [] } } }, none)).toEqual({ kind: "Customer", label: "Initech", href: "/admin/contacts?cq=Initech" });
    expect(entityOf({ entityType: "Customer", entityId: "c", data: { customer: "Initech", old: { notes: "" }, new: { notes: "x" } } }, none)?.label).toBe("Initech");
    expect(entityOf({ entityType: "Contact", entityId: "k", data: { old: { name: "Rita R" }, new: {} } }, none)).toEqual({ kind: "Contact", label: "Rita R", href: "/admin/contacts?q=Rita%20R" });
    // The edit's own name key is not repeated in the summary; what changed is.
    expect(summarizeData({ contact: "Rita R", old: { title: null }, new: { title: "Office manager" } })).toBe("title: — → Office manager");
  });
});

describe("audit CSV cells", () => {
  const row = {
    createdAt: new Date("2026-12-01T10:00:00.000Z"),
    action: "tag.created",
    actorId: "u1",
    actorName: "=cmd|' /C calc'!A0",
    entityType: "tag",
    entityId: "t",
    data: { name: "+SUM(1,2)", note: 'say "hi",\nthen go' },
    ip: "-1",
    userAgent: "@agent",
  };
  it("guard every text cell that starts like a formula, and quote what needs quoting", () => {
    const text = csvLine(AUDIT_EXPORT_COLUMNS) + csvLine(auditCells(row, none));
    const [header, cells] = parseCsv(text);
    expect(header).toEqual([...AUDIT_EXPORT_COLUMNS]);
    const cell = (c: (typeof AUDIT_EXPORT_COLUMNS)[number]) => cells![AUDIT_EXPORT_COLUMNS.indexOf(c)]!;
    expect(cell("time")).toBe("2026-12-01T10:00:00.000Z");
    expect(cell("action")).toBe("Tag created");
    expect(cell("actor")).toBe("'=cmd|' /C calc'!A0");
    expect(cell("entity")).toBe("'+SUM(1,2)");
    expect(cell("ip")).toBe("'-1");
    expect(cell("user_agent")).toBe("'@agent");
    expect(cell("summary")).toBe('name: +SUM(1,2); note: say "hi",\nthen go');
    expect(JSON.parse(cell("data"))).toEqual(row.data);
  });
  it("name a row without an actor System", () => {
    expect(auditCells({ ...row, actorId: null, actorName: null }, none)[3]).toBe("System");
  });
});
