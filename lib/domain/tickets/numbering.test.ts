import { describe, expect, it } from "vitest";
import { formatNumber, utcDay } from "./numbering";
import { decodeCursor, encodeCursor } from "./queries";

describe("ticket numbers", () => {
  it("formats KEY-N", () => {
    expect(formatNumber("key_sequence", "SUP", 42, new Date())).toBe("SUP-42");
  });
  it("formats TKT-YYYYMMDD-NNNN on the UTC day and widens past 9999", () => {
    const late = new Date("2026-11-22T23:59:59.999Z");
    expect(utcDay(late)).toBe("20261122");
    expect(utcDay(new Date("2026-11-23T00:00:00.000Z"))).toBe("20261123");
    expect(formatNumber("dated", "CHG", 7, late)).toBe("TKT-20261122-0007");
    expect(formatNumber("dated", "CHG", 10000, late)).toBe("TKT-20261122-10000");
  });
});

describe("desk cursors", () => {
  it("round-trip", () => {
    const c = { updatedAt: new Date("2026-11-22T10:00:00.123Z"), id: "0196f5a0-0000-7000-8000-000000000000" };
    expect(decodeCursor(encodeCursor(c))).toEqual(c);
  });
  it.each(["", "garbage", Buffer.from("not-a-date|x").toString("base64url"), Buffer.from("2026-01-01T00:00:00Z|' OR 1=1").toString("base64url")])(
    "reject tampered input %j",
    (raw) => {
      expect(decodeCursor(raw)).toBeNull();
    },
  );
});
