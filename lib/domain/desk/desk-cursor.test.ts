import { describe, expect, it } from "vitest";
import { decodeDeskCursor, decodeWalkCursor, encodeDeskCursor, type DeskRow } from "./desk-query";

// The desk's cursors (issue 14's sorts beside the others): what encode writes,
// decode reads back; anything else is no cursor (the first page), never a 500.

const row: DeskRow = {
  id: "0196f5a0-0000-7000-8000-000000000001",
  number: "SUP-7",
  title: "Printer",
  status: "on_hold",
  priority: "high",
  updatedAt: new Date("2026-11-30T10:00:00.123Z"),
  createdAt: new Date("2026-11-29T10:00:00.000Z"),
  seq: 7,
  projectKey: "SUP",
  requesterId: "0196f5a0-0000-7000-8000-0000000000aa",
  requesterName: "Rita Requester",
  assigneeId: null,
  assigneeName: null,
  slaDueAt: null,
};
const raw = (parts: unknown[]) => Buffer.from(JSON.stringify(parts)).toString("base64url");

describe("desk cursors", () => {
  it("round-trip the walk sorts: the row's status or person, updatedAt and id", () => {
    expect(decodeWalkCursor("status", encodeDeskCursor("status", row))).toEqual({ value: "on_hold", updatedAt: "2026-11-30T10:00:00.123Z", id: row.id });
    expect(decodeWalkCursor("requester", encodeDeskCursor("requester", row))).toEqual({ value: row.requesterId, updatedAt: "2026-11-30T10:00:00.123Z", id: row.id });
    // Unassigned is a position too (the group after every name ascending).
    expect(decodeWalkCursor("assignee", encodeDeskCursor("assignee", row))).toEqual({ value: null, updatedAt: "2026-11-30T10:00:00.123Z", id: row.id });
    const assigned = { ...row, assigneeId: "0196f5a0-0000-7000-8000-0000000000bb", assigneeName: "Sam Agent" };
    expect(decodeWalkCursor("assignee", encodeDeskCursor("assignee", assigned))?.value).toBe(assigned.assigneeId);
  });

  it("never carries a name (it would outgrow the URL's cursor limit, and a forged one is no position)", () => {
    const long = { ...row, requesterName: "R".repeat(100) };
    expect(encodeDeskCursor("requester", long).length).toBeLessThanOrEqual(300);
    expect(Buffer.from(encodeDeskCursor("requester", long), "base64url").toString()).not.toContain("RRR");
  });

  it("reads nothing it did not write: another sort's cursor, a bad value, a wrong length, not JSON", () => {
    const bad = [
      encodeDeskCursor("requester", row), // another sort
      raw(["status", "sleeping", "2026-11-30T10:00:00.123Z", row.id]),
      raw(["status", "open", "yesterday", row.id]),
      raw(["status", "open", "2026-11-30T10:00:00.123Z", "1"]),
      raw(["status", "open", "2026-11-30T10:00:00.123Z"]),
      raw(["status", "open", "2026-11-30T10:00:00.123Z", row.id, "extra"]),
      raw(["status", { open: true }, "2026-11-30T10:00:00.123Z", row.id]),
      "%%%not base64",
      raw({ status: "open" } as unknown as unknown[]),
      "",
      undefined,
    ];
    for (const c of bad) expect(decodeWalkCursor("status", c), String(c)).toBeNull();
    // A requester is always someone; only the assignee sort has an unassigned position.
    expect(decodeWalkCursor("requester", raw(["requester", null, "2026-11-30T10:00:00.123Z", row.id]))).toBeNull();
    expect(decodeWalkCursor("assignee", raw(["assignee", "not-a-uuid", "2026-11-30T10:00:00.123Z", row.id]))).toBeNull();
    // The other sorts are unchanged.
    expect(decodeDeskCursor("priority", encodeDeskCursor("priority", row))).toEqual(["high", "2026-11-30T10:00:00.123Z", row.id]);
    expect(decodeDeskCursor("updated", encodeDeskCursor("status", row))).toBeNull();
  });
});
