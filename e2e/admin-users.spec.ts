import type { Page } from "@playwright/test";
import { test, expect, USERS, signIn, submitSignIn, uniqueSuffix } from "./support/fixtures";
import { sql } from "./support/db";
import { linkIn, readMail } from "./support/mail";

// Issue 13, Users: an admin invites someone, who sets a password from the
// e-mailed link and is signed in; the admin finds them, changes their role,
// deactivates (their session ends at once) and reactivates them; "Forgot
// password?" e-mails a reset link. Destructive steps use the user this spec
// invites, never a demo account.

async function setPassword(page: Page, password: string) {
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByLabel("Confirm password").fill(password);
  await page.getByRole("button", { name: "Set password" }).click();
}

const row = (page: Page, name: string) => page.getByRole("row").filter({ hasText: name });
const feedback = (page: Page) => page.getByTestId("users-feedback");

test.describe.serial("[admin] users", () => {
  const sfx = uniqueSuffix();
  const email = `invitee-${sfx}@acme.test`;
  const name = `Invitee ${sfx}`;
  const firstPassword = `first-pass-${sfx}`;
  const secondPassword = `second-pass-${sfx}`;

  // The invitee ends as an Agent: deactivated afterwards, so later specs' people pickers list only the demo staff.
  test.afterAll(async () => {
    await sql(`UPDATE "User" SET "active" = false WHERE "email" = $1`, [email]);
  });

  test("[admin] invite → the e-mail's link → set password → signed in on the portal; the link then says it was used", async ({ as, anonymous }) => {
    test.setTimeout(90_000);
    const admin = await as(USERS.acmeAdmin);
    await admin.goto("/admin/users");
    await admin.getByRole("button", { name: "Invite user" }).click();
    const dialog = admin.getByRole("dialog", { name: "Invite user" });
    // An address already in use is a message on Email, and what was typed stays.
    await dialog.getByLabel("Email").fill(USERS.acmeAgent);
    await dialog.getByLabel("Name").fill(name);
    await dialog.getByLabel("Role").selectOption({ label: "Requester" });
    await dialog.getByRole("button", { name: "Send invite" }).click();
    await expect(dialog.getByLabel("Email")).toHaveAccessibleDescription("This e-mail address already has an account");
    await expect(dialog.getByLabel("Name")).toHaveValue(name);

    await dialog.getByLabel("Email").fill(email);
    await dialog.getByRole("button", { name: "Send invite" }).click();
    await expect(admin.getByRole("status").filter({ hasText: `An invite was sent to ${email}` })).toBeVisible();
    await admin.goto(`/admin/users?q=${encodeURIComponent(name)}`);
    await expect(row(admin, name).getByText("Invited", { exact: true })).toBeVisible();
    await expect(row(admin, name).getByRole("button", { name: "Resend invite" })).toBeVisible();

    const mail = await readMail(email, /invited/);
    expect(mail).toContain(`Hello ${name},`);
    const link = linkIn(mail, "invite");
    // Only the SHA-256 of the token is stored.
    const tokens = await sql<{ tokenHash: string }>(`SELECT t."tokenHash" FROM "UserToken" t JOIN "User" u ON u.id = t."userId" WHERE u.email = $1`, [email]);
    expect(tokens).toHaveLength(1);
    expect(JSON.stringify(tokens)).not.toContain(link.split("/").pop()!);

    const visitor = await anonymous();
    await visitor.goto(link);
    await expect(visitor.getByRole("heading", { name: `Welcome, ${name}` })).toBeVisible();
    await visitor.getByLabel("Password", { exact: true }).fill(firstPassword);
    await visitor.getByLabel("Confirm password").fill("something-else-1");
    await visitor.getByRole("button", { name: "Set password" }).click();
    await expect(visitor.getByLabel("Confirm password")).toHaveAccessibleDescription("The passwords do not match");
    await setPassword(visitor, firstPassword);
    await visitor.waitForURL(/\/portal$/);

    const again = await anonymous();
    await again.goto(link);
    await expect(again.getByRole("heading", { name: "This link has already been used" })).toBeVisible();
    await expect(again.getByRole("button", { name: "Set password" })).toHaveCount(0);
  });

  test("[admin] the list is searched on the server: by name, by e-mail, with filters and pages", async ({ as }) => {
    const admin = await as(USERS.acmeAdmin);
    await admin.goto("/admin/users");
    await admin.getByLabel("Search users").fill(sfx);
    await admin.getByRole("button", { name: "Search", exact: true }).click();
    await admin.waitForURL(/q=/);
    await expect(admin.getByRole("row")).toHaveCount(2); // the header and the one match
    const r = row(admin, name);
    await expect(r.getByText(email)).toBeVisible();
    await expect(r.getByText("Active", { exact: true })).toBeVisible();
    await expect(r.getByText(/ago$/)).toBeVisible(); // signed in through the invite a moment ago

    await admin.goto(`/admin/users?q=${encodeURIComponent(email.toUpperCase())}`);
    await expect(row(admin, name)).toHaveCount(1);
    await admin.goto(`/admin/users?q=${sfx}&status=deactivated`);
    await expect(row(admin, name)).toHaveCount(0);
    await expect(admin.getByText("No user matches.")).toBeVisible();
    await admin.getByLabel("Filter by status").selectOption({ label: "Active" });
    await admin.getByLabel("Filter by role").selectOption({ label: "Requester" });
    await admin.getByRole("button", { name: "Search", exact: true }).click();
    await admin.waitForURL(/status=active/);
    await expect(row(admin, name)).toHaveCount(1);
    await admin.getByLabel("Filter by role").selectOption({ label: "Agent" });
    await admin.getByRole("button", { name: "Search", exact: true }).click();
    await admin.waitForURL(/role=/);
    await expect(admin.getByText("No user matches.")).toBeVisible();

  });

  test("[admin] Next and Previous page through 50 users at a time (Globex admin, 60 users made for it)", async ({ as }) => {
    const label = `Paging ${sfx}`;
    await sql(
      `INSERT INTO "User" (id, "organizationId", email, name, "roleId", "updatedAt")
       SELECT gen_random_uuid(), o.id, 'paging-' || $1 || '-' || lpad(k::text, 2, '0') || '@globex.test', $2 || ' ' || lpad(k::text, 2, '0'), r.id, now()
         FROM "Organization" o JOIN "Role" r ON r."organizationId" = o.id AND r."builtIn" = 'requester', generate_series(1, 60) k
        WHERE o.slug = 'globex'`,
      [sfx, label],
    );
    try {
      const admin = await as(USERS.globexAdmin);
      await admin.goto(`/admin/users?q=${encodeURIComponent(label)}`);
      const pages = admin.getByRole("navigation", { name: "Pages of users" });
      await expect(row(admin, label)).toHaveCount(50);
      await expect(row(admin, `${label} 01`)).toBeVisible();
      await expect(pages.getByRole("link", { name: "Previous" })).toHaveCount(0);
      await pages.getByRole("link", { name: "Next" }).click();
      await expect(row(admin, label)).toHaveCount(10);
      await expect(row(admin, `${label} 51`)).toBeVisible();
      await expect(pages.getByRole("link", { name: "Next" })).toHaveCount(0);
      await pages.getByRole("link", { name: "Previous" }).click();
      await expect(row(admin, `${label} 50`)).toBeVisible();
      await expect(row(admin, label)).toHaveCount(50);
      // Nobody of Acme shows up in Globex's list.
      await admin.goto(`/admin/users?q=${encodeURIComponent(sfx)}`);
      await expect(row(admin, name)).toHaveCount(0);
    } finally {
      await sql(`DELETE FROM "User" WHERE email LIKE $1`, [`paging-${sfx}-%@globex.test`]);
    }
  });

  test("[admin] changing the role saves at once and applies on the user's next request; the last admin cannot demote themself", async ({ as, contexts }) => {
    const admin = await as(USERS.acmeAdmin);
    const user = await contexts();
    await signIn(user, email, firstPassword);
    await expect(user).toHaveURL(/\/portal$/);

    await admin.goto(`/admin/users?q=${encodeURIComponent(sfx)}`);
    await admin.getByLabel(`Role for ${name}`).selectOption({ label: "Agent" });
    await expect(feedback(admin)).toHaveText(`${name} is now Agent.`);
    await admin.reload();
    await expect(admin.getByLabel(`Role for ${name}`).locator("option:checked")).toHaveText("Agent");
    await user.goto("/");
    await expect(user).toHaveURL(/\/desk$/);
    const [audit] = await sql<{ data: { old: { role: string }; new: { role: string } } }>(
      `SELECT a.data FROM "AuditLog" a JOIN "User" u ON a."entityId" = u.id::text WHERE a.action = 'user.role_changed' AND u.email = $1 ORDER BY a."createdAt" DESC LIMIT 1`,
      [email],
    );
    expect(audit?.data).toMatchObject({ old: { role: "Requester" }, new: { role: "Agent" } });

    // Acme has one admin: demoting them is refused with a message, and the select snaps back.
    await admin.goto(`/admin/users?q=${encodeURIComponent("admin@acme.test")}`);
    const own = admin.getByLabel(/^Role for /);
    await expect(own).toHaveCount(1);
    const before = await own.inputValue();
    await own.selectOption({ label: "Agent" });
    await expect(feedback(admin)).toContainText("last active admin");
    await expect(own).toHaveValue(before);
    await expect(row(admin, "admin@acme.test").getByRole("button", { name: "Deactivate" })).toHaveCount(0); // not oneself
    const [still] = await sql<{ n: number }>(`SELECT count(*)::int AS n FROM "User" u JOIN "Role" r ON r.id = u."roleId" WHERE u.email = 'admin@acme.test' AND r."builtIn" = 'admin'`);
    expect(still?.n).toBe(1);
  });

  test("[admin] deactivate ends the user's session at once; reactivate lets them sign in again", async ({ as, contexts }) => {
    const admin = await as(USERS.acmeAdmin);
    const user = await contexts();
    await signIn(user, email, firstPassword);

    await admin.goto(`/admin/users?q=${encodeURIComponent(sfx)}`);
    await row(admin, name).getByRole("button", { name: "Deactivate" }).click();
    await expect(feedback(admin)).toContainText(`${name} was deactivated and signed out of`);
    await expect(row(admin, name).getByText("Deactivated", { exact: true })).toBeVisible();
    await user.goto("/desk");
    await expect(user).toHaveURL(/\/login/);
    await submitSignIn(user, email, firstPassword);
    await expect(user.locator("form").getByRole("alert")).toHaveText("Invalid email or password.");

    await row(admin, name).getByRole("button", { name: "Reactivate" }).click();
    await expect(feedback(admin)).toHaveText(`${name} was reactivated.`);
    await expect(row(admin, name).getByText("Active", { exact: true })).toBeVisible();
    await signIn(user, email, firstPassword);
  });

  test("[auth] forgot password → the e-mail's reset link → new password; the old one stops working", async ({ anonymous, contexts }) => {
    test.setTimeout(90_000);
    const elsewhere = await contexts();
    await signIn(elsewhere, email, firstPassword);

    const page = await anonymous();
    await page.goto("/login");
    await page.getByRole("link", { name: "Forgot password?" }).click();
    await expect(page.getByRole("heading", { name: "Forgot your password?" })).toBeVisible();
    await page.getByLabel("Email").fill(email);
    await page.getByRole("button", { name: "Send reset link" }).click();
    await expect(page.getByRole("status")).toHaveText(/If an account exists for that address, we sent a link/);
    // An unknown address hears exactly the same.
    const other = await anonymous();
    await other.goto("/forgot-password");
    await expect(other.getByRole("heading", { name: "Forgot your password?" })).toBeVisible();
    await other.getByLabel("Email").fill(`nobody-${sfx}@acme.test`);
    await other.getByRole("button", { name: "Send reset link" }).click();
    await expect(other.getByRole("status")).toHaveText((await page.getByRole("status").textContent())!);

    const link = linkIn(await readMail(email, /Reset/), "reset");
    await page.goto(link);
    await expect(page.getByRole("heading", { name: "Choose a new password" })).toBeVisible();
    await setPassword(page, secondPassword);
    await page.waitForURL(/\/desk$/); // an Agent since the role change

    // The other browser was signed out; the old password no longer works, the new one does.
    await elsewhere.goto("/desk");
    await expect(elsewhere).toHaveURL(/\/login/);
    const fresh = await contexts();
    await submitSignIn(fresh, email, firstPassword);
    await expect(fresh.locator("form").getByRole("alert")).toHaveText("Invalid email or password.");
    await signIn(fresh, email, secondPassword);
    await expect(fresh).toHaveURL(/\/desk$/);
  });

  test("[admin] a requester and an agent get 404 on /admin/users", async ({ as }) => {
    for (const who of [USERS.acmeRequester, USERS.acmeAgent]) {
      const page = await as(who);
      const res = await page.goto("/admin/users");
      expect(res?.status(), who).toBe(404);
      await expect(page.getByRole("button", { name: "Invite user" })).toHaveCount(0);
    }
  });
});
