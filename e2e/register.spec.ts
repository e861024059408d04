import type { Browser, BrowserContext, Page } from "@playwright/test";
import { test, expect, USERS, uniqueSuffix, signIn, submitSignIn, signInAlert, GENERIC_SIGN_IN_ERROR } from "./support/fixtures";
import { cloneUser, sql } from "./support/db";
import { readMail, urlIn } from "./support/mail";
import { startSecondInstance, type Instance } from "./support/second-instance";

// Issue 13, self-registration and memberships from the user row.
// The server under test runs as installed by default: registration off. The
// "on" journey runs against a second instance of the same build on the same
// database, started with ALLOW_REGISTRATION=true (its e-mails are drained by
// the first one's outbox worker, their links point at the second).
// Everyone this spec creates is deactivated afterwards (other specs count staff).

const PORT = Number(process.env.E2E_PORT ?? 3100);
const shot = (page: Page, name: string) => page.screenshot({ path: `test-results/screens/${name}.png`, fullPage: true });
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 800 };

/** Both widths of the page as it is now. */
async function shots(page: Page, name: string) {
  await page.setViewportSize(DESKTOP);
  await shot(page, `${name}-1280`);
  await page.setViewportSize(PHONE);
  await shot(page, `${name}-390`);
  await page.setViewportSize(DESKTOP);
}

const sfx = uniqueSuffix();
const created: string[] = [];

test.afterAll(async () => {
  if (created.length) await sql(`UPDATE "User" SET active = false, "updatedAt" = now() WHERE email = ANY($1::text[])`, [created]);
  // Sign-ups from the loopback address count against its limit: leave it as it was for the next run.
  await sql(`DELETE FROM "SignInThrottle" WHERE key LIKE 'register:%' OR key LIKE 'confirm:%'`);
  await sql(`UPDATE "Organization" SET settings = settings - 'requestersMayRegister', "updatedAt" = now() WHERE slug = 'acme'`);
});

test("[register] off by default: /register is a 404, /login offers no sign-up, a portal sign-up page is a 404 until the organization opens it", async ({ anonymous }) => {
  const page = await anonymous();
  expect((await page.goto("/register"))?.status()).toBe(404);
  await page.goto("/login");
  await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Create an organization" })).toHaveCount(0);
  expect((await page.goto("/register/acme"))?.status()).toBe(404);
  expect((await page.goto("/register/no-such-organization"))?.status()).toBe(404);
});

