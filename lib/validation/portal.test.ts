import { describe, expect, it } from "vitest";
import { NUL_MESSAGE } from "./text";
import { readPortalQuery } from "./portal";

describe("readPortalQuery", () => {
  it("keeps valid filters, trims the search and drops empty ones", () => {
    expect(readPortalQuery({ q: "  printer ", state: "open" })).toEqual({ query: { q: "printer", state: "open" }, errors: {} });
    expect(readPortalQuery({ q: "", state: "" })).toEqual({ query: {}, errors: {} });
    expect(readPortalQuery({ q: ["vpn", "x"], state: ["closed", "open"] }).query).toEqual({ q: "vpn", state: "closed" });
  });
  it("refuses what cannot be a filter, with a message, and keeps the rest", () => {
    const bad = readPortalQuery({ q: "a\u0000b", state: "closed" });
    expect(bad.query).toEqual({ state: "closed" });
    expect(bad.errors.q).toBe(NUL_MESSAGE);
    expect(readPortalQuery({ q: "x".repeat(201) }).errors.q).toMatch(/200/);
    expect(readPortalQuery({ state: "deleted" }).errors.state).toBe("Choose open or closed requests");
  });
});
