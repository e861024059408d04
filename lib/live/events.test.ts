import { describe, expect, it } from "vitest";
import { liveQueryString, parseNotice } from "./events";

const org = "01a230bd-bb46-73da-b800-061cb007965e";
const t = "01a230bd-bb46-73da-b800-061cb007965f";

describe("live notices", () => {
  it("reads what the triggers send", () => {
    expect(parseNotice(JSON.stringify({ k: "created", o: org, ids: [t] }))).toEqual({ k: "created", o: org, ids: [t] });
    expect(parseNotice(JSON.stringify({ k: "comment", o: org, i: true, ids: [t] }))).toEqual({ k: "comment", o: org, i: true, ids: [t] });
    expect(parseNotice(JSON.stringify({ k: "notice", o: org, u: [t] }))).toEqual({ k: "notice", o: org, u: [t] });
  });

  it("ignores anything else: unknown kinds, bad ids, broken JSON, too many ids", () => {
    expect(parseNotice(undefined)).toBeNull();
    expect(parseNotice("{")).toBeNull();
    expect(parseNotice(JSON.stringify({ k: "exploded", o: org }))).toBeNull();
    expect(parseNotice(JSON.stringify({ k: "changed", o: "acme", ids: [t] }))).toBeNull();
    expect(parseNotice(JSON.stringify({ k: "changed", o: org, ids: ["x"] }))).toBeNull();
    expect(parseNotice(JSON.stringify({ k: "changed", o: org, ids: Array(101).fill(t) }))).toBeNull();
    expect(parseNotice(JSON.stringify({ k: "presence", o: org, t, u: t, n: "Sam", s: "dancing" }))).toBeNull();
  });

  it("names a page's topics in the stream's query string", () => {
    expect(liveQueryString({})).toBe("");
    expect(liveQueryString({ ticket: "SUP-1", portal: true })).toBe("ticket=SUP-1&portal=1");
    expect(liveQueryString({ desk: "" })).toBe("desk=");
    expect(liveQueryString({ desk: "priority=high&q=vpn" })).toBe("desk=priority%3Dhigh%26q%3Dvpn");
    expect(liveQueryString({ board: "ENG" })).toBe("board=ENG");
  });
});
