import { describe, expect, it } from "vitest";
// @ts-expect-error: a plain ES module of the start scripts, without types
import { clientAddress, trustedHops } from "./client-address.mjs";

// The sign-in limit per address and the audit log's IPs read the address the
// server sets here (scripts/server.mjs): a client must not choose it.
describe("clientAddress", () => {
  it("without trusted proxies, is the socket's address whatever X-Forwarded-For says", () => {
    expect(clientAddress("6.6.6.6", "::ffff:127.0.0.1", 0)).toBe("127.0.0.1");
    expect(clientAddress(undefined, "10.0.0.5", 0)).toBe("10.0.0.5");
  });

  it("behind N proxies, is the N-th address from the right, never one the client prepended", () => {
    // client → proxy (appends the client's real address) → app
    expect(clientAddress("6.6.6.6, 203.0.113.9", "10.0.0.2", 1)).toBe("203.0.113.9");
    expect(clientAddress("203.0.113.9", "10.0.0.2", 1)).toBe("203.0.113.9");
    expect(clientAddress("6.6.6.6, 203.0.113.9, 10.0.0.3", "10.0.0.2", 2)).toBe("203.0.113.9");
    // Fewer hops than configured: the leftmost known.
    expect(clientAddress("", "10.0.0.2", 3)).toBe("10.0.0.2");
  });
});

describe("trustedHops", () => {
  it.each([
    [undefined, 0],
    ["", 0],
    ["false", 0],
    ["0", 0],
    ["true", 1],
    ["2", 2],
    ["-1", 0],
    ["lots", 0],
  ])("TRUST_PROXY=%j → %i", (raw, hops) => {
    expect(trustedHops(raw)).toBe(hops);
  });
});
