import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { loadActor, loadSessionActor, type Actor } from "@/lib/auth/actor";
import { authenticate } from "@/lib/auth/sign-in";
import { DEMO_PASSWORD } from "@/prisma/factories";
import { actorFor, expectAppError, linkTokenFor, seededDemo, type Demo } from "@/test/integration/helpers";
import { inviteUser, resendInvite, EMAIL_IN_USE } from "./invite-user";
import { changeUserRole } from "./change-role";
import { deactivateUser, reactivateUser, NOT_YOURSELF } from "./set-user-active";
import { hashLinkToken, inspectLinkToken, LINK_TTL_MS } from "./link-tokens";
import { setPasswordWithLink } from "./set-password-with-link";
import { requestPasswordReset, RESET_REQUESTED } from "./request-password-reset";
import { listUsers } from "./list-users";

// Issue 13, Users: invitations and reset links (one use, expiry, stored
// hashed), role changes and deactivation with the last-admin guard (also when
// two admins race), sessions ended at once, cross-organization ids, audit rows.

let demo: Demo;
let acmeAdmin: Actor;
let globexAdmin: Actor;
let roles: Record<string, string>;
beforeEach(async () => {
  demo = await seededDemo();
  acmeAdmin = demo.actors["admin@acme.test"];
  globexAdmin = demo.actors["admin@globex.test"];
  const rows = await db.role.findMany({ where: { organizationId: demo.acme.id }, select: { id: true, builtIn: true } });
  roles = Object.fromEntries(rows.map((r) => [r.builtIn!, r.id]));
});

const meta = (ip = "198.51.100.31") => ({ ip, userAgent: "IntegrationTest/1.0 (users)" });
const auditOf = (action: string) => db.auditLog.findMany({ where: { action }, orderBy: { createdAt: "asc" } });
const userId = async (email: string) => (await db.user.findUniqueOrThrow({ where: { email }, select: { id: true } })).id;
const roleOf = async (email: string) => (await db.user.findUniqueOrThrow({ where: { email }, select: { roleId: true } })).roleId;

/** Counts of every table an admin write touches, to prove a refusal wrote nothing. */
async function footprint() {
  const [users, tokens, mails, audits, sessionsOpen, userRows] = await Promise.all([
    db.user.count(),
    db.userToken.count(),
    db.outboxMessage.count(),
    db.auditLog.count(),
    db.authSession.count({ where: { revokedAt: null } }),
    db.user.findMany({ orderBy: { id: "asc" }, select: { id: true, roleId: true, active: true, passwordHash: true } }),
  ]);
  return { users, tokens, mails, audits, sessionsOpen, userRows };
}

async function invite(email: string, role = "requester", by: Actor = acmeAdmin) {
  return inviteUser(by, { email, name: `Invited ${email.split("@")[0]}`, roleId: by === acmeAdmin ? roles[role]! : role }, meta());
}