test.describe.serial("[register] with ALLOW_REGISTRATION=true", () => {
  let second: Instance;
  let context: BrowserContext;
  let page: Page;
  const errors: string[] = [];
  const email = `founder-${sfx}@initech.test`;
  const teammate = `teammate-${sfx}@initech.test`;
  const organizationName = `Initech ${sfx}`;
  const password = `founder-pass-${sfx}`;

  test.beforeAll(async ({ browser }: { browser: Browser }) => {
    test.setTimeout(90_000);
    second = await startSecondInstance(PORT + 60, { ALLOW_REGISTRATION: "true" });
    context = await browser.newContext({ baseURL: second.baseURL, viewport: DESKTOP });
    context.on("response", (r) => {
      if (r.status() >= 500) errors.push(`${r.status()} ${r.request().method()} ${r.url()}`);
    });
    page = await context.newPage();
    created.push(email, teammate);
  });
  test.afterAll(async () => {
    await context?.close();
    await second?.stop();
  });
  test.afterEach(() => {
    expect(errors, "no request may answer 5xx").toEqual([]);
  });

  test("[register] /login → Create an organization → a field error keeps the input → check your e-mail, signed in", async () => {
    await page.goto("/login");
    await expect(page.getByRole("link", { name: "Create an organization" })).toBeVisible();
    await shots(page, "login-with-registration");
    await page.getByRole("link", { name: "Create an organization" }).click();
    await page.waitForURL(/\/register$/);
    await expect(page.getByRole("heading", { name: "Create your organization" })).toBeVisible();
    await shots(page, "register");

    await page.getByLabel("Organization name").fill(organizationName);
    await page.getByLabel("Name", { exact: true }).fill("Pat Founder");
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password", { exact: true }).fill(password);
    await page.getByLabel("Confirm password").fill("something-else-1");
    await page.getByRole("button", { name: "Create organization" }).click();
    await expect(page.getByLabel("Confirm password")).toHaveAccessibleDescription("The passwords do not match");
    await expect(page.getByLabel("Organization name")).toHaveValue(organizationName);
    await shots(page, "register-error");

    await page.getByLabel("Confirm password").fill(password);
    await page.getByRole("button", { name: "Create organization" }).click();
    await expect(page.getByRole("heading", { name: "Check your e-mail" })).toBeVisible();
    await expect(page.getByRole("status")).toContainText(email);
    await expect(page.getByRole("link", { name: "Set up your organization" })).toBeVisible();
    await shots(page, "register-check-email");

    const [org] = await sql<{ id: string; slug: string; founder: string | null }>(`SELECT id, slug, "unconfirmedFounderId"::text AS founder FROM "Organization" WHERE name = $1`, [organizationName]);
    expect(org!.slug).toBe(`initech-${sfx}`);
    expect(org!.founder).not.toBeNull();
    const columns = await sql<{ name: string }>(`SELECT c.name FROM "KanbanColumn" c JOIN "Project" p ON p.id = c."projectId" WHERE p."organizationId" = $1 AND p.key = 'WORK' ORDER BY c.position`, [org!.id]);
    expect(columns.map((c) => c.name)).toEqual(["To do", "In progress", "Review", "Done"]);
  });

  test("[register] until the e-mail is confirmed, Users says why and Invite user is refused", async () => {
    await page.getByRole("link", { name: "Set up your organization" }).click();
    await page.goto("/admin/users");
    const notice = page.getByRole("region", { name: "Invitations are on hold" });
    await expect(notice).toContainText(`Confirm your e-mail address (${email})`);
    await expect(notice.getByRole("button", { name: "Resend confirmation" })).toBeVisible();
    await shots(page, "users-on-hold");

    await page.getByRole("button", { name: "Invite user" }).click();
    const dialog = page.getByRole("dialog", { name: "Invite user" });
    await dialog.getByLabel("Email").fill(teammate);
    await dialog.getByLabel("Name").fill("Terry Teammate");
    await dialog.getByRole("button", { name: "Send invite" }).click();
    await expect(dialog.getByRole("alert")).toContainText("Confirm your e-mail address");
    await dialog.getByRole("button", { name: "Cancel" }).click();
    expect(await sql(`SELECT 1 FROM "User" WHERE email = $1`, [teammate])).toHaveLength(0);

    // A new link replaces the first.
    await notice.getByRole("button", { name: "Resend confirmation" }).click();
    await expect(notice.getByRole("status")).toContainText(`A new confirmation link was sent to ${email}`);
  });

  test("[register] the e-mail's link → Confirm e-mail address → Invite user works, into the WORK project; the link then says it was used", async () => {
    const mail = await readMail(email, /^Confirm your e-mail address$/);
    expect(mail).toContain("Hello Pat Founder,");
    const url = urlIn(mail, "confirm");
    expect(url.origin).toBe(second.baseURL);
    // Only the SHA-256 of the token is stored.
    expect(JSON.stringify(await sql(`SELECT t."tokenHash" FROM "UserToken" t JOIN "User" u ON u.id = t."userId" WHERE u.email = $1`, [email]))).not.toContain(url.pathname.split("/").pop()!);

    await page.goto(url.pathname);
    await expect(page.getByRole("heading", { name: "Confirm your e-mail address" })).toBeVisible();
    await shots(page, "confirm");
    await page.getByRole("button", { name: "Confirm e-mail address" }).click();
    await expect(page.getByRole("status")).toContainText("Your e-mail address is confirmed.");
    await shots(page, "confirm-done");
    await page.getByRole("link", { name: "Go to Users" }).click();
    await page.waitForURL(/\/admin\/users$/);
    await expect(page.getByRole("region", { name: "Invitations are on hold" })).toHaveCount(0);

    await page.getByRole("button", { name: "Invite user" }).click();
    const dialog = page.getByRole("dialog", { name: "Invite user" });
    await dialog.getByLabel("Email").fill(teammate);
    await dialog.getByLabel("Name").fill("Terry Teammate");
    await dialog.getByLabel("Role").selectOption({ label: "Agent" });
    await dialog.getByRole("group", { name: "Projects" }).getByRole("checkbox", { name: "WORK Work" }).check();
    await shots(page, "invite-projects");
    await dialog.getByRole("button", { name: "Send invite" }).click();
    await expect(page.getByRole("status").filter({ hasText: `An invite was sent to ${teammate}` })).toBeVisible();
    const member = await sql<{ key: string }>(`SELECT p.key FROM "ProjectMember" pm JOIN "Project" p ON p.id = pm."projectId" JOIN "User" u ON u.id = pm."userId" WHERE u.email = $1`, [teammate]);
    expect(member.map((m) => m.key)).toEqual(["WORK"]);
    await readMail(teammate, /invited/);

    await page.goto(url.pathname);
    await expect(page.getByRole("heading", { name: "This link has already been used" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Confirm e-mail address" })).toHaveCount(0);
  });

  test("[register] an address that already has an account sees the same page and is not signed in", async ({ browser }: { browser: Browser }) => {
    const other = await browser.newContext({ baseURL: second.baseURL });
    try {
      const p = await other.newPage();
      await p.goto("/register");
      await p.getByLabel("Organization name").fill(`Copycat ${sfx}`);
      await p.getByLabel("Name", { exact: true }).fill("Copy Cat");
      await p.getByLabel("Email").fill(USERS.acmeAgent);
      await p.getByLabel("Password", { exact: true }).fill(`copycat-pass-${sfx}`);
      await p.getByLabel("Confirm password").fill(`copycat-pass-${sfx}`);
      await p.getByRole("button", { name: "Create organization" }).click();
      await expect(p.getByRole("heading", { name: "Check your e-mail" })).toBeVisible();
      await expect(p.getByRole("status")).toContainText(USERS.acmeAgent);
      await expect(p.getByRole("link", { name: "Set up your organization" })).toHaveCount(0);
      expect(await sql(`SELECT 1 FROM "Organization" WHERE name = $1`, [`Copycat ${sfx}`])).toHaveLength(0);
      await readMail(USERS.acmeAgent, /^You already have a help desk account$/);
    } finally {
      await other.close();
    }
  });
});

test.describe.serial("[register] a requester signs up on the organization's portal", () => {
  const email = `portal-${sfx}@mail.test`;
  const password = `portal-pass-${sfx}`;

  test("[register] the admin opens sign-up in Settings; a visitor signs up, cannot sign in until confirmed, then signs in to the portal", async ({ as, anonymous }) => {
    test.setTimeout(90_000);
    created.push(email);
    const admin = await as(USERS.acmeAdmin);
    await admin.goto("/admin/settings");
    await admin.getByRole("checkbox", { name: "Requesters may register" }).check();
    await expect(admin.getByRole("region", { name: "Portal" })).toContainText("/register/acme");
    await shots(admin, "settings-portal");
    await admin.getByRole("button", { name: "Save settings" }).click();
    await expect(admin.getByRole("status").filter({ hasText: "Settings saved." })).toBeVisible();
    const [audit] = await sql<{ data: { old: Record<string, unknown>; new: Record<string, unknown> } }>(
      `SELECT a.data FROM "AuditLog" a JOIN "Organization" o ON o.id = a."organizationId" WHERE o.slug = 'acme' AND a.action = 'settings.updated' ORDER BY a."createdAt" DESC LIMIT 1`,
    );
    expect(audit!.data).toMatchObject({ old: { requestersMayRegister: false }, new: { requestersMayRegister: true } });

    const visitor = await anonymous();
    await visitor.goto("/register/acme");
    await expect(visitor.getByRole("heading", { name: "Sign up for Acme" })).toBeVisible();
    await expect(visitor.getByLabel("Organization name")).toHaveCount(0);
    await shots(visitor, "portal-sign-up");
    await visitor.getByLabel("Name", { exact: true }).fill("Paula Portal");
    await visitor.getByLabel("Email").fill(email);
    await visitor.getByLabel("Password", { exact: true }).fill(password);
    await visitor.getByLabel("Confirm password").fill(password);
    await visitor.getByRole("button", { name: "Create account" }).click();
    await expect(visitor.getByRole("heading", { name: "Check your e-mail" })).toBeVisible();
    await expect(visitor.getByRole("status")).toContainText("then you can sign in");
    await shots(visitor, "portal-sign-up-check-email");

    // Not before confirming: the same answer as a wrong password.
    const early = await anonymous();
    await submitSignIn(early, email, password);
    await expect(signInAlert(early)).toHaveText(GENERIC_SIGN_IN_ERROR);

    const mail = await readMail(email, /^Confirm your e-mail address$/);
    expect(mail).toContain("You signed up for Acme's help desk");
    await visitor.goto(urlIn(mail, "confirm").pathname);
    await visitor.getByRole("button", { name: "Confirm e-mail address" }).click();
    await expect(visitor.getByRole("status")).toContainText("You can sign in now.");
    await visitor.getByRole("link", { name: "Sign in" }).click();
    await visitor.waitForURL(/\/login/);
    await signIn(visitor, email, password);
    await visitor.waitForURL(/\/portal$/);
    await visitor.goto("/portal/new");
    await expect(visitor.getByLabel("Request type").locator("option")).toHaveText(["Support request"]);
  });

  test("[register] turned off again, the sign-up page is a 404", async ({ anonymous }) => {
    await sql(`UPDATE "Organization" SET settings = settings - 'requestersMayRegister', "updatedAt" = now() WHERE slug = 'acme'`);
    const visitor = await anonymous();
    expect((await visitor.goto("/register/acme"))?.status()).toBe(404);
  });
});

test.describe.serial("[admin] a user's projects from their row", () => {
  const email = `memberships-${sfx}@acme.test`;
  const name = `Mona Members ${sfx}`;

  test("[admin] Projects for <name>: join ENG, triage SUP, leave CHG → saved and audited; the dialog shows it next time", async ({ as }) => {
    created.push(email);
    await cloneUser(USERS.acmeRequester, email, name); // a requester: member of SUP and CHG
    const admin = await as(USERS.acmeAdmin);
    await admin.goto(`/admin/users?q=${encodeURIComponent(name)}`);
    const row = admin.getByRole("row").filter({ hasText: name });
    await row.getByRole("button", { name: `Projects for ${name}` }).click();
    const dialog = admin.getByRole("dialog", { name: `Projects for ${name}` });
    await expect(dialog.getByRole("checkbox", { name: "Member of SUP" })).toBeChecked();
    await expect(dialog.getByRole("checkbox", { name: "Member of CHG" })).toBeChecked();
    await expect(dialog.getByRole("checkbox", { name: "Member of ENG" })).not.toBeChecked();
    await expect(dialog.getByRole("checkbox", { name: "Triage in ENG" })).toBeDisabled();

    await dialog.getByRole("checkbox", { name: "Member of ENG" }).check();
    await dialog.getByRole("checkbox", { name: "Triage in SUP" }).check();
    await dialog.getByRole("checkbox", { name: "Member of CHG" }).uncheck();
    await expect(dialog.getByRole("checkbox", { name: "Triage in CHG" })).toBeDisabled();
    await shots(admin, "user-projects");
    await dialog.getByRole("button", { name: "Save projects" }).click();
    await expect(admin.getByTestId("users-feedback")).toHaveText(`${name}'s projects were saved.`);

    const rows = await sql<{ key: string; triage: boolean }>(
      `SELECT p.key, pm.triage FROM "ProjectMember" pm JOIN "Project" p ON p.id = pm."projectId" JOIN "User" u ON u.id = pm."userId" WHERE u.email = $1 ORDER BY p.key`,
      [email],
    );
    expect(rows).toEqual([
      { key: "ENG", triage: false },
      { key: "SUP", triage: true },
    ]);
    const audits = await sql<{ action: string }>(
      `SELECT a.action FROM "AuditLog" a WHERE a.action LIKE 'project.member%' AND a.data->'user'->>'email' = $1 ORDER BY a."createdAt"`,
      [email],
    );
    expect(audits.map((a) => a.action).sort()).toEqual(["project.member_added", "project.member_removed", "project.member_triage_changed"]);

    await admin.reload();
    await admin.getByRole("row").filter({ hasText: name }).getByRole("button", { name: `Projects for ${name}` }).click();
    await expect(dialog.getByRole("checkbox", { name: "Member of ENG" })).toBeChecked();
    await expect(dialog.getByRole("checkbox", { name: "Triage in SUP" })).toBeChecked();
    await expect(dialog.getByRole("checkbox", { name: "Member of CHG" })).not.toBeChecked();
  });
});
