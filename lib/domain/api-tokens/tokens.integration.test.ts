import { createHash, randomBytes } from "node:crypto";
import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import {
  authenticateApiToken,
  createApiToken,
  listOrganizationTokens,
  listOwnTokens,
  ORGANIZATION_TOKENS_PAGE,
  revokeApiToken,
} from "@/lib/domain/api-tokens/tokens";
import { MAX_ACTIVE_TOKENS, TOKEN_PATTERN } from "@/lib/validation/api-tokens";
import { actorFor, expectAppError, seededDemo, type Demo, type DemoEmail } from "@/test/integration/helpers";

// Personal access tokens (issue 15) on the real database: what is stored, who
// may revoke what, and what a secret authenticates as.

let demo: Demo;
beforeEach(async () => {
  // Tests change roles, deactivate users and fill the 20-token quota: each starts from the demo data.
  demo = await seededDemo();
});

const a = (email: DemoEmail) => demo.actors[email];
const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");
const DAY = 24 * 3600 * 1000;
const T0 = new Date("2026-12-02T10:00:00.000Z");
const at = (ms: number) => new Date(T0.getTime() + ms);

async function make(actor: Actor, input: Partial<{ name: string; expires: "7" | "30" | "90" | "365" | "never"; scope: "read" | "write" }> = {}, now = T0) {
  return createApiToken(actor, { name: input.name ?? "CI", expires: input.expires ?? "30", scope: input.scope ?? "write" }, { now });
}

const auditRows = (action: string, entityId: string) => db.auditLog.findMany({ where: { action, entityId }, orderBy: { createdAt: "asc" } });

describe("createApiToken", () => {
  it("returns a secret of the token's shape once; only its SHA-256 is stored and no column holds the secret; an audit row names the token", async () => {
    const requester = a("requester@acme.test");
    const { secret, token } = await make(requester, { name: "Nightly export", expires: "90", scope: "write" });
    expect(secret).toMatch(TOKEN_PATTERN);
    expect(token).toMatchObject({ name: "Nightly export", scope: "write", prefix: secret.slice(0, 13), lastUsedAt: null, revokedAt: null });
    expect(token.expiresAt).toEqual(at(90 * DAY));

    const row = await db.apiToken.findUniqueOrThrow({ where: { id: token.id } });
    expect(row.tokenHash).toBe(sha256(secret));
    expect(row.userId).toBe(requester.id);
    expect(row.organizationId).toBe(requester.organizationId);
    // Every column of the row, as PostgreSQL renders it: the secret is nowhere, beyond the shown prefix.
    const [{ json }] = await db.$queryRaw<{ json: string }[]>`SELECT row_to_json(k)::text AS json FROM "ApiToken" k WHERE k."id" = ${token.id}::uuid`;
    expect(json).not.toContain(secret);
    expect(json).not.toContain(secret.slice(13));
    expect(json).toContain(sha256(secret));

    const [audit] = await auditRows("api_token.created", token.id);
    expect(audit).toMatchObject({ organizationId: requester.organizationId, actorId: requester.id, entityType: "api_token" });
    expect(audit!.data).toEqual({ name: "Nightly export", prefix: token.prefix, scope: "write", expiresAt: at(90 * DAY).toISOString() });
    expect(JSON.stringify(audit)).not.toContain(secret.slice(13));
  });

  it("a token that never expires has no end; two tokens never share a secret", async () => {
    const one = await make(a("agent@acme.test"), { expires: "never" });
    const two = await make(a("agent@acme.test"), { expires: "never" });
    expect(one.token.expiresAt).toBeNull();
    expect(one.secret).not.toBe(two.secret);
  });

  it(`refuses the ${MAX_ACTIVE_TOKENS + 1}st active token with a message on the name; a revoked or expired one makes room`, async () => {
    const agent = a("agent@acme.test");
    const made = [];
    for (let i = 0; i < MAX_ACTIVE_TOKENS; i++) made.push(await make(agent, { name: `T${i}` }));
    const refused = await expectAppError(make(agent, { name: "One too many" }), "VALIDATION");
    expect(refused.fieldErrors?.name?.[0]).toMatch(/At most 20 active tokens/);
    expect(await db.apiToken.count({ where: { userId: agent.id } })).toBe(MAX_ACTIVE_TOKENS);
    // Another user's quota is their own.
    await make(a("tech@acme.test"));

    await revokeApiToken(agent, { tokenId: made[0]!.token.id });
    await make(agent, { name: "After a revocation" });
    await expectAppError(make(agent, { name: "One too many" }), "VALIDATION");
    // A token past its end no longer counts either.
    await db.apiToken.update({ where: { id: made[1]!.token.id }, data: { expiresAt: at(-1) } });
    await make(agent, { name: "After an expiry" });
  });

  it("an actor acting through a token cannot create tokens (nor revoke any): a leaked token cannot outlive its revocation", async () => {
    const { secret, token } = await make(a("admin@acme.test"));
    const viaToken = await authenticateApiToken(secret, { now: at(1000) });
    expect(viaToken?.apiToken).toEqual({ id: token.id, scope: "write" });
    await expectAppError(make(viaToken!), "NOT_FOUND");
    await expectAppError(revokeApiToken(viaToken!, { tokenId: token.id }), "NOT_FOUND");
    await expectAppError(listOrganizationTokens(viaToken!), "NOT_FOUND");
    expect(await db.apiToken.count({ where: { userId: viaToken!.id } })).toBe(1);
    expect((await db.apiToken.findUniqueOrThrow({ where: { id: token.id } })).revokedAt).toBeNull();
  });

  it("refuses a blank name and an unknown lifetime or scope on their fields", async () => {
    const requester = a("requester@acme.test");
    expect((await expectAppError(createApiToken(requester, { name: "   ", expires: "30", scope: "read" }), "VALIDATION")).fieldErrors).toHaveProperty("name");
    expect((await expectAppError(createApiToken(requester, { name: "x", expires: "1000" as "30", scope: "read" }), "VALIDATION")).fieldErrors).toHaveProperty("expires");
    expect((await expectAppError(createApiToken(requester, { name: "x", expires: "30", scope: "admin" as "read" }), "VALIDATION")).fieldErrors).toHaveProperty("scope");
    expect(await db.apiToken.count()).toBe(0);
  });
});

