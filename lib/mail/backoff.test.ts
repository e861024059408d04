import { describe, expect, it } from "vitest";
import { afterFailure, backoffMs, BACKOFF_CAP_MS } from "./backoff";

describe("outbox backoff", () => {
  it("waits 30 s after the first failure and doubles each time", () => {
    expect([1, 2, 3, 4, 5].map((n) => backoffMs(n))).toEqual([30_000, 60_000, 120_000, 240_000, 480_000]);
  });

  it("never waits more than the cap, even after very many attempts", () => {
    expect(backoffMs(8)).toBe(BACKOFF_CAP_MS);
    expect(backoffMs(1000)).toBe(BACKOFF_CAP_MS);
  });

  it("no failure yet means no wait", () => {
    expect(backoffMs(0)).toBe(0);
    expect(backoffMs(Number.NaN)).toBe(0);
  });

  it("gives up after the configured number of attempts", () => {
    const now = new Date("2026-11-22T10:00:00Z");
    expect(afterFailure(1, 3, now)).toEqual({ status: "pending", nextAttemptAt: new Date("2026-11-22T10:00:30Z") });
    expect(afterFailure(2, 3, now)).toEqual({ status: "pending", nextAttemptAt: new Date("2026-11-22T10:01:00Z") });
    expect(afterFailure(3, 3, now)).toEqual({ status: "failed" });
  });
});
