import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { DEMO_PASSWORD } from "@/prisma/factories";
import { loadSessionActor } from "./actor";
import { authenticate } from "./sign-in";
import { endSession, endUserSessions } from "./sessions";
import { ACCOUNT_RULE, ADDRESS_RULE, lockSeconds, recordFailure, throttleKeys } from "./throttle";
import { changePassword } from "@/lib/domain/users/change-password";
import { expectAppError, seededDemo, type Demo } from "@/test/integration/helpers";

// Issue 11: a session cookie kept after sign-out still opened /portal, and 20
// wrong passwords in a row were each answered at once. Sessions now live on the
// server (AuthSession) and sign-in failures are counted per account and per
// address in PostgreSQL (SignInThrottle).

let demo: Demo;
beforeEach(async () => {
  demo = await seededDemo();
});

const meta = (ip = "198.51.100.20") => ({ ip, userAgent: "IntegrationTest/1.0 (limits)" });
const at = (base: Date, seconds: number) => new Date(base.getTime() + seconds * 1000);
const auditOf = (action: string) => db.auditLog.findMany({ where: { action }, orderBy: { createdAt: "asc" } });

describe("server-side sessions", () => {
  it("sign-in opens a session the actor check accepts; ending it refuses the same cookie at once", async () => {
    const user = await authenticate({ email: "requester@acme.test", password: DEMO_PASSWORD }, meta());
    expect(user?.sessionId).toEqual(expect.any(String));
    const row = await db.authSession.findUniqueOrThrow({ where: { id: user!.sessionId } });
    expect(row).toMatchObject({ userId: user!.id, organizationId: demo.acme.id, revokedAt: null, ip: "198.51.100.20" });
    expect((await loadSessionActor(user!.sessionId, user!.id))?.email).toBe("requester@acme.test");

    expect(await endSession(user!.sessionId, "sign_out")).toEqual({ userId: user!.id, organizationId: demo.acme.id });
    expect(await loadSessionActor(user!.sessionId, user!.id)).toBeNull();
    // Ending it twice is harmless and reports nothing.
    expect(await endSession(user!.sessionId, "sign_out")).toBeNull();
    expect((await db.authSession.findUniqueOrThrow({ where: { id: user!.sessionId } })).revokedReason).toBe("sign_out");
  });

  it("a session is refused once expired, for another user's id, and when the user is deactivated", async () => {
    const user = (await authenticate({ email: "agent@acme.test", password: DEMO_PASSWORD }, meta()))!;
    expect(await loadSessionActor(user.sessionId, demo.actors["admin@acme.test"].id)).toBeNull();
    expect(await loadSessionActor(user.sessionId, user.id, at(new Date(), 13 * 3600))).toBeNull();
    await db.user.update({ where: { id: user.id }, data: { active: false } });
    expect(await loadSessionActor(user.sessionId, user.id)).toBeNull();
  });

  it("endUserSessions ends every open session of the user but the one kept, and no one else's", async () => {
    const a = (await authenticate({ email: "agent@acme.test", password: DEMO_PASSWORD }, meta()))!;
    const b = (await authenticate({ email: "agent@acme.test", password: DEMO_PASSWORD }, meta()))!;
    const other = (await authenticate({ email: "manager@acme.test", password: DEMO_PASSWORD }, meta()))!;
    expect(await endUserSessions(db as never, a.id, "deactivated", b.sessionId)).toBe(1);
    expect(await loadSessionActor(a.sessionId, a.id)).toBeNull();
    expect(await loadSessionActor(b.sessionId, b.id)).not.toBeNull();
    expect(await loadSessionActor(other.sessionId, other.id)).not.toBeNull();
  });
});

