import { describe, expect, it } from "vitest";
import { findTrigger, rankCandidates } from "./mention-autocomplete";

const staff = [
  { id: "1", name: "Ada Admin" },
  { id: "2", name: "Maria Manager" },
  { id: "3", name: "Sam Agent" },
  { id: "4", name: "Adam Mars" },
];

describe("mention autocomplete", () => {
  it("opens on @ at the start or after a space, with what follows as the query", () => {
    expect(findTrigger("@", 1)).toEqual({ start: 0, query: "" });
    expect(findTrigger("cc @ma", 6)).toEqual({ start: 3, query: "ma" });
    expect(findTrigger("cc @ma and more", 6)).toEqual({ start: 3, query: "ma" });
  });

  it("stays closed inside e-mail addresses, after a finished name, or after a token", () => {
    expect(findTrigger("mail rita@acme.test", 19)).toBeNull();
    expect(findTrigger("cc @ma ", 7)).toBeNull();
    expect(findTrigger("@[Sam Agent](0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b) ", 51)).toBeNull();
  });

  it("ranks names starting with the query first, then word starts, then inner matches", () => {
    expect(rankCandidates(staff, "ma").map((c) => c.name)).toEqual(["Maria Manager", "Adam Mars"]);
    expect(rankCandidates(staff, "").map((c) => c.name)).toEqual(["Ada Admin", "Adam Mars", "Maria Manager", "Sam Agent"]);
    expect(rankCandidates(staff, "gen").map((c) => c.name)).toEqual(["Sam Agent"]);
    expect(rankCandidates(staff, "zz")).toEqual([]);
  });
});
