import { describe, expect, it } from "vitest";
import { staffSearchSchema, STAFF_SEARCH_LIMIT } from "./staff";
import { NUL_MESSAGE } from "./text";

const issue = (raw: unknown) => {
  const r = staffSearchSchema.safeParse(raw);
  return r.success ? null : r.error.issues[0]!.message;
};

describe("staffSearchSchema", () => {
  it("defaults to staff, an empty query and the largest page", () => {
    expect(staffSearchSchema.parse({})).toEqual({ q: "", for: "staff", limit: STAFF_SEARCH_LIMIT });
  });
  it("reads the limit from a query string and trims the query", () => {
    expect(staffSearchSchema.parse({ q: "  ma ", limit: "5" })).toMatchObject({ q: "ma", limit: 5 });
  });
  it("never allows more than the limit, nor a fraction, zero or words", () => {
    expect(issue({ limit: "21" })).toMatch(/at most 20/);
    expect(issue({ limit: "2.5" })).toMatch(/whole/);
    expect(issue({ limit: "0" })).toMatch(/at least 1/);
    expect(issue({ limit: "many" })).toMatch(/number/);
  });
  it("refuses text PostgreSQL cannot hold, an unknown picker and a malformed ticket id, each with a sentence", () => {
    expect(issue({ q: "ma\u0000" })).toBe(NUL_MESSAGE);
    expect(issue({ for: "everyone" })).toBe("Unknown picker");
    expect(issue({ for: "mention", ticket: "-".repeat(36) })).toBe("Not a ticket id");
  });
});
