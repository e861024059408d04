import { describe, expect, it } from "vitest";
import { formatDateTime, zoneLabel } from "./dates";

describe("formatDateTime", () => {
  const at = new Date("2026-12-01T23:30:00Z");
  it("formats an instant in the given zone, whatever the machine's", () => {
    expect(formatDateTime(at, "UTC")).toBe("2026-12-01 23:30");
    expect(formatDateTime(at, "Europe/Paris")).toBe("2026-12-02 00:30");
    expect(formatDateTime(at, "America/New_York")).toBe("2026-12-01 18:30");
    expect(formatDateTime(new Date("2026-07-01T12:00:00Z"), "Europe/Paris")).toBe("2026-07-01 14:00");
  });
  it("reads an unknown zone as UTC rather than failing", () => {
    expect(formatDateTime(at, "Mars/Olympus")).toBe("2026-12-01 23:30");
    expect(zoneLabel(at, "Mars/Olympus")).toBe("UTC");
  });
  it("names the zone for titles", () => {
    expect(zoneLabel(at, "UTC")).toBe("UTC");
  });
});
