import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { DATE_RANGE_MESSAGE, isoDay, isoDayOrDateTime, NUL_MESSAGE, SURROGATE_MESSAGE, text, unstorableText } from "./text";

describe("text()", () => {
  it.each([
    ["a NUL byte", "a\u0000b", NUL_MESSAGE],
    ["a lone high surrogate", "smile \uD83D please", SURROGATE_MESSAGE],
    ["a lone low surrogate", "\uDE00 at the start", SURROGATE_MESSAGE],
    ["a high surrogate at the very end", "end \uD83D", SURROGATE_MESSAGE],
  ])("refuses %s with a sentence", (_label, value, message) => {
    const r = text().safeParse(value);
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => i.message)).toEqual([message]);
  });
  it.each(["plain", "emoji 😀 pairs", "ünïcödé", "tab\tand\nnewline", ""])("accepts %j", (value) => {
    expect(unstorableText(value)).toBeNull();
    expect(text().safeParse(value).success).toBe(true);
  });
  it("chains like z.string(): trim, min and max still apply after the refinement", () => {
    const s = text().trim().min(1, "Required").max(3, "Too long");
    expect(s.parse("  ab ")).toBe("ab");
    expect(s.safeParse("   ").error!.issues[0]!.message).toBe("Required");
    expect(s.safeParse("abcd").error!.issues[0]!.message).toBe("Too long");
  });
});

describe("isoDay / isoDayOrDateTime", () => {
  it.each(["0000-01-01", "1899-12-31", "0001-01-01T00:00:00Z"])("refuses %s with the range message", (value) => {
    const r = isoDayOrDateTime().safeParse(value);
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => i.message)).toContain(DATE_RANGE_MESSAGE);
  });
  it.each(["1900-01-01", "2026-05-31", "9999-12-31", "2026-05-31T10:00:00+02:00"])("accepts %s", (value) => {
    expect(isoDayOrDateTime().safeParse(value).success).toBe(true);
  });
  it("a day is a day", () => {
    expect(isoDay().safeParse("2026-02-30").success).toBe(false);
    expect(isoDay().safeParse("0000-01-01").error!.issues[0]!.message).toBe(DATE_RANGE_MESSAGE);
  });
});

// A new schema cannot forget the rule: every string and ISO date in lib/validation is built by text.ts.
describe("lib/validation builds every string through text.ts", () => {
  const dir = path.dirname(new URL(import.meta.url).pathname);
  const files = readdirSync(dir).filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts") && f !== "text.ts");
  it("looks at the schema files", () => expect(files.length).toBeGreaterThanOrEqual(9));
  it.each(files)("%s never calls z.string() or z.iso directly", (file) => {
    const source = readFileSync(path.join(dir, file), "utf8");
    expect(source.match(/z\s*\.\s*(string|iso)\b/g) ?? []).toEqual([]);
  });
});