describe("authenticateApiToken", () => {
  it("stands for the token's user with the user's live role, permissions and memberships: a role change applies at the next request", async () => {
    const requester = a("requester@acme.test");
    const { secret, token } = await make(requester);
    const first = await authenticateApiToken(secret, { now: at(1000) });
    expect(first).toMatchObject({ id: requester.id, organizationId: requester.organizationId, email: requester.email, name: requester.name, roleName: requester.roleName, apiToken: { id: token.id, scope: "write" } });
    expect([...first!.permissions].sort()).toEqual([...requester.permissions].sort());
    expect([...first!.projectIds].sort()).toEqual([...requester.projectIds].sort());
    expect(first!.permissions.has("org.manage")).toBe(false);

    const adminRole = await db.role.findFirstOrThrow({ where: { organizationId: demo.acme.id, builtIn: "admin" } });
    await db.user.update({ where: { id: requester.id }, data: { roleId: adminRole.id } });
    const promoted = await authenticateApiToken(secret, { now: at(2000) });
    expect(promoted!.roleName).toBe(adminRole.name);
    expect(promoted!.permissions.has("org.manage")).toBe(true);
    expect([...promoted!.permissions].sort()).toEqual([...(await actorFor(requester.email)).permissions].sort());

    const project = await demo.project(demo.acme.id, "ENG");
    await db.projectMember.create({ data: { organizationId: demo.acme.id, projectId: project.id, userId: requester.id } });
    expect((await authenticateApiToken(secret, { now: at(3000) }))!.projectIds).toContain(project.id);
  });

  it("records a read-only token's scope: the actor says it may not write", async () => {
    const { secret, token } = await make(a("agent@acme.test"), { scope: "read" });
    expect((await db.apiToken.findUniqueOrThrow({ where: { id: token.id } })).scope).toBe("read");
    expect((await authenticateApiToken(secret, { now: at(1000) }))!.apiToken).toEqual({ id: token.id, scope: "read" });
  });

  it("a revoked token authenticates nobody", async () => {
    const agent = a("agent@acme.test");
    const { secret, token } = await make(agent);
    expect(await authenticateApiToken(secret, { now: at(1000) })).not.toBeNull();
    await revokeApiToken(agent, { tokenId: token.id }, { now: at(2000) });
    expect(await authenticateApiToken(secret, { now: at(3000) })).toBeNull();
  });

  it("an expired token authenticates nobody, from the instant of its end", async () => {
    const { secret } = await make(a("agent@acme.test"), { expires: "7" });
    expect(await authenticateApiToken(secret, { now: at(7 * DAY - 1) })).not.toBeNull();
    expect(await authenticateApiToken(secret, { now: at(7 * DAY) })).toBeNull();
    expect(await authenticateApiToken(secret, { now: at(8 * DAY) })).toBeNull();
    // One that never expires still works years on.
    const { secret: forever } = await make(a("agent@acme.test"), { expires: "never" });
    expect(await authenticateApiToken(forever, { now: at(3650 * DAY) })).not.toBeNull();
  });

  it("a deactivated user's tokens authenticate nobody, and work again on reactivation", async () => {
    const tech = a("tech@acme.test");
    const { secret } = await make(tech);
    await db.user.update({ where: { id: tech.id }, data: { active: false } });
    expect(await authenticateApiToken(secret, { now: at(1000) })).toBeNull();
    await db.user.update({ where: { id: tech.id }, data: { active: true } });
    expect(await authenticateApiToken(secret, { now: at(2000) })).not.toBeNull();
  });

  it("a malformed or unknown secret authenticates nobody, and nothing is written", async () => {
    const { secret } = await make(a("agent@acme.test"));
    const before = { tokens: await db.apiToken.findMany({ orderBy: { id: "asc" } }), audit: await db.auditLog.count() };
    const wrong = [
      "",
      "hd_pat_",
      secret.slice(0, -1),
      `${secret}A`,
      secret.toUpperCase(),
      `Bearer ${secret}`,
      ` ${secret}`,
      `${secret.slice(0, 20)}\u0000${secret.slice(21)}`,
      secret.replace("hd_pat_", "hd_pot_"),
      `hd_pat_${randomBytes(32).toString("base64url")}`,
      sha256(secret),
    ];
    for (const s of wrong) expect(await authenticateApiToken(s, { now: at(1000) }), JSON.stringify(s)).toBeNull();
    expect({ tokens: await db.apiToken.findMany({ orderBy: { id: "asc" } }), audit: await db.auditLog.count() }).toEqual(before);
  });

  it("audits the first use of each day once: two uses on one day are one row, the next day another", async () => {
    const { secret, token } = await make(a("agent@acme.test"));
    await authenticateApiToken(secret, { now: at(5 * 60 * 1000), meta: { ip: "203.0.113.7", userAgent: "curl/8" } });
    await authenticateApiToken(secret, { now: at(3 * 3600 * 1000) });
    let used = await auditRows("api_token.used", token.id);
    expect(used).toHaveLength(1);
    expect(used[0]).toMatchObject({ actorId: a("agent@acme.test").id, organizationId: demo.acme.id, ip: "203.0.113.7", userAgent: "curl/8", data: { day: "2026-12-02" } });

    await authenticateApiToken(secret, { now: at(DAY) });
    await authenticateApiToken(secret, { now: at(DAY + 3600 * 1000) });
    used = await auditRows("api_token.used", token.id);
    expect(used.map((r) => (r.data as { day: string }).day)).toEqual(["2026-12-02", "2026-12-03"]);
  });

  it("writes the last use at most once a minute", async () => {
    const { secret, token } = await make(a("agent@acme.test"));
    const lastUsed = async () => (await db.apiToken.findUniqueOrThrow({ where: { id: token.id } })).lastUsedAt;
    await authenticateApiToken(secret, { now: at(1000), meta: { ip: "203.0.113.7" } });
    expect(await lastUsed()).toEqual(at(1000));
    await authenticateApiToken(secret, { now: at(30_000), meta: { ip: "203.0.113.8" } });
    await authenticateApiToken(secret, { now: at(60_999) });
    expect(await lastUsed()).toEqual(at(1000));
    expect((await db.apiToken.findUniqueOrThrow({ where: { id: token.id } })).lastUsedIp).toBe("203.0.113.7");
    await authenticateApiToken(secret, { now: at(61_000), meta: { ip: "203.0.113.9" } });
    expect(await lastUsed()).toEqual(at(61_000));
    expect((await db.apiToken.findUniqueOrThrow({ where: { id: token.id } })).lastUsedIp).toBe("203.0.113.9");
  });
});

