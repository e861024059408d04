import { describe, expect, it } from "vitest";
import { assetSearchUrl, cannedResponseSearchUrl, peopleSearchUrl, tagSearchUrl } from "./use-remote-search";

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

describe("tagSearchUrl", () => {
  it("asks for tags with the trimmed query, at most 50 characters (a tag's length)", () => {
    expect(tagSearchUrl(" vp ")).toBe("/api/tags/search?q=vp");
    expect(tagSearchUrl("")).toBe("/api/tags/search");
    expect(new URL(tagSearchUrl("x".repeat(80)), "http://h").searchParams.get("q")).toHaveLength(50);
  });
});

describe("assetSearchUrl", () => {
  it("asks for assets with the trimmed query, at most 100 characters", () => {
    expect(assetSearchUrl(" srv ")).toBe("/api/assets/search?q=srv");
    expect(assetSearchUrl("")).toBe("/api/assets/search");
    expect(new URL(assetSearchUrl("x".repeat(150)), "http://h").searchParams.get("q")).toHaveLength(100);
  });
});

describe("cannedResponseSearchUrl", () => {
  it("asks for responses with the trimmed query, at most 100 characters (a title's length)", () => {
    expect(cannedResponseSearchUrl(" greet ")).toBe("/api/canned-responses/search?q=greet");
    expect(cannedResponseSearchUrl("")).toBe("/api/canned-responses/search");
    expect(new URL(cannedResponseSearchUrl("x".repeat(150)), "http://h").searchParams.get("q")).toHaveLength(100);
  });
});
