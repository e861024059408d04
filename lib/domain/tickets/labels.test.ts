import { describe, expect, it } from "vitest";
import { formatMinutes, labelOf, PRIORITY_LABELS } from "./labels";

describe("formatMinutes", () => {
  it("says durations as people do", () => {
    expect(formatMinutes(0)).toBe("0 min");
    expect(formatMinutes(45)).toBe("45 min");
    expect(formatMinutes(60)).toBe("1 h");
    expect(formatMinutes(90)).toBe("1 h 30 min");
    expect(formatMinutes(1440)).toBe("1 d");
    expect(formatMinutes(1440 * 2 + 240 + 5)).toBe("2 d 4 h 5 min");
  });
});

describe("labelOf", () => {
  it("labels known codes and keeps unknown ones", () => {
    expect(labelOf(PRIORITY_LABELS, "critical")).toBe("Critical");
    expect(labelOf(PRIORITY_LABELS, "toString")).toBe("toString");
  });
});
