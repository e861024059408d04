import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { loadActor, type Actor } from "@/lib/auth/actor";
import { authenticate } from "@/lib/auth/sign-in";
import { BUILT_IN_ROLE_PERMISSIONS, BUILT_IN_ROLES } from "@/lib/auth/permissions";
import { parseEnv, registrationAllowed } from "@/lib/env";
import { DEFAULT_KANBAN_COLUMNS } from "@/lib/domain/projects/default-columns";
import { inviteUser } from "@/lib/domain/users/invite-user";
import { hashLinkToken, inspectLinkToken, LINK_TTL_MS } from "@/lib/domain/users/link-tokens";
import { requestPasswordReset } from "@/lib/domain/users/request-password-reset";
import { setPasswordWithLink } from "@/lib/domain/users/set-password-with-link";
import { updateOrganizationSettings } from "@/lib/domain/organization/update-settings";
import { loadOrganizationProfile } from "@/lib/domain/organization/settings";
import { bytesToMb } from "@/lib/validation/organization-settings";
import { expectAppError, linkTokenFor, seededDemo, type Demo } from "@/test/integration/helpers";
import { FIRST_PROJECT, registerOrganization } from "./register-organization";
import { registerRequester } from "./register-requester";
import { confirmEmail, invitationsOnHold } from "./confirmation";
import { ALREADY_CONFIRMED, resendConfirmation } from "./resend-confirmation";
import { portalSignUp } from "./portal-sign-up";

// Issue 13, self-registration: /register makes an organization, its roles, its
// first admin and project in one transaction; the founder signs in at once but
// invites nobody until the e-mailed link confirms the address. An organization's
// portal sign-up (its setting) makes unconfirmed requesters who cannot sign in
// until they confirm. Links are stored hashed, work once and expire; sign-ups
// are rate-limited per address and per client; a taken address answers the same.

let demo: Demo;
beforeEach(async () => {
  demo = await seededDemo();
});

let ipCounter = 0;
/** A fresh client address per call, so that the per-address limit only counts where a test means it to. */
const meta = (ip?: string) => ({ ip: ip ?? `198.51.100.${++ipCounter % 250}`, userAgent: "IntegrationTest/1.0 (registration)" });
const ON = { allowed: true };
const PASSWORD = "founder-password-1";
const form = (email: string, organizationName = "Initech") => ({ organizationName, name: "Pat Founder", email, password: PASSWORD, confirmPassword: PASSWORD });
const auditOf = (action: string) => db.auditLog.findMany({ where: { action }, orderBy: { createdAt: "asc" } });
const register = (email: string, organizationName?: string, ip?: string, now?: Date) => registerOrganization(form(email, organizationName), meta(ip), now, ON);

/** Row counts of everything a sign-up writes, to prove a refusal wrote nothing. */
async function footprint() {
  const [organizations, roles, users, projects, columns, members, tokens, mails, audits] = await Promise.all([
    db.organization.count(),
    db.role.count(),
    db.user.count(),
    db.project.count(),
    db.kanbanColumn.count(),
    db.projectMember.count(),
    db.userToken.count(),
    db.outboxMessage.count(),
    db.auditLog.count({ where: { action: { not: "registration.refused" } } }),
  ]);
  return { organizations, roles, users, projects, columns, members, tokens, mails, audits };
}

async function founderOf(email: string): Promise<Actor> {
  const user = await db.user.findUniqueOrThrow({ where: { email }, select: { id: true } });
  return (await loadActor(user.id))!;
}

