import { describe, expect, it } from "vitest";
import { tagSearchSchema } from "./tags";
import { NUL_MESSAGE } from "./text";

describe("tagSearchSchema", () => {
  it("trims and lower-cases the query (tags are stored lower-case)", () => {
    expect(tagSearchSchema.parse({ q: "  VPN " })).toEqual({ q: "vpn" });
    expect(tagSearchSchema.parse({})).toEqual({ q: "" });
  });
  it("refuses a NUL and more than a tag's length, with a sentence", () => {
    expect(tagSearchSchema.safeParse({ q: "a\u0000" }).error?.issues[0]?.message).toBe(NUL_MESSAGE);
    expect(tagSearchSchema.safeParse({ q: "x".repeat(51) }).error?.issues[0]?.message).toMatch(/at most 50/);
  });
});
