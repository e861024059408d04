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

describe("tag names and colours", () => {
  it("one name rule for the ticket page, bulk tagging and /admin/tags: trimmed, lower-case", async () => {
    const { tagNameSchema, createTagSchema } = await import("./tags");
    const { ticketChangesSchema } = await import("./ticket");
    expect(tagNameSchema.parse("  VPN Issues ")).toBe("vpn issues");
    expect(ticketChangesSchema.parse({ tags: ["  VPN Issues "] }).tags).toEqual(["vpn issues"]);
    for (const bad of ["", "-x", "a".repeat(51), "ünïcode"]) expect(tagNameSchema.safeParse(bad).success, bad).toBe(false);
    expect(createTagSchema.parse({ name: "Net", color: "#A1B2C3" })).toEqual({ name: "net", color: "#a1b2c3", description: "" });
    for (const color of ["red", "#abc", "#abcdefg", "a1b2c3"]) expect(createTagSchema.safeParse({ name: "net", color }).success, color).toBe(false);
  });
});