describe("registering an organization", () => {
  it("is off unless the installation allows it: NOT_FOUND, nothing written", async () => {
    expect(registrationAllowed(parseEnv({ DATABASE_URL: "postgresql://localhost/x" }))).toBe(false);
    const before = await footprint();
    await expectAppError(registerOrganization(form("off@initech.test"), meta(), undefined, { allowed: false }), "NOT_FOUND");
    expect(await footprint()).toEqual(before);
  });

  it("creates the organization, its roles, its admin and a kanban project with the default columns, and e-mails a hashed one-time link", async () => {
    const before = await footprint();
    expect(await register("pat@initech.test", "Initech Ltd.")).toEqual({ email: "pat@initech.test" });

    const org = await db.organization.findUniqueOrThrow({ where: { slug: "initech-ltd" } });
    expect(org).toMatchObject({ name: "Initech Ltd.", registeredAt: expect.any(Date) });
    const roles = await db.role.findMany({ where: { organizationId: org.id } });
    expect(roles.map((r) => r.builtIn).sort()).toEqual([...BUILT_IN_ROLES].sort());
    for (const r of roles) expect(new Set(r.permissions)).toEqual(new Set(BUILT_IN_ROLE_PERMISSIONS[r.builtIn as keyof typeof BUILT_IN_ROLE_PERMISSIONS]));

    const user = await db.user.findUniqueOrThrow({ where: { email: "pat@initech.test" }, include: { role: true } });
    expect(user).toMatchObject({ organizationId: org.id, name: "Pat Founder", active: true, registeredAt: expect.any(Date), emailConfirmedAt: null, invitedAt: null });
    expect(user.role.builtIn).toBe("admin");
    expect(user.passwordHash).toMatch(/^\$2[aby]\$/);
    expect(org.unconfirmedFounderId).toBe(user.id);

    const project = await db.project.findFirstOrThrow({ where: { organizationId: org.id }, include: { columns: { orderBy: { position: "asc" } }, members: true } });
    expect(project).toMatchObject({ key: FIRST_PROJECT.key, name: FIRST_PROJECT.name, workflow: "kanban", numbering: "key_sequence", leadId: user.id });
    expect(project.columns.map((c) => [c.name, c.category])).toEqual(DEFAULT_KANBAN_COLUMNS.map((c) => [c.name, c.category]));
    expect(project.members.map((m) => m.userId)).toEqual([user.id]);
    expect(await db.numberCounter.count({ where: { organizationId: org.id } })).toBe(1);

    // The link lives only in the e-mail; the table holds its SHA-256.
    const token = await linkTokenFor("pat@initech.test", "confirm");
    const stored = await db.userToken.findFirstOrThrow({ where: { userId: user.id } });
    expect(stored).toMatchObject({ purpose: "email_confirmation", tokenHash: hashLinkToken(token), usedAt: null });
    expect(stored.expiresAt.getTime() - stored.createdAt.getTime()).toBeGreaterThan(LINK_TTL_MS.email_confirmation - 60_000);
    const mail = await db.outboxMessage.findFirstOrThrow({ where: { to: "pat@initech.test" } });
    expect(mail).toMatchObject({ organizationId: org.id, subject: "Confirm your e-mail address" });
    expect(mail.text).toContain("you can invite your team");

    const [row] = await auditOf("organization.registered");
    expect(row).toMatchObject({
      organizationId: org.id,
      actorId: user.id,
      entityId: org.id,
      ip: expect.stringMatching(/^198\.51\.100\./),
      data: {
        old: null,
        new: {
          organization: { name: "Initech Ltd.", slug: "initech-ltd" },
          admin: { id: user.id, email: "pat@initech.test", role: "Admin", emailConfirmed: false },
          project: { key: "WORK", name: "Work", workflow: "Kanban" },
        },
      },
    });
    const after = await footprint();
    expect(after).toEqual({
      organizations: before.organizations + 1,
      roles: before.roles + BUILT_IN_ROLES.length,
      users: before.users + 1,
      projects: before.projects + 1,
      columns: before.columns + DEFAULT_KANBAN_COLUMNS.length,
      members: before.members + 1,
      tokens: before.tokens + 1,
      mails: before.mails + 1,
      audits: before.audits + 1,
    });
  });

  it("is one transaction: when a late write fails, no organization, role, user or project is left", async () => {
    await db.$executeRawUnsafe(`CREATE FUNCTION refuse_outbox() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'outbox refused'; END $$`);
    await db.$executeRawUnsafe(`CREATE TRIGGER refuse_outbox BEFORE INSERT ON "OutboxMessage" FOR EACH ROW EXECUTE FUNCTION refuse_outbox()`);
    try {
      const before = await footprint();
      await expect(register("half@initech.test")).rejects.toThrow(/outbox refused/);
      expect(await footprint()).toEqual(before);
      expect(await db.organization.count({ where: { slug: "initech" } })).toBe(0);
    } finally {
      await db.$executeRawUnsafe(`DROP TRIGGER refuse_outbox ON "OutboxMessage"`);
      await db.$executeRawUnsafe(`DROP FUNCTION refuse_outbox()`);
    }
  });

  it("gives each organization a slug of its own, also when two of one name register at once", async () => {
    await Promise.all([register("a@one.test"), register("b@two.test"), register("c@three.test")]);
    const slugs = (await db.organization.findMany({ where: { name: "Initech" }, select: { slug: true } })).map((o) => o.slug).sort();
    expect(slugs).toEqual(["initech", "initech-2", "initech-3"]);
    // A name with nothing for a URL still gets one.
    await register("d@four.test", "Ωμέγα");
    expect(await db.organization.count({ where: { slug: "org" } })).toBe(1);
  });

  it("signs the founder in at once; inviting is refused until the link confirms the address, then works", async () => {
    await register("pat@initech.test");
    expect(await authenticate({ email: "pat@initech.test", password: PASSWORD }, meta())).not.toBeNull();
    const founder = await founderOf("pat@initech.test");
    expect(await invitationsOnHold(founder.organizationId)).toMatchObject({ id: founder.id, email: "pat@initech.test" });
    const requesterRole = (await db.role.findFirstOrThrow({ where: { organizationId: founder.organizationId, builtIn: "requester" } })).id;
    const invite = () => inviteUser(founder, { email: "colleague@initech.test", name: "Colleague", roleId: requesterRole }, meta());

    const before = await footprint();
    const refused = await expectAppError(invite(), "VALIDATION");
    expect(refused.message).toMatch(/^Confirm your e-mail address \(pat@initech\.test\) before you invite people/);
    expect(await footprint()).toEqual(before);

    const token = await linkTokenFor("pat@initech.test", "confirm");
    expect(await inspectLinkToken(token, "email_confirmation")).toEqual({ ok: true, user: { name: "Pat Founder", email: "pat@initech.test" } });
    expect(await confirmEmail({ token }, meta())).toEqual({ email: "pat@initech.test", founder: true });
    expect(await invitationsOnHold(founder.organizationId)).toBeNull();
    expect((await db.user.findUniqueOrThrow({ where: { id: founder.id } })).emailConfirmedAt).toBeInstanceOf(Date);
    const [confirmed] = await auditOf("user.email_confirmed");
    expect(confirmed).toMatchObject({ organizationId: founder.organizationId, actorId: founder.id, data: { old: { emailConfirmed: false }, new: { emailConfirmed: true }, invitationsOpened: true } });

    await invite();
    expect(await db.user.count({ where: { email: "colleague@initech.test", organizationId: founder.organizationId } })).toBe(1);
  });

  it("a confirmation link works once, not after it expired, and not as another kind of link", async () => {
    await register("once@initech.test");
    const token = await linkTokenFor("once@initech.test", "confirm");
    // An invite or reset page does not take it.
    expect(await inspectLinkToken(token, "invite")).toEqual({ ok: false, problem: "invalid" });
    await expectAppError(setPasswordWithLink({ token, purpose: "password_reset", password: "taken-over-1", confirmPassword: "taken-over-1" }, meta()), "VALIDATION");
    await confirmEmail({ token }, meta());
    expect(await inspectLinkToken(token, "email_confirmation")).toEqual({ ok: false, problem: "used" });
    const again = await expectAppError(confirmEmail({ token }, meta()), "VALIDATION");
    expect(again.message).toMatch(/already been used/);
    expect(await auditOf("user.email_confirmed")).toHaveLength(1);

    const sent = new Date(Date.now() - LINK_TTL_MS.email_confirmation - 60_000);
    await register("late@initech.test", "Late Corp", undefined, sent);
    const late = await linkTokenFor("late@initech.test", "confirm");
    expect(await inspectLinkToken(late, "email_confirmation")).toEqual({ ok: false, problem: "expired" });
    const expired = await expectAppError(confirmEmail({ token: late }, meta()), "VALIDATION");
    expect(expired.message).toMatch(/expired/);
    const org = await db.organization.findUniqueOrThrow({ where: { slug: "late-corp" } });
    expect(org.unconfirmedFounderId).not.toBeNull();
    await expectAppError(confirmEmail({ token: "A".repeat(43) }, meta()), "VALIDATION");
  });

  it("two uses of one link at once: exactly one confirms", async () => {
    await register("race@initech.test");
    const token = await linkTokenFor("race@initech.test", "confirm");
    const results = await Promise.allSettled([confirmEmail({ token }, meta()), confirmEmail({ token }, meta())]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(await auditOf("user.email_confirmed")).toHaveLength(1);
  });

  it("an address that already has an account: the same answer, nothing created, an e-mail saying so", async () => {
    const before = await footprint();
    expect(await register("agent@acme.test", "Hijack Inc")).toEqual({ email: "agent@acme.test" });
    const after = await footprint();
    expect(after).toEqual({ ...before, mails: before.mails + 1 });
    expect(await db.organization.count({ where: { name: "Hijack Inc" } })).toBe(0);
    const mail = await db.outboxMessage.findFirstOrThrow({ where: { to: "agent@acme.test" }, orderBy: { createdAt: "desc" } });
    expect(mail.subject).toBe("You already have a help desk account");
    expect(mail.text).not.toMatch(/\/confirm\//);
    // The existing password still signs in; the one typed at sign-up does not.
    expect(await authenticate({ email: "agent@acme.test", password: PASSWORD }, meta())).toBeNull();
    const [refused] = await auditOf("registration.refused");
    expect(refused).toMatchObject({ organizationId: demo.acme.id, data: { email: "agent@acme.test", form: "organization", reason: "email_taken", mail: "account_exists" } });
  });

  it("signing up again before confirming sends a new confirmation link (the first stops working)", async () => {
    await register("again@initech.test");
    const first = await linkTokenFor("again@initech.test", "confirm");
    await register("again@initech.test", "Second Try");
    expect(await db.organization.count({ where: { name: "Second Try" } })).toBe(0);
    const second = await linkTokenFor("again@initech.test", "confirm");
    expect(second).not.toBe(first);
    expect(await inspectLinkToken(first, "email_confirmation")).toEqual({ ok: false, problem: "replaced" });
    expect(await confirmEmail({ token: second }, meta())).toMatchObject({ founder: true });
  });

  it("is rate-limited per address signed up with: after 3, refused with when to try again, nothing written", async () => {
    for (let i = 0; i < 3; i++) await register("busy@initech.test", `Busy ${i}`);
    const before = await footprint();
    const e = await expectAppError(register("busy@initech.test", "Busy 4"), "VALIDATION");
    expect(e.message).toMatch(/^Too many attempts for this e-mail address\. Try again in /);
    expect(await footprint()).toEqual(before);
    const refused = await auditOf("registration.refused");
    expect(refused.at(-1)).toMatchObject({ data: { reason: "rate_limited", limit: "account" } });
    // Another address is not held up by it.
    await register("calm@initech.test", "Calm");
  });

  it("is rate-limited per client address: after 10 sign-ups from one address, the 11th is refused", async () => {
    for (let i = 0; i < 10; i++) await register(`crowd-${i}@initech.test`, `Crowd ${i}`, "203.0.113.200");
    const before = await footprint();
    const e = await expectAppError(register("crowd-10@initech.test", "Crowd 10", "203.0.113.200"), "VALIDATION");
    expect(e.message).toMatch(/^Too many attempts from your network\./);
    expect(await footprint()).toEqual(before);
    await register("crowd-10@initech.test", "Crowd 10", "203.0.113.201");
  });

  it("Resend confirmation: a new link for the founder, the earlier one replaced; audited; refused once confirmed and to non-admins", async () => {
    await register("resend@initech.test");
    const founder = await founderOf("resend@initech.test");
    const first = await linkTokenFor("resend@initech.test", "confirm");
    await new Promise((r) => setTimeout(r, 5));
    expect(await resendConfirmation(founder, meta())).toEqual({ email: "resend@initech.test" });
    const second = await linkTokenFor("resend@initech.test", "confirm");
    expect(await inspectLinkToken(first, "email_confirmation")).toEqual({ ok: false, problem: "replaced" });
    const [row] = await auditOf("user.confirmation_resent");
    expect(row).toMatchObject({ actorId: founder.id, entityId: founder.id, data: { old: { linkExpiresAt: expect.any(String) }, new: { linkExpiresAt: expect.any(String) }, linksReplaced: 1 } });
    await expectAppError(resendConfirmation(demo.actors["agent@acme.test"], meta()), "NOT_FOUND");
    // Acme was not registered: nothing waits on a confirmation there.
    expect((await expectAppError(resendConfirmation(demo.actors["admin@acme.test"], meta()), "VALIDATION")).message).toBe(ALREADY_CONFIRMED);
    await confirmEmail({ token: second }, meta());
    expect((await expectAppError(resendConfirmation(founder, meta()), "VALIDATION")).message).toBe(ALREADY_CONFIRMED);
  });
});

describe("signing up on an organization's portal", () => {
  const requesterForm = (email: string, orgSlug = "acme") => ({ orgSlug, name: "Sam Signup", email, password: "requester-pass-1", confirmPassword: "requester-pass-1" });
  const openPortal = async (on: boolean) => {
    const admin = demo.actors["admin@acme.test"];
    const org = await loadOrganizationProfile(demo.acme.id);
    const s = org.settings;
    await updateOrganizationSettings(
      admin,
      {
        name: org.name,
        timeZone: s.timeZone,
        defaultPriority: s.defaultPriority,
        requestersMayCreateTags: s.requestersMayCreateTags,
        requestersMayRegister: on,
        attachmentMaxMb: bytesToMb(s.attachmentMaxBytes ?? 10 * 1024 * 1024),
        allowedFileTypes: s.allowedFileTypes ?? ["pdf", "png", "jpg", "jpeg", "doc", "docx", "xls", "xlsx", "txt", "csv", "log"],
        updatedAt: org.updatedAt.toISOString(),
      },
      meta(),
      { installation: { maxBytes: 10 * 1024 * 1024, allowedTypes: ["pdf", "png", "jpg", "jpeg", "doc", "docx", "xls", "xlsx", "txt", "csv", "log"] } },
    );
  };

  it("is closed by default and for a slug that names nothing: NOT_FOUND, nothing written", async () => {
    expect(await portalSignUp("acme")).toBeNull();
    const before = await footprint();
    await expectAppError(registerRequester(requesterForm("sam@mail.test"), meta()), "NOT_FOUND");
    await expectAppError(registerRequester(requesterForm("sam@mail.test", "no-such-org"), meta()), "NOT_FOUND");
    await expectAppError(registerRequester(requesterForm("sam@mail.test", "ACME%00"), meta()), "NOT_FOUND");
    expect(await footprint()).toEqual(before);
  });

  it("with the setting on: a requester of that organization in its support projects, who signs in only after confirming", async () => {
    await openPortal(true);
    const [setting] = await auditOf("settings.updated");
    expect(setting).toMatchObject({ organizationId: demo.acme.id, data: { old: { requestersMayRegister: false }, new: { requestersMayRegister: true } } });
    expect(await portalSignUp("acme")).toMatchObject({ organization: { id: demo.acme.id, name: "Acme" }, requesterRole: { name: "Requester" } });

    expect(await registerRequester(requesterForm("sam@mail.test"), meta())).toEqual({ email: "sam@mail.test" });
    const user = await db.user.findUniqueOrThrow({ where: { email: "sam@mail.test" }, include: { role: true, memberships: { include: { project: true } } } });
    expect(user).toMatchObject({ organizationId: demo.acme.id, registeredAt: expect.any(Date), emailConfirmedAt: null, invitedAt: null });
    expect(user.role.builtIn).toBe("requester");
    expect(user.memberships.map((m) => m.project.key)).toEqual(["SUP"]);
    expect(await db.organization.count()).toBe(2);
    const [registered] = await auditOf("user.registered");
    expect(registered).toMatchObject({ organizationId: demo.acme.id, actorId: user.id, data: { old: null, new: { email: "sam@mail.test", role: "Requester", status: "unconfirmed", projects: ["SUP"] } } });
    expect(await auditOf("project.member_added")).toHaveLength(1);

    // Not before the address is confirmed: the same refusal as a wrong password.
    expect(await authenticate({ email: "sam@mail.test", password: "requester-pass-1" }, meta())).toBeNull();
    const [failed] = await auditOf("auth.sign_in_failed");
    expect(failed).toMatchObject({ data: { email: "sam@mail.test", reason: "unconfirmed" } });
    // Enough tries to lock the account: confirming lifts the lock (they were the owner all along).
    for (let i = 0; i < 5; i++) await authenticate({ email: "sam@mail.test", password: "requester-pass-1" }, meta());
    expect((await auditOf("auth.sign_in_failed")).at(-1)).toMatchObject({ data: { reason: "locked" } });
    const mail = await db.outboxMessage.findFirstOrThrow({ where: { to: "sam@mail.test" } });
    expect(mail.text).toContain("You signed up for Acme's help desk");
    expect(await confirmEmail({ token: await linkTokenFor("sam@mail.test", "confirm") }, meta())).toEqual({ email: "sam@mail.test", founder: false });
    expect(await authenticate({ email: "sam@mail.test", password: "requester-pass-1" }, meta())).not.toBeNull();
    // Acme invites as before: its founder was never unconfirmed.
    expect(await invitationsOnHold(demo.acme.id)).toBeNull();

    // An address with an account (in another organization, too): the same answer, no second account.
    const before = await footprint();
    expect(await registerRequester(requesterForm("requester@globex.test"), meta())).toEqual({ email: "requester@globex.test" });
    expect(await footprint()).toEqual({ ...before, mails: before.mails + 1 });
    expect((await db.user.findUniqueOrThrow({ where: { email: "requester@globex.test" } })).organizationId).toBe(demo.globex.id);

    // Turned off again: the page and the form are gone.
    await openPortal(false);
    expect(await portalSignUp("acme")).toBeNull();
    await expectAppError(registerRequester(requesterForm("late@mail.test"), meta()), "NOT_FOUND");
  });

  it("a reset link confirms the address of someone who never used their confirmation", async () => {
    await openPortal(true);
    await registerRequester(requesterForm("forgetful@mail.test"), meta());
    await requestPasswordReset({ email: "forgetful@mail.test" }, meta());
    const reset = await linkTokenFor("forgetful@mail.test", "reset");
    await setPasswordWithLink({ token: reset, purpose: "password_reset", password: "new-password-22", confirmPassword: "new-password-22" }, meta());
    expect((await db.user.findUniqueOrThrow({ where: { email: "forgetful@mail.test" } })).emailConfirmedAt).toBeInstanceOf(Date);
    expect(await authenticate({ email: "forgetful@mail.test", password: "new-password-22" }, meta())).not.toBeNull();
  });

  it("shares the sign-up limits: per address signed up with, whichever form", async () => {
    await openPortal(true);
    for (let i = 0; i < 3; i++) await registerRequester(requesterForm("hammer@mail.test"), meta());
    await expectAppError(registerRequester(requesterForm("hammer@mail.test"), meta()), "VALIDATION");
    await expectAppError(register("hammer@mail.test"), "VALIDATION");
  });
});
