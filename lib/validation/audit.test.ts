import { describe, expect, it } from "vitest";
import { auditRange, decodeAuditCursor, encodeAuditCursor, isTimeZone, readAuditQuery, startOfDayIn } from "./audit";

describe("audit filter days in the viewer's time zone", () => {
  it("starts a day at local midnight, across DST changes too", () => {
    expect(startOfDayIn("2026-12-01", "UTC").toISOString()).toBe("2026-12-01T00:00:00.000Z");
    expect(startOfDayIn("2026-12-01", "Europe/Berlin").toISOString()).toBe("2026-11-30T23:00:00.000Z");
    expect(startOfDayIn("2026-07-01", "Europe/Berlin").toISOString()).toBe("2026-06-30T22:00:00.000Z");
    expect(startOfDayIn("2026-03-29", "Europe/Berlin").toISOString()).toBe("2026-03-28T23:00:00.000Z");
    expect(startOfDayIn("2026-03-30", "Europe/Berlin").toISOString()).toBe("2026-03-29T22:00:00.000Z");
    expect(startOfDayIn("2026-12-01", "America/New_York").toISOString()).toBe("2026-12-01T05:00:00.000Z");
    expect(startOfDayIn("2026-12-01", "Asia/Kolkata").toISOString()).toBe("2026-11-30T18:30:00.000Z");
  });
  it("takes 'to' as the whole day", () => {
    const r = auditRange({ from: "2026-12-01", to: "2026-12-01", tz: "Asia/Tokyo" });
    expect(r.since?.toISOString()).toBe("2026-11-30T15:00:00.000Z");
    expect(r.until?.toISOString()).toBe("2026-12-01T15:00:00.000Z");
    expect(auditRange({ tz: "UTC" })).toEqual({ since: null, until: null });
  });
  it("knows time zones and refuses others", () => {
    expect(isTimeZone("Europe/Berlin")).toBe(true);
    expect(isTimeZone("Mars/Olympus")).toBe(false);
    expect(isTimeZone("")).toBe(false);
  });
});

describe("audit query string", () => {
  it("keeps valid fields and says what it refused", () => {
    const { query, refused } = readAuditQuery(new URLSearchParams({ action: "auth.sign_in", actor: "nope", from: "2026-13-01", tz: "Europe/Berlin" }));
    expect(query).toMatchObject({ action: "auth.sign_in", tz: "Europe/Berlin" });
    expect(query.actor).toBeUndefined();
    expect(Object.keys(refused).sort()).toEqual(["actor", "from"]);
    expect(readAuditQuery(new URLSearchParams({ from: "2026-12-02", to: "2026-12-01" })).refused.to).toEqual(["The end date is before the start date"]);
    expect(readAuditQuery(new URLSearchParams({ action: "DROP TABLE" })).refused.action).toBeDefined();
  });
  it("reads back only cursors it wrote", () => {
    const c = { createdAt: new Date("2026-12-01T10:00:00.000Z"), id: "0193a1b2-0000-7000-8000-000000000001" };
    expect(decodeAuditCursor(encodeAuditCursor(c))).toEqual({ createdAt: "2026-12-01T10:00:00.000Z", id: c.id });
    expect(decodeAuditCursor("2026-12-01T10:00:00.000Z_not-a-uuid")).toBeNull();
    expect(decodeAuditCursor("x")).toBeNull();
    expect(decodeAuditCursor(undefined)).toBeNull();
  });
});
