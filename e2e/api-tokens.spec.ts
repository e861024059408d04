import { createHash } from "node:crypto";
import type { Page } from "@playwright/test";
import { test, expect, expectFieldError, uniqueSuffix, USERS } from "./support/fixtures";
import { cloneUser, sql } from "./support/db";

// Personal access tokens (issue 15): /settings/tokens for everyone, /admin/tokens
// for org.manage. Each test makes its own requester (a clone of Rita's account),
// so that the 20-token quota and the lists never depend on earlier runs.

const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");

async function freshRequester(label: string): Promise<{ email: string; name: string }> {
  const sfx = uniqueSuffix();
  const person = { email: `tokens-${label}-${sfx}@acme.test`, name: `Tina Tokens ${sfx}` };
  await cloneUser(USERS.acmeRequester, person.email, person.name);
  return person;
}

/** Opens "New token" (a click that lands before the page hydrates does nothing: click until the dialog is open). */
async function openNewToken(page: Page) {
  const dialog = page.getByRole("dialog", { name: "New token" });
  await expect(async () => {
    if (!(await dialog.isVisible())) await page.getByRole("button", { name: "New token", exact: true }).click();
    await expect(dialog).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 20_000 });
  return dialog;
}

/** Creates a token through the dialog; returns the secret shown in "Your new token". */
async function createToken(page: Page, name: string, scope: "Read only" | "Read and write" = "Read only"): Promise<string> {
  await page.goto("/settings/tokens");
  const dialog = await openNewToken(page);
  await dialog.getByLabel("Token name").fill(name);
  await dialog.getByRole("radio", { name: scope }).check();
  await dialog.getByRole("button", { name: "Create token" }).click();
  const secret = page.getByLabel("Your new token");
  await expect(secret).toHaveValue(/^hd_pat_/);
  return secret.inputValue();
}

const ownTable = (page: Page) => page.getByRole("table", { name: "Your API tokens" });
const rowOf = (page: Page, table: string, name: string) => page.getByRole("table", { name: table }).getByRole("row").filter({ hasText: name });

async function storedTokens(email: string) {
  return sql<{ name: string; prefix: string; tokenHash: string; scope: string; expiresAt: Date | null; revokedAt: Date | null; revokedById: string | null }>(
    `SELECT k.name, k.prefix, k."tokenHash", k.scope::text AS scope, k."expiresAt", k."revokedAt", k."revokedById"::text AS "revokedById"
       FROM "ApiToken" k JOIN "User" u ON u.id = k."userId" WHERE u.email = $1 ORDER BY k."createdAt"`,
    [email],
  );
}

