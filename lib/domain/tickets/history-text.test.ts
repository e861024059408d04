import { describe, expect, it } from "vitest";
import { describeHistory, type HistoryLike } from "./history-text";

const row = (over: Partial<HistoryLike>): HistoryLike => ({
  action: "created",
  field: null,
  oldValue: null,
  newValue: null,
  comment: null,
  internal: false,
  actor: { name: "Maria Manager" },
  ...over,
});

describe("describeHistory", () => {
  it("reads like a story", () => {
    expect(describeHistory(row({ action: "approved" }))).toBe("Maria Manager approved");
    expect(describeHistory(row({ action: "status_change", oldValue: "open", newValue: "answered" }))).toBe(
      "Maria Manager changed the status from Open to Answered",
    );
    expect(describeHistory(row({ action: "field_change", field: "firstResponseAt", newValue: "2026-01-01T00:00:00Z" }))).toBe(
      "Maria Manager sent the first response",
    );
    expect(describeHistory(row({ action: "field_change", field: "priority", oldValue: "normal", newValue: "high" }))).toBe(
      "Maria Manager changed priority from normal to high",
    );
  });
  it("names solution marks without printing comment ids", () => {
    const id = "0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b";
    expect(describeHistory(row({ action: "field_change", field: "solution", newValue: id }))).toBe("Maria Manager marked a reply as the solution");
    expect(describeHistory(row({ action: "field_change", field: "solution", oldValue: id, newValue: null }))).toBe("Maria Manager unmarked the solution");
    expect(describeHistory(row({ action: "comment_edited", newValue: id }))).not.toContain(id);
  });

  it("says who did it, or the system", () => {
    expect(describeHistory(row({ actor: null }))).toBe("The system created the ticket");
  });
  it("tells internal notes apart from replies", () => {
    expect(describeHistory(row({ action: "comment_added", internal: true }))).toBe("Maria Manager added an internal note");
    expect(describeHistory(row({ action: "comment_added" }))).toBe("Maria Manager replied");
  });
  it("tells how a ticket moved between teams, and who accepted it for one", () => {
    expect(describeHistory(row({ action: "field_change", field: "team", oldValue: null, newValue: "Service desk" }))).toBe("Maria Manager gave the ticket to Service desk team");
    expect(describeHistory(row({ action: "field_change", field: "team", oldValue: "Service desk", newValue: "Network" }))).toBe("Maria Manager transferred the ticket to Network team");
    // A name that already says "team" is not doubled.
    expect(describeHistory(row({ action: "field_change", field: "team", oldValue: "Service desk", newValue: "Network team" }))).toBe("Maria Manager transferred the ticket to Network team");
    expect(describeHistory(row({ action: "field_change", field: "team", oldValue: "Network", newValue: null }))).toBe("Maria Manager took the ticket from Network team");
    expect(describeHistory(row({ action: "accepted", newValue: "Infrastructure" }))).toBe("Maria Manager accepted the ticket for Infrastructure team");
    expect(describeHistory(row({ action: "accepted" }))).toBe("Maria Manager accepted the ticket");
  });
});