describe("invite", () => {
  it("creates an invited user without password, e-mails a 7-day link, stores only its hash, and audits it", async () => {
    const now = new Date();
    const { id } = await inviteUser(acmeAdmin, { email: "  New.Person@Acme.test ", name: "New Person", roleId: roles.agent! }, meta(), now);
    const user = await db.user.findUniqueOrThrow({ where: { id } });
    expect(user).toMatchObject({ organizationId: demo.acme.id, email: "new.person@acme.test", name: "New Person", roleId: roles.agent, passwordHash: null, active: true });
    expect(user.invitedAt).not.toBeNull();

    const token = await linkTokenFor("new.person@acme.test", "invite");
    const mail = await db.outboxMessage.findFirstOrThrow({ where: { to: "new.person@acme.test" } });
    expect(mail).toMatchObject({ organizationId: demo.acme.id, status: "pending" });
    expect(mail.text).toContain(`/invite/${token}`);

    // Only the SHA-256 is stored: no column of the table holds the token itself.
    const [row] = await db.userToken.findMany({ where: { userId: id } });
    expect(row).toMatchObject({ purpose: "invite", tokenHash: hashLinkToken(token), usedAt: null, createdById: acmeAdmin.id });
    expect(row!.expiresAt.getTime() - now.getTime()).toBe(LINK_TTL_MS.invite);
    const dump = JSON.stringify(await db.$queryRaw`SELECT * FROM "UserToken"`);
    expect(dump).not.toContain(token);
    expect(dump).toContain(hashLinkToken(token));

    const [a] = await auditOf("user.invited");
    expect(a).toMatchObject({
      organizationId: demo.acme.id,
      actorId: acmeAdmin.id,
      entityId: id,
      ip: "198.51.100.31",
      data: { old: null, new: { email: "new.person@acme.test", name: "New Person", roleId: roles.agent, role: "Agent", status: "invited" } },
    });
    const list = await listUsers(acmeAdmin, { q: "new.person" });
    expect(list.rows.map((r) => [r.email, r.status, r.roleName])).toEqual([["new.person@acme.test", "invited", "Agent"]]);
  });

  it("an e-mail already in use (in any organization) is a message on Email and writes nothing", async () => {
    const before = await footprint();
    const e = await expectAppError(inviteUser(acmeAdmin, { email: "agent@globex.test", name: "Dup", roleId: roles.agent! }, meta()), "VALIDATION");
    expect(e.fieldErrors).toEqual({ email: [EMAIL_IN_USE] });
    expect(await footprint()).toEqual(before);
  });

  it("the link sets the password once, signs in with it, and is refused afterwards", async () => {
    const { id } = await invite("once@acme.test");
    const token = await linkTokenFor("once@acme.test", "invite");
    expect(await inspectLinkToken(token, "invite")).toEqual({ ok: true, user: { name: "Invited once", email: "once@acme.test" } });
    // The purpose is part of the link: an invite token is no reset token.
    expect(await inspectLinkToken(token, "password_reset")).toEqual({ ok: false, problem: "invalid" });

    expect(await setPasswordWithLink({ token, purpose: "invite", password: "first-password-1", confirmPassword: "first-password-1" }, meta())).toEqual({ email: "once@acme.test" });
    expect(await authenticate({ email: "once@acme.test", password: "first-password-1" }, meta())).toMatchObject({ id });
    const [accepted] = await auditOf("user.invite_accepted");
    expect(accepted).toMatchObject({ actorId: id, entityId: id, data: { old: { status: "invited", passwordSet: false }, new: { status: "active", passwordSet: true } } });

    expect(await inspectLinkToken(token, "invite")).toEqual({ ok: false, problem: "used" });
    const e = await expectAppError(setPasswordWithLink({ token, purpose: "invite", password: "second-password-2", confirmPassword: "second-password-2" }, meta()), "VALIDATION");
    expect(e.message).toMatch(/already been used/);
    expect(await authenticate({ email: "once@acme.test", password: "first-password-1" }, meta())).not.toBeNull();
    expect((await listUsers(acmeAdmin, { q: "once@" })).rows[0]?.status).toBe("active");
  });

  it("two uses of one link at once: exactly one sets the password", async () => {
    await invite("race@acme.test");
    const token = await linkTokenFor("race@acme.test", "invite");
    const results = await Promise.allSettled(
      ["race-password-a", "race-password-b"].map((p) => setPasswordWithLink({ token, purpose: "invite", password: p, confirmPassword: p }, meta())),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(await auditOf("user.invite_accepted")).toHaveLength(1);
  });

  it("an expired link is refused with its own message and sets nothing", async () => {
    const sent = new Date(Date.now() - LINK_TTL_MS.invite - 60_000);
    const { id } = await inviteUser(acmeAdmin, { email: "late@acme.test", name: "Late", roleId: roles.requester! }, meta(), sent);
    const token = await linkTokenFor("late@acme.test", "invite");
    expect(await inspectLinkToken(token, "invite")).toEqual({ ok: false, problem: "expired" });
    const e = await expectAppError(setPasswordWithLink({ token, purpose: "invite", password: "late-password-1", confirmPassword: "late-password-1" }, meta()), "VALIDATION");
    expect(e.message).toMatch(/expired/);
    expect((await db.user.findUniqueOrThrow({ where: { id } })).passwordHash).toBeNull();
    expect(await inspectLinkToken("A".repeat(43), "invite")).toEqual({ ok: false, problem: "invalid" });
    expect(await inspectLinkToken("not-a-token", "invite")).toEqual({ ok: false, problem: "invalid" });
  });

  it("resend replaces the link (the first stops working) and is audited with old and new expiry", async () => {
    const { id } = await invite("again@acme.test");
    const first = await linkTokenFor("again@acme.test", "invite");
    await new Promise((r) => setTimeout(r, 5));
    await resendInvite(acmeAdmin, { userId: id }, meta());
    const second = await linkTokenFor("again@acme.test", "invite");
    expect(second).not.toBe(first);
    expect(await inspectLinkToken(first, "invite")).toEqual({ ok: false, problem: "replaced" });
    expect((await inspectLinkToken(second, "invite")).ok).toBe(true);
    const [a] = await auditOf("user.invite_resent");
    expect(a).toMatchObject({ entityId: id, data: { old: { linkExpiresAt: expect.any(String) }, new: { linkExpiresAt: expect.any(String) }, linksReplaced: 1 } });
    // Someone who has a password has no invite to resend.
    await expectAppError(resendInvite(acmeAdmin, { userId: await userId("agent@acme.test") }, meta()), "VALIDATION");
  });
});

describe("the last admin", () => {
  it("cannot be demoted or deactivated; nothing is written", async () => {
    const admin = acmeAdmin.id;
    const other = await actorFor("manager@acme.test");
    const before = await footprint();
    const e = await expectAppError(changeUserRole(acmeAdmin, { userId: admin, roleId: roles.agent!, expectedRoleId: roles.admin! }, meta()), "VALIDATION");
    expect(e.message).toMatch(/last active admin/);
    // A manager has no org.manage: not allowed at all.
    await expectAppError(deactivateUser(other, { userId: admin }, meta()), "NOT_FOUND");
    expect(await footprint()).toEqual(before);
  });

  it("an admin cannot deactivate themself", async () => {
    const before = await footprint();
    const e = await expectAppError(deactivateUser(acmeAdmin, { userId: acmeAdmin.id }, meta()), "VALIDATION");
    expect(e.message).toBe(NOT_YOURSELF);
    expect(await footprint()).toEqual(before);
  });

  it("with a second admin, one may be demoted; then the other is the last", async () => {
    const second = await userId("manager@acme.test");
    await changeUserRole(acmeAdmin, { userId: second, roleId: roles.admin!, expectedRoleId: roles.manager! }, meta());
    const secondActor = (await loadActor(second))!;
    await changeUserRole(secondActor, { userId: acmeAdmin.id, roleId: roles.agent!, expectedRoleId: roles.admin! }, meta());
    expect(await roleOf("admin@acme.test")).toBe(roles.agent);
    await expectAppError(changeUserRole(secondActor, { userId: second, roleId: roles.manager!, expectedRoleId: roles.admin! }, meta()), "VALIDATION");
    await expectAppError(deactivateUser(await actorFor("admin@acme.test"), { userId: second }, meta()), "NOT_FOUND"); // no longer an admin
  });

  it("an invited admin (no password yet) does not count as the other admin", async () => {
    await invite("future-admin@acme.test", "admin");
    await expectAppError(changeUserRole(acmeAdmin, { userId: acmeAdmin.id, roleId: roles.agent!, expectedRoleId: roles.admin! }, meta()), "VALIDATION");
  });

  it("two admins demoting each other at once: exactly one succeeds, one admin remains", async () => {
    const second = await userId("manager@acme.test");
    await changeUserRole(acmeAdmin, { userId: second, roleId: roles.admin!, expectedRoleId: roles.manager! }, meta());
    const secondActor = (await loadActor(second))!;
    for (let round = 0; round < 3; round++) {
      const results = await Promise.allSettled([
        changeUserRole(acmeAdmin, { userId: second, roleId: roles.agent!, expectedRoleId: roles.admin! }, meta()),
        changeUserRole(secondActor, { userId: acmeAdmin.id, roleId: roles.agent!, expectedRoleId: roles.admin! }, meta()),
      ]);
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      const admins = await db.user.count({ where: { organizationId: demo.acme.id, active: true, role: { permissions: { has: "org.manage" } } } });
      expect(admins).toBe(1);
      // Put both back for the next round.
      await db.user.updateMany({ where: { id: { in: [acmeAdmin.id, second] } }, data: { roleId: roles.admin } });
    }
  });

  it("an admin demoting the other while that one deactivates them: one wins, one admin remains", async () => {
    const second = await userId("manager@acme.test");
    await changeUserRole(acmeAdmin, { userId: second, roleId: roles.admin!, expectedRoleId: roles.manager! }, meta());
    const secondActor = (await loadActor(second))!;
    const results = await Promise.allSettled([
      deactivateUser(acmeAdmin, { userId: second }, meta()),
      changeUserRole(secondActor, { userId: acmeAdmin.id, roleId: roles.requester!, expectedRoleId: roles.admin! }, meta()),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const admins = await db.user.count({ where: { organizationId: demo.acme.id, active: true, role: { permissions: { has: "org.manage" } } } });
    expect(admins).toBe(1);
  });
});

describe("role change", () => {
  it("saves with compare-and-set, audits old and new, and applies on the user's next request", async () => {
    const target = await userId("requester2@acme.test");
    const r = await changeUserRole(acmeAdmin, { userId: target, roleId: roles.agent!, expectedRoleId: roles.requester! }, meta());
    expect(r).toMatchObject({ changed: true, roleName: "Agent" });
    expect((await loadActor(target))!.permissions.has("ticket.view_all")).toBe(true);
    const [a] = await auditOf("user.role_changed");
    expect(a).toMatchObject({ entityId: target, data: { old: { roleId: roles.requester, role: "Requester" }, new: { roleId: roles.agent, role: "Agent" } } });

    // A stale form (it still shows Requester) is a conflict, not an overwrite.
    const before = await footprint();
    const e = await expectAppError(changeUserRole(acmeAdmin, { userId: target, roleId: roles.manager!, expectedRoleId: roles.requester! }, meta()), "CONFLICT");
    expect(e.message).toMatch(/now Agent/);
    expect(await footprint()).toEqual(before);
  });
});

describe("deactivation", () => {
  it("ends every session of the user at once, withdraws their links, refuses sign-in; reactivation lets them back", async () => {
    const email = "requester2@acme.test";
    const target = await userId(email);
    const a = (await authenticate({ email, password: DEMO_PASSWORD }, meta()))!;
    const b = (await authenticate({ email, password: DEMO_PASSWORD }, meta("198.51.100.77")))!;
    await requestPasswordReset({ email }, meta());
    const resetToken = await linkTokenFor(email, "reset");

    expect(await deactivateUser(acmeAdmin, { userId: target }, meta())).toEqual({ id: target, sessionsEnded: 2 });
    expect(await loadSessionActor(a.sessionId, target)).toBeNull();
    expect(await loadSessionActor(b.sessionId, target)).toBeNull();
    const sessions = await db.authSession.findMany({ where: { userId: target } });
    expect(sessions.every((s) => s.revokedReason === "deactivated")).toBe(true);
    expect(await inspectLinkToken(resetToken, "password_reset")).toEqual({ ok: false, problem: "replaced" });
    expect(await authenticate({ email, password: DEMO_PASSWORD }, meta())).toBeNull();
    const [d] = await auditOf("user.deactivated");
    expect(d).toMatchObject({ entityId: target, data: { old: { active: true, status: "active" }, new: { active: false, status: "deactivated" }, sessionsEnded: 2, linksWithdrawn: 1 } });

    // Twice is a conflict (another admin did it first).
    await expectAppError(deactivateUser(acmeAdmin, { userId: target }, meta()), "CONFLICT");
    await reactivateUser(acmeAdmin, { userId: target }, meta());
    expect(await authenticate({ email, password: DEMO_PASSWORD }, meta())).not.toBeNull();
    const [r] = await auditOf("user.reactivated");
    expect(r).toMatchObject({ entityId: target, data: { old: { active: false, status: "deactivated" }, new: { active: true, status: "active" } } });
  });
});

describe("another organization's ids are not found, and nothing is written", () => {
  it("a Globex admin against Acme's users and roles", async () => {
    const acmeUser = await userId("requester@acme.test");
    const globexRole = (await db.role.findFirstOrThrow({ where: { organizationId: demo.globex.id, builtIn: "agent" } })).id;
    await invite("invited-acme@acme.test");
    const invited = await userId("invited-acme@acme.test");
    const before = await footprint();

    await expectAppError(changeUserRole(globexAdmin, { userId: acmeUser, roleId: globexRole, expectedRoleId: roles.requester! }, meta()), "NOT_FOUND");
    await expectAppError(changeUserRole(globexAdmin, { userId: acmeUser, roleId: roles.agent!, expectedRoleId: roles.requester! }, meta()), "NOT_FOUND");
    await expectAppError(deactivateUser(globexAdmin, { userId: acmeUser }, meta()), "NOT_FOUND");
    await expectAppError(reactivateUser(globexAdmin, { userId: acmeUser }, meta()), "NOT_FOUND");
    await expectAppError(resendInvite(globexAdmin, { userId: invited }, meta()), "NOT_FOUND");
    // An Acme role given to a Globex user: the role is not found either.
    const globexUser = await userId("requester@globex.test");
    const globexRequester = await roleOf("requester@globex.test");
    await expectAppError(changeUserRole(globexAdmin, { userId: globexUser, roleId: roles.admin!, expectedRoleId: globexRequester }, meta()), "NOT_FOUND");
    // Inviting with an Acme role: a field message, no user.
    const e = await expectAppError(inviteUser(globexAdmin, { email: "sneaky@globex.test", name: "Sneaky", roleId: roles.admin! }, meta()), "VALIDATION");
    expect(e.fieldErrors?.roleId).toBeDefined();
    expect(await footprint()).toEqual(before);

    // Globex's list never shows Acme's people.
    const list = await listUsers(globexAdmin, { q: "acme" });
    expect(list.rows).toEqual([]);
    expect((await listUsers(globexAdmin, {})).rows.every((r) => r.email.endsWith("@globex.test"))).toBe(true);
    // An Acme role as Globex's filter is no filter (and shows no Acme user).
    const foreignRole = await listUsers(globexAdmin, { role: roles.requester });
    expect(foreignRole.filters.role).toBeNull();
    expect(foreignRole.rows.map((r) => r.email).sort()).toEqual(["admin@globex.test", "agent@globex.test", "requester@globex.test"]);
  });

  it("non-admins may not list or change users", async () => {
    const agent = demo.actors["agent@acme.test"];
    await expectAppError(listUsers(agent, {}), "NOT_FOUND");
    await expectAppError(inviteUser(agent, { email: "x@acme.test", name: "X", roleId: roles.requester! }, meta()), "NOT_FOUND");
    await expectAppError(changeUserRole(demo.actors["requester@acme.test"], { userId: agent.id, roleId: roles.admin!, expectedRoleId: roles.agent! }, meta()), "NOT_FOUND");
  });
});

describe("forgot password", () => {
  it("answers the same for known, unknown and deactivated addresses; only the known active one gets a link", async () => {
    const mails0 = await db.outboxMessage.count();
    for (const email of ["requester@acme.test", "nobody@nowhere.test"]) expect(await requestPasswordReset({ email }, meta())).toEqual({ message: RESET_REQUESTED });
    await db.user.update({ where: { email: "requester2@acme.test" }, data: { active: false } });
    expect(await requestPasswordReset({ email: "requester2@acme.test" }, meta())).toEqual({ message: RESET_REQUESTED });
    expect(await db.outboxMessage.count()).toBe(mails0 + 1);
    expect(await db.outboxMessage.count({ where: { to: "requester@acme.test" } })).toBe(1);
  });

  it("the reset link sets the password, ends every session, works once and expires after an hour", async () => {
    const email = "agent@acme.test";
    const s = (await authenticate({ email, password: DEMO_PASSWORD }, meta()))!;
    await requestPasswordReset({ email }, meta());
    const token = await linkTokenFor(email, "reset");
    const row = await db.userToken.findUniqueOrThrow({ where: { tokenHash: hashLinkToken(token) } });
    expect(row.expiresAt.getTime() - row.createdAt.getTime()).toBeGreaterThan(LINK_TTL_MS.password_reset - 5_000);
    expect(row.expiresAt.getTime() - row.createdAt.getTime()).toBeLessThanOrEqual(LINK_TTL_MS.password_reset + 5_000);
    // An hour later it no longer works.
    expect(await inspectLinkToken(token, "password_reset", new Date(Date.now() + LINK_TTL_MS.password_reset + 1_000))).toEqual({ ok: false, problem: "expired" });

    await setPasswordWithLink({ token, purpose: "password_reset", password: "reset-password-9", confirmPassword: "reset-password-9" }, meta());
    expect(await loadSessionActor(s.sessionId, s.id)).toBeNull();
    expect(await authenticate({ email, password: DEMO_PASSWORD }, meta())).toBeNull();
    expect(await authenticate({ email, password: "reset-password-9" }, meta())).not.toBeNull();
    const [a] = await auditOf("auth.password_reset");
    expect(a).toMatchObject({ actorId: s.id, data: { old: { passwordSet: true }, new: { passwordSet: true }, sessionsEnded: 1 } });
    await expectAppError(setPasswordWithLink({ token, purpose: "password_reset", password: "reset-password-8", confirmPassword: "reset-password-8" }, meta()), "VALIDATION");
  });

  it("is rate-limited per address asked for: after 3 requests no more e-mails, same answer", async () => {
    const email = "manager@acme.test";
    for (let i = 0; i < 5; i++) expect(await requestPasswordReset({ email }, meta(`198.51.100.${100 + i}`))).toEqual({ message: RESET_REQUESTED });
    expect(await db.outboxMessage.count({ where: { to: email } })).toBe(3);
    expect((await auditOf("auth.password_reset_refused")).map((r) => (r.data as { reason: string }).reason)).toEqual(["rate_limited", "rate_limited"]);
  });

  it("a password that breaks the rules or does not match is a field message and uses nothing up", async () => {
    await requestPasswordReset({ email: "tech@acme.test" }, meta());
    const token = await linkTokenFor("tech@acme.test", "reset");
    const e = await expectAppError(setPasswordWithLink({ token, purpose: "password_reset", password: "short", confirmPassword: "other" }, meta()), "VALIDATION");
    expect(Object.keys(e.fieldErrors ?? {}).sort()).toEqual(["confirmPassword", "password"]);
    expect((await inspectLinkToken(token, "password_reset")).ok).toBe(true);
  });
});
