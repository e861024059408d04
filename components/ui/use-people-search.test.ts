import { describe, expect, it } from "vitest";
import { peopleSearchUrl } from "./use-people-search";

describe("peopleSearchUrl", () => {
  it("asks for staff with the trimmed query", () => {
    expect(peopleSearchUrl("  Maria ")).toBe("/api/staff/search?q=Maria");
    expect(peopleSearchUrl("")).toBe("/api/staff/search");
  });
  it("asks who may be mentioned on a ticket", () => {
    expect(peopleSearchUrl("ad", { ticketId: "t-1", limit: 8 })).toBe("/api/staff/search?q=ad&for=mention&ticket=t-1&limit=8");
  });
  it("encodes what was typed and keeps it within the server's length", () => {
    expect(peopleSearchUrl("a&b=c")).toBe("/api/staff/search?q=a%26b%3Dc");
    expect(new URL(peopleSearchUrl("x".repeat(150)), "http://h").searchParams.get("q")).toHaveLength(100);
  });
});
