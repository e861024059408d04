import { describe, expect, it } from "vitest";
import { LINK_SIDES, normaliseLink, progressText, requestForSide, SIDE_LABELS, sideOf, subtaskProgress, type LinkSide } from "./link-types";
import { prefixQuery } from "./search-targets";
import { referencedIds, resolveRefs, ticketRef } from "./visible-refs";
import { describeHistory } from "@/lib/domain/tickets/history-text";

const A = "00000000-0000-7000-8000-00000000000a";
const B = "00000000-0000-7000-8000-00000000000b";

describe("normaliseLink: one stored row per relation", () => {
  it("keeps parent and duplicate as asked (directional)", () => {
    expect(normaliseLink(A, B, "parent")).toEqual({ sourceId: A, targetId: B, type: "parent" });
    expect(normaliseLink(B, A, "parent")).toEqual({ sourceId: B, targetId: A, type: "parent" });
    expect(normaliseLink(A, B, "duplicate")).toEqual({ sourceId: A, targetId: B, type: "duplicate" });
    expect(normaliseLink(B, A, "duplicate")).toEqual({ sourceId: B, targetId: A, type: "duplicate" });
  });
  it("stores 'A child of B' as B's parent row, never as a child row", () => {
    expect(normaliseLink(A, B, "child")).toEqual({ sourceId: B, targetId: A, type: "parent" });
    expect(normaliseLink(A, B, "child")).toEqual(normaliseLink(B, A, "parent"));
  });
  it("stores a related pair the same way whichever side asked", () => {
    expect(normaliseLink(A, B, "related")).toEqual({ sourceId: A, targetId: B, type: "related" });
    expect(normaliseLink(B, A, "related")).toEqual({ sourceId: A, targetId: B, type: "related" });
  });
});

describe("sideOf: each ticket reads the row from its side", () => {
  it("labels both ends of every stored type", () => {
    const cases: [Parameters<typeof sideOf>[0]["type"], string, string][] = [
      ["parent", "Parent of", "Child of"],
      ["duplicate", "Duplicates", "Duplicated by"],
      ["related", "Related to", "Related to"],
    ];
    for (const [type, fromSource, fromTarget] of cases) {
      expect(SIDE_LABELS[sideOf({ sourceId: A, type }, A)]).toBe(fromSource);
      expect(SIDE_LABELS[sideOf({ sourceId: A, type }, B)]).toBe(fromTarget);
    }
  });
  it("the form's choice, stored and read back from this ticket, is the choice made", () => {
    for (const side of LINK_SIDES) {
      const req = requestForSide(side, A, B);
      const row = normaliseLink(req.sourceId, req.targetId, req.type);
      const back: LinkSide = sideOf(row, A);
      expect(back).toBe(side);
    }
    expect(requestForSide("duplicated_by", A, B)).toEqual({ sourceId: B, targetId: A, type: "duplicate" });
  });
});

describe("link search", () => {
  it("turns what was typed into a prefix query of letters and digits only", () => {
    expect(prefixQuery("lapt fan")).toBe("lapt:* & fan:*");
    expect(prefixQuery("SUP-12")).toBe("sup:* & 12:*");
    expect(prefixQuery("a' | !b:* & (c)")).toBe("a:* & b:* & c:*");
    expect(prefixQuery("  -- ")).toBeNull();
  });
});

describe("ticket references in system comments", () => {
  it("names a ticket only when it is visible", () => {
    const body = `Closed as a duplicate of ${ticketRef(B)}`;
    expect(referencedIds(body)).toEqual([B]);
    expect(resolveRefs(body, new Map([[B, "SUP-3"]]))).toBe("Closed as a duplicate of SUP-3");
    expect(resolveRefs(body, new Map())).toBe("Closed as a duplicate of another ticket");
  });
});

describe("subtask progress and link history text", () => {
  it("counts done children", () => {
    const p = subtaskProgress([{ ticket: { done: true } }, { ticket: { done: false } }, { ticket: { done: true } }]);
    expect(p).toEqual({ done: 2, total: 3 });
    expect(progressText(p)).toBe("2 of 3 done");
  });
  it("says which ticket was linked, from this ticket's side, or 'a ticket' when hidden", () => {
    const row = { action: "relationship_created" as const, field: "duplicated_by", oldValue: null, newValue: "SUP-9", comment: null, internal: false, actor: { name: "Sam Agent" } };
    expect(describeHistory(row)).toBe("Sam Agent linked SUP-9 (Duplicated by)");
    expect(describeHistory({ ...row, newValue: null })).toBe("Sam Agent linked a ticket (Duplicated by)");
    expect(describeHistory({ ...row, action: "relationship_deleted", oldValue: "SUP-9", newValue: null, field: "parent_of" })).toBe("Sam Agent unlinked SUP-9 (Parent of)");
  });
});
