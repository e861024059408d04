import { describe, expect, it } from "vitest";
import { safeCallbackPath } from "./callback-url";

// Issue 11: /login?callbackUrl=%2F%09%2Fevil.example%2F sent a signed-in user to
// http://evil.example/ (the old check only refused "//" and "/\" at the start).
describe("safeCallbackPath", () => {
  it.each([
    ["/desk", "/desk"],
    ["/tickets/SUP-12?tab=history#c-3", "/tickets/SUP-12?tab=history#c-3"],
    ["/portal/tickets/TKT-20261201-0001", "/portal/tickets/TKT-20261201-0001"],
    ["/desk?q=caf%C3%A9", "/desk?q=caf%C3%A9"],
    ["/desk/../portal", "/portal"],
  ])("keeps a same-site path: %s", (raw, expected) => {
    expect(safeCallbackPath(raw)).toBe(expected);
  });

  it.each([
    "/\t/evil.example/",
    "/\t\\evil.example/",
    "/\n/evil.example/",
    "/\r\n/evil.example",
    "//evil.example/",
    "/\\evil.example/",
    "\\/evil.example/",
    "/.//evil.example/",
    "/..//evil.example/",
    "https://evil.example/",
    "http://callback.invalid/desk",
    "javascript:alert(1)",
    " /desk",
    "desk",
    "/\u0000",
    "",
    "/login",
    "/login?callbackUrl=/desk",
    "/api/auth/signout",
    `/${"a".repeat(3000)}`,
  ])("refuses %j", (raw) => {
    expect(safeCallbackPath(raw)).toBe("/");
  });

  it("takes the first of repeated parameters and refuses non-strings", () => {
    expect(safeCallbackPath(["/desk", "//evil.example"])).toBe("/desk");
    expect(safeCallbackPath(undefined)).toBe("/");
    expect(safeCallbackPath(42)).toBe("/");
    expect(safeCallbackPath(null, "/portal")).toBe("/portal");
  });
});
