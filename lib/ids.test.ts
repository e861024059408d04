import { describe, expect, it } from "vitest";
import { uuidv7, uuidv7Time } from "./ids";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe("uuidv7", () => {
  it("has version 7 and the RFC variant", () => {
    for (let i = 0; i < 200; i++) expect(uuidv7()).toMatch(UUID);
  });

  it("carries its millisecond timestamp, including the high bytes", () => {
    const at = Date.UTC(2026, 10, 22, 7, 59, 3, 123);
    expect(uuidv7Time(uuidv7(at))).toBe(at);
    expect(uuidv7Time(uuidv7(2 ** 48 - 1))).toBe(2 ** 48 - 1);
    expect(uuidv7(0).startsWith("00000000-0000-7")).toBe(true);
  });

  it("sorts by time across milliseconds (B-tree locality)", () => {
    const ids = [1, 2, 300, 70_000, 2 ** 33].map((dt) => uuidv7(1_700_000_000_000 + dt));
    expect([...ids].sort()).toEqual(ids);
  });

  it("does not repeat within one millisecond", () => {
    const at = Date.now();
    const ids = new Set(Array.from({ length: 10_000 }, () => uuidv7(at)));
    expect(ids.size).toBe(10_000);
  });
});
