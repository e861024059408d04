import { describe, expect, it } from "vitest";
import { encodeMentions, formatMention, hasMentions, mentionName, mentionsAsPlainText, mentionsForEditing, parseMentions } from "./mention-token";

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

describe("mentions in a text box", () => {
  const maria = { userId: "01a2b3c4-0000-7000-8000-000000000001", name: "Maria Manager" };
  const ada = { userId: "01a2b3c4-0000-7000-8000-000000000002", name: "Ada" };
  const adaAdmin = { userId: "01a2b3c4-0000-7000-8000-000000000003", name: "Ada Admin" };

  it("shows tokens as @Name and writes them back on save", () => {
    const body = `Looping in ${formatMention({ id: maria.userId, name: maria.name })} for the budget.`;
    const { text, picked } = mentionsForEditing(body);
    expect(text).toBe("Looping in @Maria Manager for the budget.");
    expect(picked).toEqual([maria]);
    expect(encodeMentions(text, picked)).toBe(body);
  });

  it("takes the longest picked name, leaves names edited away and unpicked people as text", () => {
    const out = encodeMentions("@Ada Admin and @Ada, not @Adam nor @Maria Manager, and @Ada Admin again", [ada, adaAdmin]);
    expect(parseMentions(out).map((m) => m.userId)).toEqual([adaAdmin.userId, ada.userId]);
    expect(out).toContain("not @Adam nor @Maria Manager");
    expect(out.match(/@\[Ada Admin\]/g)).toHaveLength(2);
    expect(encodeMentions("no one here", [])).toBe("no one here");
  });

  it("is safe with names full of pattern characters", () => {
    const odd = { userId: "01a2b3c4-0000-7000-8000-000000000004", name: "J.R. (Bob) Smith+" };
    const name = mentionName(odd.name);
    expect(encodeMentions(`hi @${name}`, [{ ...odd, name }])).toBe(`hi ${formatMention({ id: odd.userId, name: odd.name })}`);
  });
});