describe("password change", () => {
  it("sets the new password, ends the user's other sessions, keeps this one, and audits it", async () => {
    const mine = (await authenticate({ email: "requester@acme.test", password: DEMO_PASSWORD }, meta()))!;
    const elsewhere = (await authenticate({ email: "requester@acme.test", password: DEMO_PASSWORD }, meta("198.51.100.99")))!;
    const actor = (await loadSessionActor(mine.sessionId, mine.id))!;

    const r = await changePassword(actor, { currentPassword: DEMO_PASSWORD, newPassword: "a-new-password-2", confirmPassword: "a-new-password-2" }, meta());
    expect(r).toEqual({ sessionsEnded: 1 });
    expect(await loadSessionActor(elsewhere.sessionId, elsewhere.id)).toBeNull();
    expect(await loadSessionActor(mine.sessionId, mine.id)).not.toBeNull();
    expect(await authenticate({ email: "requester@acme.test", password: DEMO_PASSWORD }, meta())).toBeNull();
    expect(await authenticate({ email: "requester@acme.test", password: "a-new-password-2" }, meta())).not.toBeNull();
    const [row] = await auditOf("auth.password_changed");
    expect(row).toMatchObject({ organizationId: demo.acme.id, actorId: mine.id, data: { sessionsEnded: 1 } });
  });

  it("a wrong current password is a field message, changes nothing and counts against the sign-in limit", async () => {
    const mine = (await authenticate({ email: "agent@acme.test", password: DEMO_PASSWORD }, meta()))!;
    const actor = (await loadSessionActor(mine.sessionId, mine.id))!;
    const before = await db.user.findUniqueOrThrow({ where: { id: mine.id }, select: { passwordHash: true } });
    const e = await expectAppError(
      changePassword(actor, { currentPassword: "wrong-guess-1", newPassword: "a-new-password-2", confirmPassword: "a-new-password-2" }, meta()),
      "VALIDATION",
    );
    expect(e.fieldErrors?.currentPassword).toEqual(["This is not your current password"]);
    expect((await db.user.findUniqueOrThrow({ where: { id: mine.id }, select: { passwordHash: true } })).passwordHash).toBe(before.passwordHash);
    expect((await db.signInThrottle.findUniqueOrThrow({ where: { key: "account:agent@acme.test" } })).failures).toBe(1);
  });

  it("refuses a mismatched confirmation and a too-short password with messages on those fields", async () => {
    const mine = (await authenticate({ email: "agent@acme.test", password: DEMO_PASSWORD }, meta()))!;
    const actor = (await loadSessionActor(mine.sessionId, mine.id))!;
    const e = await expectAppError(changePassword(actor, { currentPassword: DEMO_PASSWORD, newPassword: "short", confirmPassword: "other" }, meta()), "VALIDATION");
    expect(Object.keys(e.fieldErrors ?? {}).sort()).toEqual(["confirmPassword", "newPassword"]);
  });

  it("two changes from the same old password: the second is a conflict, not a silent overwrite", async () => {
    const mine = (await authenticate({ email: "agent@acme.test", password: DEMO_PASSWORD }, meta()))!;
    const actor = (await loadSessionActor(mine.sessionId, mine.id))!;
    // Both read the same old hash and check it; the compare-and-set on that hash lets one write.
    const results = await Promise.allSettled([
      changePassword(actor, { currentPassword: DEMO_PASSWORD, newPassword: "first-new-password", confirmPassword: "first-new-password" }, meta()),
      changePassword(actor, { currentPassword: DEMO_PASSWORD, newPassword: "second-new-password", confirmPassword: "second-new-password" }, meta()),
    ]);
    const won = results.filter((r) => r.status === "fulfilled");
    const lost = results.filter((r) => r.status === "rejected") as PromiseRejectedResult[];
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect((lost[0]!.reason as { code: string }).code).toBe("CONFLICT");
  });
});

