import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { DEMO_PASSWORD } from "@/prisma/factories";
import { loadActor } from "./actor";
import { authenticate } from "./sign-in";
import { seededDemo, type Demo } from "@/test/integration/helpers";

// DESIGN §2 and §5: deactivated users cannot sign in; every attempt, good or
// bad, is an audit row with the caller's IP and user agent.

let demo: Demo;
beforeAll(async () => {
  demo = await seededDemo();
});

const meta = { ip: "203.0.113.7", userAgent: "IntegrationTest/1.0 (sign-in)" };

/** The audit rows written by one call. */
async function auditRowsOf(call: () => Promise<unknown>) {
  const before = new Set((await db.auditLog.findMany({ select: { id: true } })).map((r) => r.id));
  const result = await call();
  const rows = (await db.auditLog.findMany({ orderBy: { createdAt: "asc" } })).filter((r) => !before.has(r.id));
  return { result, rows };
}

describe("authenticate", () => {
  it("the right password returns the user and writes auth.sign_in with ip and user agent", async () => {
    const admin = demo.actors["admin@acme.test"];
    const { result, rows } = await auditRowsOf(() => authenticate({ email: "admin@acme.test", password: DEMO_PASSWORD }, meta));
    expect(result).toEqual({ id: admin.id, email: "admin@acme.test", name: "Ada Admin", sessionId: expect.any(String) });
    expect(rows).toEqual([
      expect.objectContaining({
        action: "auth.sign_in",
        organizationId: demo.acme.id,
        actorId: admin.id,
        entityType: "user",
        entityId: admin.id,
        ip: meta.ip,
        userAgent: meta.userAgent,
      }),
    ]);
    expect(JSON.stringify(rows[0]!.data)).not.toContain(DEMO_PASSWORD);
    const user = await db.user.findUniqueOrThrow({ where: { id: admin.id }, select: { lastLoginAt: true } });
    expect(user.lastLoginAt).not.toBeNull();
  });

  it("e-mail is matched case-insensitively and trimmed", async () => {
    const result = await authenticate({ email: "  Agent@ACME.test ", password: DEMO_PASSWORD }, meta);
    expect(result?.id).toBe(demo.actors["agent@acme.test"].id);
  });

  it("a wrong password returns null and writes auth.sign_in_failed", async () => {
    const agent = demo.actors["agent@acme.test"];
    const { result, rows } = await auditRowsOf(() => authenticate({ email: "agent@acme.test", password: "not-the-password" }, meta));
    expect(result).toBeNull();
    expect(rows).toEqual([
      expect.objectContaining({ action: "auth.sign_in_failed", organizationId: demo.acme.id, actorId: agent.id, ip: meta.ip, userAgent: meta.userAgent }),
    ]);
    expect(rows[0]!.data).toMatchObject({ email: "agent@acme.test", reason: "wrong_password" });
    expect(JSON.stringify(rows[0]!.data)).not.toContain("not-the-password");
  });

  it("an unknown e-mail returns null and writes auth.sign_in_failed with no organization", async () => {
    const { result, rows } = await auditRowsOf(() => authenticate({ email: "nobody@nowhere.test", password: DEMO_PASSWORD }, meta));
    expect(result).toBeNull();
    expect(rows).toEqual([
      expect.objectContaining({ action: "auth.sign_in_failed", organizationId: null, actorId: null, ip: meta.ip, userAgent: meta.userAgent }),
    ]);
    expect(rows[0]!.data).toMatchObject({ email: "nobody@nowhere.test", reason: "unknown_email" });
  });

  it("a malformed request returns null and is still audited", async () => {
    const { result, rows } = await auditRowsOf(() => authenticate({ email: "not-an-email", password: "" }, { ip: null, userAgent: null }));
    expect(result).toBeNull();
    expect(rows).toEqual([expect.objectContaining({ action: "auth.sign_in_failed", organizationId: null, ip: null, userAgent: null })]);
  });

  it("a deactivated user with the right password returns null, is audited, and loadActor refuses them", async () => {
    const r2 = demo.actors["requester2@acme.test"];
    expect(await loadActor(r2.id)).not.toBeNull();
    await db.user.update({ where: { id: r2.id }, data: { active: false } });
    try {
      const { result, rows } = await auditRowsOf(() => authenticate({ email: "requester2@acme.test", password: DEMO_PASSWORD }, meta));
      expect(result).toBeNull();
      expect(rows).toEqual([
        expect.objectContaining({ action: "auth.sign_in_failed", organizationId: demo.acme.id, actorId: r2.id, ip: meta.ip, userAgent: meta.userAgent }),
      ]);
      expect(rows[0]!.data).toMatchObject({ reason: "deactivated" });
      // Their existing session stops working: the actor no longer loads.
      expect(await loadActor(r2.id)).toBeNull();
    } finally {
      await db.user.update({ where: { id: r2.id }, data: { active: true } });
    }
    expect(await loadActor(r2.id)).not.toBeNull();
  });

  it("loadActor returns null for an id that does not exist", async () => {
    expect(await loadActor("00000000-0000-7000-8000-000000000000")).toBeNull();
  });
});