describe("revokeApiToken", () => {
  it("a user revokes their own token, once: audited, and revoking again changes nothing", async () => {
    const requester = a("requester@acme.test");
    const { token } = await make(requester);
    const revoked = await revokeApiToken(requester, { tokenId: token.id }, { now: at(1000) });
    expect(revoked).toEqual({ id: token.id, revokedAt: at(1000) });
    expect(await db.apiToken.findUniqueOrThrow({ where: { id: token.id } })).toMatchObject({ revokedAt: at(1000), revokedById: requester.id });
    expect(await revokeApiToken(requester, { tokenId: token.id }, { now: at(2000) })).toEqual({ id: token.id, revokedAt: at(1000) });
    const rows = await auditRows("api_token.revoked", token.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ actorId: requester.id, data: { name: "CI", prefix: token.prefix, ownerId: requester.id } });
  });

  it("another user's token is not found for a non-admin, staff or not, and stays usable", async () => {
    const { secret, token } = await make(a("requester@acme.test"));
    for (const who of ["requester2@acme.test", "agent@acme.test", "manager@acme.test"] as const) {
      await expectAppError(revokeApiToken(a(who), { tokenId: token.id }), "NOT_FOUND");
    }
    expect((await db.apiToken.findUniqueOrThrow({ where: { id: token.id } })).revokedAt).toBeNull();
    expect(await authenticateApiToken(secret, { now: at(1000) })).not.toBeNull();
    expect(await auditRows("api_token.revoked", token.id)).toHaveLength(0);
  });

  it("another organization's admin gets NOT_FOUND, as for a token that does not exist", async () => {
    const { token } = await make(a("requester@acme.test"));
    const globexAdmin = a("admin@globex.test");
    const foreign = await expectAppError(revokeApiToken(globexAdmin, { tokenId: token.id }), "NOT_FOUND");
    const unknown = await expectAppError(revokeApiToken(globexAdmin, { tokenId: "0196f5a0-0000-7000-8000-00000000beef" }), "NOT_FOUND");
    expect(foreign.message).toBe(unknown.message);
    expect((await db.apiToken.findUniqueOrThrow({ where: { id: token.id } })).revokedAt).toBeNull();
  });

  it("an admin revokes any token of their organization; the audit row names the owner", async () => {
    const admin = a("admin@acme.test");
    const requester = a("requester@acme.test");
    const { secret, token } = await make(requester);
    await revokeApiToken(admin, { tokenId: token.id }, { now: at(1000) });
    expect(await db.apiToken.findUniqueOrThrow({ where: { id: token.id } })).toMatchObject({ revokedAt: at(1000), revokedById: admin.id });
    expect(await authenticateApiToken(secret, { now: at(2000) })).toBeNull();
    const [row] = await auditRows("api_token.revoked", token.id);
    expect(row).toMatchObject({ actorId: admin.id, organizationId: demo.acme.id, data: { ownerId: requester.id } });
  });

  it("refuses a malformed id on its field", async () => {
    expect((await expectAppError(revokeApiToken(a("admin@acme.test"), { tokenId: "not-a-uuid" }), "VALIDATION")).fieldErrors).toHaveProperty("tokenId");
  });
});

