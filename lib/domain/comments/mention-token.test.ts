import { describe, expect, it } from "vitest";
import { formatMention, hasMentions, mentionsAsPlainText, parseMentions } from "./mention-token";

const A = "0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b";
const B = "0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5c";

describe("mention tokens", () => {
  it("formats a user as @[Name](id), stripping characters that would end the token", () => {
    expect(formatMention({ id: A, name: "Sam Agent" })).toBe(`@[Sam Agent](${A})`);
    expect(formatMention({ id: A.toUpperCase(), name: "Sam [x] (y)" })).toBe(`@[Sam x y](${A})`);
    expect(parseMentions(formatMention({ id: A, name: "Sam ]] Agent" }))).toEqual([{ name: "Sam  Agent", userId: A }]);
  });

  it("parses distinct ids in order, case-insensitively", () => {
    expect(parseMentions(`hi @[Sam](${A}) and @[Maria](${B}), again @[Sam](${A.toUpperCase()})`)).toEqual([
      { name: "Sam", userId: A },
      { name: "Maria", userId: B },
    ]);
  });

  it("ignores malformed tokens", () => {
    expect(parseMentions("@[Sam](not-a-uuid) @Sam [Sam](" + A + ") @[](" + A + ") @[Sam]\n(" + A + ")")).toEqual([]);
    expect(hasMentions("plain @Sam text")).toBe(false);
    expect(hasMentions(`x @[Sam](${A})`)).toBe(true);
  });

  it("renders tokens as plain @Name", () => {
    expect(mentionsAsPlainText(`ping @[Sam Agent](${A}) now`)).toBe("ping @Sam Agent now");
  });
});