test.describe("[tokens] /settings/tokens", () => {
  test("[tokens] a requester creates a token: the secret is shown once in “Your new token”, listed by its prefix, and only its SHA-256 is stored", async ({ as }) => {
    const person = await freshRequester("create");
    const page = await as(person.email);
    await page.goto("/settings/tokens");
    await expect(page.getByRole("heading", { level: 1, name: "API tokens" })).toBeVisible();
    await expect(page.getByRole("link", { name: "API documentation" })).toHaveAttribute("href", "/api/docs");
    await expect(ownTable(page)).toContainText("You have no API tokens yet.");

    const dialog = await openNewToken(page);
    await expect(dialog.getByLabel("Expires")).toHaveValue("30");
    await expect(dialog.getByLabel("Expires").locator("option")).toHaveText(["In 7 days", "In 30 days", "In 90 days", "In a year", "Never"]);
    await expect(dialog.getByRole("group", { name: "Scope" }).getByRole("radio")).toHaveCount(2);
    await dialog.getByLabel("Token name").fill("Nightly export");
    await dialog.getByLabel("Expires").selectOption({ label: "Never" });
    await dialog.getByRole("radio", { name: "Read and write" }).check();
    await dialog.getByRole("button", { name: "Create token" }).click();

    const field = page.getByLabel("Your new token");
    await expect(field).toHaveValue(/^hd_pat_[A-Za-z0-9_-]{43}$/);
    await expect(field).toHaveAttribute("readonly", "");
    await expect(page.getByRole("button", { name: "Copy" })).toBeVisible();
    await expect(page.getByText("it will not be shown again")).toBeVisible();
    const secret = await field.inputValue();

    const row = rowOf(page, "Your API tokens", "Nightly export");
    await expect(row).toContainText(`${secret.slice(0, 13)}…`);
    await expect(row).toContainText("Read and write");
    await expect(row.getByRole("cell").nth(3)).toHaveText("Never"); // last used
    await expect(row.getByRole("cell").nth(4)).toHaveText("Never"); // expires
    await expect(row).toContainText("Active");
    // No raw instant on the page: times read "2026-12-02 15:10", in the organization's zone.
    await expect(row.getByRole("cell").nth(2)).toHaveText(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);

    const [stored, ...more] = await storedTokens(person.email);
    expect(more).toEqual([]);
    expect(stored).toMatchObject({ name: "Nightly export", prefix: secret.slice(0, 13), tokenHash: sha256(secret), scope: "write", expiresAt: null, revokedAt: null });

    // Shown once: a reload lists the token and never the secret again.
    await page.reload();
    await expect(rowOf(page, "Your API tokens", "Nightly export")).toBeVisible();
    await expect(page.getByLabel("Your new token")).toHaveCount(0);
    expect(await page.content()).not.toContain(secret.slice(13));
  });

  test("[tokens] an empty name is named on its field, and the chosen scope and lifetime are kept", async ({ as }) => {
    const person = await freshRequester("invalid");
    const page = await as(person.email);
    await page.goto("/settings/tokens");
    const dialog = await openNewToken(page);
    await dialog.getByLabel("Expires").selectOption({ label: "In 7 days" });
    await dialog.getByRole("radio", { name: "Read and write" }).check();
    await dialog.getByRole("button", { name: "Create token" }).click();

    await expectFieldError(page, "Token name", "Name the token");
    await expect(dialog.getByLabel("Token name")).toHaveAttribute("aria-invalid", "true");
    await expect(dialog.getByRole("radio", { name: "Read and write" })).toBeChecked();
    await expect(dialog.getByLabel("Expires")).toHaveValue("7");
    expect(await storedTokens(person.email)).toEqual([]);

    // Named, the same form goes through with what was chosen.
    await dialog.getByLabel("Token name").fill("Monitoring");
    await dialog.getByRole("button", { name: "Create token" }).click();
    await expect(page.getByLabel("Your new token")).toHaveValue(/^hd_pat_/);
    const [stored] = await storedTokens(person.email);
    expect(stored).toMatchObject({ name: "Monitoring", scope: "write" });
    expect(stored!.expiresAt!.getTime() - Date.now()).toBeGreaterThan(6.9 * 24 * 3600 * 1000);
    expect(stored!.expiresAt!.getTime() - Date.now()).toBeLessThan(7.1 * 24 * 3600 * 1000);
  });

  test("[tokens] “Revoke <name>” asks to confirm: Cancel keeps the token, “Revoke token” revokes it and the row says Revoked", async ({ as }) => {
    const person = await freshRequester("revoke");
    const page = await as(person.email);
    await createToken(page, "Old laptop script");
    const row = rowOf(page, "Your API tokens", "Old laptop script");
    await expect(row).toContainText("Read only");

    await row.getByRole("button", { name: "Revoke Old laptop script" }).click();
    const confirm = page.getByRole("dialog", { name: "Revoke “Old laptop script”?" });
    await expect(confirm).toBeVisible();
    await confirm.getByRole("button", { name: "Cancel" }).click();
    await expect(confirm).toBeHidden();
    await expect(row).toContainText("Active");
    expect((await storedTokens(person.email))[0]!.revokedAt).toBeNull();

    await row.getByRole("button", { name: "Revoke Old laptop script" }).click();
    await confirm.getByRole("button", { name: "Revoke token" }).click();
    await expect(confirm).toBeHidden();
    await expect(page.getByTestId("tokens-feedback")).toContainText("“Old laptop script” was revoked");
    await expect(row).toContainText("Revoked");
    await expect(row.getByRole("button", { name: /^Revoke/ })).toHaveCount(0);
    expect((await storedTokens(person.email))[0]!.revokedAt).not.toBeNull();
  });

  test("[tokens] the account menu leads to API tokens, next to Password", async ({ as }) => {
    const page = await as(USERS.acmeRequester2);
    await page.goto("/portal");
    await page.getByRole("banner").getByLabel(/^Account menu for /).click();
    const links = page.getByRole("banner").getByRole("link");
    const names = await links.allInnerTexts();
    expect(names.indexOf("API tokens")).toBe(names.indexOf("Password") + 1);
    await page.getByRole("banner").getByRole("link", { name: "API tokens" }).click();
    await expect(page).toHaveURL(/\/settings\/tokens$/);
    await expect(page.getByRole("heading", { level: 1, name: "API tokens" })).toBeVisible();
  });

  test("[tokens] signed out, /settings/tokens sends to the sign-in page", async ({ anonymous }) => {
    const page = await anonymous();
    await page.goto("/settings/tokens");
    await expect(page).toHaveURL(/\/login/);
  });
});

