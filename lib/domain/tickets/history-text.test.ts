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
      "Maria Manager changed priority from Normal to High",
    );
  });

  it("shows labels, days, times in the viewer's zone and durations, never codes or ISO instants", () => {
    const change = (field: string, oldValue: string | null, newValue: string | null) => row({ action: "field_change", field, oldValue, newValue });
    expect(describeHistory(change("dueDate", null, "2026-12-05T00:00:00.000Z"))).toBe("Maria Manager changed the due date from nothing to 5 Dec 2026");
    expect(describeHistory(change("startDate", "2026-01-31T00:00:00.000Z", null))).toBe("Maria Manager changed the start date from 31 Jan 2026 to nothing");
    expect(describeHistory(change("scheduledAt", null, "2026-12-05T13:30:00.000Z"), { timeZone: "Europe/Berlin" })).toBe(
      "Maria Manager changed the scheduled date from nothing to 2026-12-05 14:30 CET",
    );
    expect(describeHistory(change("scheduledAt", null, "2026-12-05T13:30:00.000Z"))).toBe("Maria Manager changed the scheduled date from nothing to 2026-12-05 13:30 UTC");
    expect(describeHistory(change("estimatedMinutes", "45", "90"))).toBe("Maria Manager changed the estimated duration from 45 min to 1 h 30 min");
    expect(describeHistory(change("urgency", null, "high"))).toBe("Maria Manager changed urgency from nothing to High");
    expect(describeHistory(change("importance", "low", "critical"))).toBe("Maria Manager changed importance from Low to Critical");
    expect(describeHistory(change("type", "incident", "problem"))).toBe("Maria Manager changed type from Incident to Problem");
    // A code no label knows (an old row) is shown as it is rather than lost.
    expect(describeHistory(change("priority", "urgent", "low"))).toBe("Maria Manager changed priority from urgent to Low");
    expect(describeHistory(row({ action: "sla_breached", field: "first_response" }))).toBe("The first response target was breached");
    expect(describeHistory(row({ action: "sla_breached", field: "resolution" }))).toBe("The resolution target was breached");
    expect(describeHistory(row({ action: "sla_breached", field: null }))).toBe("The service-level target was breached");
  });

  it("names long texts and ids without quoting them", () => {
    const id = "0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b";
    expect(describeHistory(row({ action: "field_change", field: "description", oldValue: "a".repeat(500), newValue: "b" }))).toBe("Maria Manager changed the description");
    expect(describeHistory(row({ action: "field_change", field: "deploymentNotes", oldValue: null, newValue: "Reboot after" }))).toBe("Maria Manager changed the deployment notes");
    expect(describeHistory(row({ action: "field_change", field: "reviewerId", oldValue: null, newValue: id }))).toBe("Maria Manager changed the final reviewer");
    expect(describeHistory(row({ action: "field_change", field: "assetId", oldValue: id, newValue: null }))).toBe("Maria Manager changed the target asset");
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
