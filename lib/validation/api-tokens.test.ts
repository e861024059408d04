import { describe, expect, it } from "vitest";
import { createTokenSchema, readTokensPage, shownPrefix, tokenStatus, TOKEN_LIFETIME_LABELS, TOKEN_LIFETIMES, DEFAULT_TOKEN_LIFETIME } from "./api-tokens";

const NOW = new Date("2026-12-02T12:00:00.000Z");

describe("tokenStatus", () => {
  it("is active without an end, or before its end", () => {
    expect(tokenStatus({ revokedAt: null, expiresAt: null }, NOW)).toBe("active");
    expect(tokenStatus({ revokedAt: null, expiresAt: new Date(NOW.getTime() + 1) }, NOW)).toBe("active");
  });
  it("is expired from the instant of its end on (authentication refuses it from then)", () => {
    expect(tokenStatus({ revokedAt: null, expiresAt: NOW }, NOW)).toBe("expired");
    expect(tokenStatus({ revokedAt: null, expiresAt: new Date(NOW.getTime() - 1) }, NOW)).toBe("expired");
  });
  it("is revoked once revoked, expired or not", () => {
    expect(tokenStatus({ revokedAt: NOW, expiresAt: null }, NOW)).toBe("revoked");
    expect(tokenStatus({ revokedAt: NOW, expiresAt: new Date(NOW.getTime() - 1) }, NOW)).toBe("revoked");
  });
});

describe("readTokensPage (/admin/tokens?before=)", () => {
  it("keeps a token id", () => {
    expect(readTokensPage({ before: "0196f5a0-0000-7000-8000-000000000001" })).toEqual({ before: "0196f5a0-0000-7000-8000-000000000001" });
  });
  it("reads anything else as the first page", () => {
    for (const before of [undefined, "", "not-a-uuid", "-".repeat(36), "0196f5a0-0000-7000-8000-000000000001\u0000", ["0196f5a0-0000-7000-8000-000000000001", "x"]]) {
      expect(readTokensPage({ before }), JSON.stringify(before)).toEqual({ before: null });
    }
  });
});

describe("the token form's schema", () => {
  it("offers a label for every lifetime, the default among them", () => {
    expect(Object.keys(TOKEN_LIFETIME_LABELS)).toEqual([...TOKEN_LIFETIMES]);
    expect(TOKEN_LIFETIMES).toContain(DEFAULT_TOKEN_LIFETIME);
  });
  it("names an empty name on the name field", () => {
    const r = createTokenSchema.safeParse({ name: "  ", expires: "30", scope: "read" });
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => i.path.join("."))).toEqual(["name"]);
  });
  it("shows a prefix with an ellipsis, never more of the secret", () => {
    expect(shownPrefix("hd_pat_Ab12Cd")).toBe("hd_pat_Ab12Cd…");
  });
});