test.describe("[tokens] /admin/tokens", () => {
  test("[tokens] an admin sees a requester's token with its owner on /admin/tokens and revokes it; the requester's list says Revoked", async ({ as }) => {
    const person = await freshRequester("admin");
    const requester = await as(person.email);
    const tokenName = `Integration ${uniqueSuffix()}`;
    const secret = await createToken(requester, tokenName, "Read and write");

    const admin = await as(USERS.acmeAdmin);
    await admin.goto("/admin/tokens");
    await expect(admin.getByRole("heading", { level: 1, name: "API tokens" })).toBeVisible();
    await expect(admin.getByRole("navigation", { name: "Administration" }).getByRole("link", { name: "Tokens", exact: true })).toHaveAttribute("aria-current", "page");
    const row = rowOf(admin, "Organization API tokens", tokenName);
    await expect(row).toContainText(person.name);
    await expect(row).toContainText(person.email);
    await expect(row).toContainText(`${secret.slice(0, 13)}…`);
    await expect(row).toContainText("Read and write");
    await expect(row).toContainText("Active");

    await row.getByRole("button", { name: `Revoke ${tokenName} of ${person.name}` }).click();
    const confirm = admin.getByRole("dialog", { name: `Revoke “${tokenName}”?` });
    await confirm.getByRole("button", { name: "Revoke token" }).click();
    await expect(confirm).toBeHidden();
    await expect(row).toContainText("Revoked");
    const [stored] = await storedTokens(person.email);
    const [adminRow] = await sql<{ id: string }>(`SELECT id::text FROM "User" WHERE email = $1`, [USERS.acmeAdmin]);
    expect(stored).toMatchObject({ revokedById: adminRow!.id });
    expect(stored!.revokedAt).not.toBeNull();

    await requester.reload();
    await expect(rowOf(requester, "Your API tokens", tokenName)).toContainText("Revoked");
  });

  test("[tokens] another organization's admin never sees Acme's tokens", async ({ as }) => {
    const person = await freshRequester("globex");
    const requester = await as(person.email);
    const tokenName = `Acme only ${uniqueSuffix()}`;
    await createToken(requester, tokenName);
    const globex = await as(USERS.globexAdmin);
    await globex.goto("/admin/tokens");
    await expect(globex.getByRole("table", { name: "Organization API tokens" })).toBeVisible();
    await expect(globex.getByRole("main")).not.toContainText(tokenName);
    await expect(globex.getByRole("main")).not.toContainText(person.email);
  });

  test("[tokens] a malformed ?before= shows the first page, never a 500", async ({ as }) => {
    const admin = await as(USERS.acmeAdmin);
    for (const q of ["before=not-a-uuid", `before=${"-".repeat(36)}`, "before=%00", "before=a&before=b", "before=0196f5a0-0000-7000-8000-00000000beef"]) {
      const res = await admin.goto(`/admin/tokens?${q}`);
      expect(res?.status(), q).toBe(200);
      await expect(admin.getByRole("table", { name: "Organization API tokens" })).toBeVisible();
    }
  });

  for (const who of [USERS.acmeRequester, USERS.acmeAgent]) {
    test(`[tokens] ${who} gets 404 on /admin/tokens, like every administration page`, async ({ as }) => {
      const page = await as(who);
      const res = await page.goto("/admin/tokens");
      expect(res?.status()).toBe(404);
      await expect(page.getByRole("navigation", { name: "Administration" })).toHaveCount(0);
      await expect(page.getByRole("table", { name: "Organization API tokens" })).toHaveCount(0);
    });
  }
});