describe("sign-in limits", () => {
  it("locks growing from the failure after the free ones, up to the cap", () => {
    expect([1, 4].map((n) => lockSeconds(ACCOUNT_RULE, n))).toEqual([0, 0]);
    expect([5, 6, 7, 8].map((n) => lockSeconds(ACCOUNT_RULE, n))).toEqual([30, 60, 120, 240]);
    expect(lockSeconds(ACCOUNT_RULE, 50)).toBe(ACCOUNT_RULE.maxSeconds);
  });

  it("after five wrong passwords the right one is refused, the same way, until the lock passes", async () => {
    const t0 = new Date();
    for (let i = 0; i < 5; i++) {
      expect(await authenticate({ email: "agent@acme.test", password: `wrong-${i}` }, meta(), at(t0, i))).toBeNull();
    }
    const failed = await auditOf("auth.sign_in_failed");
    expect(failed).toHaveLength(5);
    expect(failed[4]!.data).toMatchObject({ reason: "wrong_password", limit: "account", lockedUntil: at(t0, 4 + 30).toISOString() });

    // Locked: the right password fails like any other, the password is not even checked, and it is audited.
    expect(await authenticate({ email: "agent@acme.test", password: DEMO_PASSWORD }, meta(), at(t0, 10))).toBeNull();
    expect((await auditOf("auth.sign_in_failed"))[5]!.data).toMatchObject({ reason: "locked", limit: "account" });
    expect(await auditOf("auth.sign_in")).toHaveLength(0);
    // From another address too: the account is what is locked.
    expect(await authenticate({ email: "agent@acme.test", password: DEMO_PASSWORD }, meta("203.0.113.50"), at(t0, 11))).toBeNull();

    // Once it has passed, the right password works and clears the account's count.
    expect(await authenticate({ email: "agent@acme.test", password: DEMO_PASSWORD }, meta(), at(t0, 35))).not.toBeNull();
    expect(await db.signInThrottle.findUnique({ where: { key: "account:agent@acme.test" } })).toBeNull();
  });

  it("a failure during a continuing attack doubles the lock; a quiet quarter of an hour starts the count again", async () => {
    const t0 = new Date();
    for (let i = 0; i < 5; i++) await authenticate({ email: "manager@acme.test", password: "nope" }, meta(), at(t0, i));
    await authenticate({ email: "manager@acme.test", password: "nope" }, meta(), at(t0, 40)); // after the 30 s lock: 6th failure
    const row = await db.signInThrottle.findUniqueOrThrow({ where: { key: "account:manager@acme.test" } });
    expect(row.failures).toBe(6);
    expect(row.lockedUntil?.toISOString()).toBe(at(t0, 40 + 60).toISOString());

    await authenticate({ email: "manager@acme.test", password: "nope" }, meta(), at(t0, 40 + 16 * 60));
    expect((await db.signInThrottle.findUniqueOrThrow({ where: { key: "account:manager@acme.test" } })).failures).toBe(1);
  });

  it("an unknown e-mail is limited exactly like a known one (no existence oracle)", async () => {
    const t0 = new Date();
    for (let i = 0; i < 5; i++) await authenticate({ email: "nobody@acme.test", password: "x" }, meta(), at(t0, i));
    expect((await db.signInThrottle.findUniqueOrThrow({ where: { key: "account:nobody@acme.test" } })).lockedUntil).not.toBeNull();
    await authenticate({ email: "nobody@acme.test", password: "x" }, meta(), at(t0, 6));
    expect((await auditOf("auth.sign_in_failed")).at(-1)!.data).toMatchObject({ reason: "locked", limit: "account" });
  });

  it("one address spraying many accounts is locked after its free failures, for every account", async () => {
    const t0 = new Date();
    const ip = "192.0.2.77";
    for (let i = 0; i < ADDRESS_RULE.free; i++) await authenticate({ email: `spray-${i}@acme.test`, password: "x" }, meta(ip), at(t0, i));
    expect(await authenticate({ email: "tech@acme.test", password: DEMO_PASSWORD }, meta(ip), at(t0, ADDRESS_RULE.free))).toBeNull();
    expect((await auditOf("auth.sign_in_failed")).at(-1)!.data).toMatchObject({ reason: "locked", limit: "address" });
    // Another address is not affected.
    expect(await authenticate({ email: "tech@acme.test", password: DEMO_PASSWORD }, meta("192.0.2.78"), at(t0, ADDRESS_RULE.free))).not.toBeNull();
  });

  it("concurrent failures all count (one upsert each, no lost update)", async () => {
    const keys = throttleKeys("race@acme.test", "192.0.2.90");
    await Promise.all(Array.from({ length: 20 }, () => recordFailure(keys)));
    const rows = await db.signInThrottle.findMany({ where: { key: { in: keys.map((k) => k.key) } }, orderBy: { key: "asc" } });
    expect(rows.map((r) => [r.key, r.failures])).toEqual([
      ["account:race@acme.test", 20],
      ["address:192.0.2.90", 20],
    ]);
  });

  it("a NUL byte in the e-mail fails like any other bad input and is audited without it", async () => {
    expect(await authenticate({ email: "agent\u0000@acme.test", password: DEMO_PASSWORD }, meta())).toBeNull();
    const [row] = await auditOf("auth.sign_in_failed");
    expect(row!.data).toMatchObject({ email: "agent@acme.test", reason: "unknown_email" });
  });
});