describe("listOwnTokens and listOrganizationTokens", () => {
  it("a user's list is their own tokens only, newest first; a token revoked long ago drops off", async () => {
    const requester = a("requester@acme.test");
    const old = await make(requester, { name: "Old" }, at(-3 * DAY));
    const recent = await make(requester, { name: "Recent" }, at(-DAY));
    await make(a("requester2@acme.test"), { name: "Someone else's" });
    await make(a("requester@globex.test"), { name: "Globex" });
    expect((await listOwnTokens(requester, T0)).map((t) => t.name)).toEqual(["Recent", "Old"]);
    await revokeApiToken(requester, { tokenId: old.token.id }, { now: at(-2 * DAY) });
    expect((await listOwnTokens(requester, T0)).map((t) => t.name)).toEqual(["Recent", "Old"]);
    expect((await listOwnTokens(requester, at(40 * DAY))).map((t) => t.name)).toEqual(["Recent"]);
    // The list never carries the hash.
    expect(Object.keys((await listOwnTokens(requester, T0))[0]!)).not.toContain("tokenHash");
    expect(recent.token.id).toBeTruthy();
  });

  it(`pages every token of the organization ${ORGANIZATION_TOKENS_PAGE} at a time, newest first, with the owners; other organizations' never appear`, async () => {
    const acmeUsers = await db.user.findMany({ where: { organizationId: demo.acme.id }, select: { id: true }, orderBy: { email: "asc" } });
    const globexUser = await db.user.findFirstOrThrow({ where: { organizationId: demo.globex.id }, select: { id: true } });
    const total = ORGANIZATION_TOKENS_PAGE * 2 + 7;
    // Two tokens share each creation instant: the id breaks the tie.
    await db.apiToken.createMany({
      data: Array.from({ length: total }, (_, i) => ({
        organizationId: demo.acme.id,
        userId: acmeUsers[i % acmeUsers.length]!.id,
        name: `Bulk ${i}`,
        prefix: `hd_pat_${String(i).padStart(6, "0")}`,
        tokenHash: sha256(`bulk-${i}`),
        scope: i % 2 ? ("read" as const) : ("write" as const),
        createdAt: at(-Math.floor(i / 2) * 60_000),
      })),
    });
    await db.apiToken.createMany({
      data: Array.from({ length: 5 }, (_, i) => ({ organizationId: demo.globex.id, userId: globexUser.id, name: `Globex ${i}`, prefix: "hd_pat_globex", tokenHash: sha256(`globex-${i}`), scope: "read" as const, createdAt: T0 })),
    });

    const admin = a("admin@acme.test");
    const seen: { id: string; createdAt: Date; name: string; user: { email: string } }[] = [];
    const sizes: number[] = [];
    let before: string | null = null;
    for (let guard = 0; guard < 10; guard++) {
      const page: Awaited<ReturnType<typeof listOrganizationTokens>> = await listOrganizationTokens(admin, { before }, T0);
      sizes.push(page.rows.length);
      seen.push(...page.rows);
      before = page.nextBefore;
      if (!before) break;
      expect(before).toBe(page.rows[page.rows.length - 1]!.id);
    }
    expect(sizes).toEqual([ORGANIZATION_TOKENS_PAGE, ORGANIZATION_TOKENS_PAGE, 7]);
    expect(new Set(seen.map((t) => t.id)).size).toBe(total);
    expect(seen.every((t) => t.name.startsWith("Bulk "))).toBe(true);
    const expected = await db.apiToken.findMany({ where: { organizationId: demo.acme.id }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], select: { id: true } });
    expect(seen.map((t) => t.id)).toEqual(expected.map((t) => t.id));
    expect(seen[0]!.user.email).toMatch(/@acme\.test$/);

    // A cursor of another organization's token (or none that exists) is the first page, not theirs.
    const globexToken = await db.apiToken.findFirstOrThrow({ where: { organizationId: demo.globex.id } });
    expect((await listOrganizationTokens(admin, { before: globexToken.id }, T0)).rows[0]!.id).toBe(expected[0]!.id);
    const globex = await listOrganizationTokens(a("admin@globex.test"), {}, T0);
    expect(globex.rows.map((t) => t.name).sort()).toEqual(["Globex 0", "Globex 1", "Globex 2", "Globex 3", "Globex 4"]);
    expect(globex.nextBefore).toBeNull();
  });

  it("is not found for everyone without org.manage", async () => {
    await make(a("requester@acme.test"));
    for (const who of ["requester@acme.test", "agent@acme.test", "manager@acme.test", "tech@acme.test"] as const) {
      await expectAppError(listOrganizationTokens(a(who)), "NOT_FOUND");
    }
  });
});
