import { readFile } from "node:fs/promises";
import type { Page } from "@playwright/test";
import { test, expect, signIn, USERS } from "./support/fixtures";
import { sql } from "./support/db";
import { parseCsv } from "../test/csv-parse";

// The audit log (/admin/audit): organization events with filters, keyset
// pages and a CSV export that is itself audited; 404 to everyone without
// org.manage, the export route included.

/**
 * Applies the filter. On a loaded machine a click that lands while the page is
 * still hydrating can be swallowed: click again until the URL shows the filter.
 */
async function apply(page: Page, url: RegExp) {
  await expect(async () => {
    if (!url.test(page.url())) await page.getByRole("button", { name: "Apply" }).click();
    await page.waitForURL(url, { timeout: 3_000 });
  }).toPass({ timeout: 20_000 });
}

test.describe("[admin] audit log", () => {
  test("[admin] a sign-in by another user shows up in the log, and the action filter keeps only that action", async ({ as, anonymous }) => {
    // Two sign-ins and two filtered reloads, each Apply retried for up to 20 s: more than 30 s on a loaded machine.
    test.setTimeout(75_000);
    const someone = await anonymous();
    await signIn(someone, USERS.acmeRequester2);

    const page = await as(USERS.acmeAdmin);
    await page.goto("/admin/audit");
    const table = page.getByRole("table", { name: "Audit log" });
    await expect(table).toBeVisible();
    await page.getByLabel("Action").selectOption({ label: "Signed in" });
    await apply(page, /[?&]action=auth\.sign_in/);
    const rows = table.getByRole("row").filter({ hasNot: page.getByRole("columnheader") });
    await expect(rows.first()).toContainText("Signed in");
    await expect(rows.filter({ hasText: "Rob Requester" }).first()).toContainText("Signed in");
    for (const text of await rows.allInnerTexts()) expect(text).toContain("Signed in");

    // The actor picker searches the organization's people on the server.
    const actor = page.getByRole("combobox", { name: "Actor" });
    await actor.fill("Rob");
    await page.getByRole("listbox", { name: "Actor suggestions" }).getByRole("option", { name: /Rob Requester/ }).click();
    await apply(page, /[?&]actor=/);
    await expect(rows.first()).toContainText("Rob Requester");
    for (const text of await rows.allInnerTexts()) expect(text).toContain("Rob Requester");
  });

  test("[admin] the filter is a plain GET form: a choice made before the page hydrates still counts", async ({ as, browser, baseURL }) => {
    // Without JavaScript the form submits itself; this is also what a click
    // that lands before hydration does, and what CI once caught as a swallowed filter.
    const signedIn = await as(USERS.acmeAdmin);
    const context = await browser.newContext({ baseURL, storageState: await signedIn.context().storageState(), javaScriptEnabled: false });
    try {
      const page = await context.newPage();
      await page.goto("/admin/audit");
      await page.getByLabel("Action").selectOption({ label: "Signed in" });
      await page.getByLabel("From").fill("2026-01-01");
      await page.getByRole("button", { name: "Apply" }).click();
      await page.waitForURL(/[?&]action=auth\.sign_in/);
      expect(new URL(page.url()).searchParams.get("from")).toBe("2026-01-01");
      const rows = page.getByRole("table", { name: "Audit log" }).getByRole("row").filter({ hasNot: page.getByRole("columnheader") });
      await expect(rows.first()).toContainText("Signed in");
      for (const text of await rows.allInnerTexts()) expect(text).toContain("Signed in");
      await expect(page.getByLabel("Action")).toHaveValue("auth.sign_in");
    } finally {
      await context.close();
    }
  });

  test("[admin] Export CSV downloads the filtered log with labels and ISO dates, and is audited", async ({ as }) => {
    const page = await as(USERS.acmeAdmin);
    await page.goto("/admin/audit?action=auth.sign_in");
    const before = Number((await sql<{ n: string }>(`SELECT count(*) AS n FROM "AuditLog" WHERE action = 'audit.exported'`))[0]!.n);
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Export CSV" }).click()]);
    expect(download.suggestedFilename()).toMatch(/^audit-log-\d{4}-\d{2}-\d{2}\.csv$/);
    const records = parseCsv(await readFile((await download.path())!, "utf8"));
    expect(records[0]).toEqual(["time", "action", "action_code", "actor", "entity_type", "entity", "summary", "ip", "user_agent", "data"]);
    const row = records.slice(1).find((r) => r[3] === "Rob Requester" || r[3] === "Ada Admin")!;
    expect(row).toBeDefined();
    expect(row[0]).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(row[1]).toBe("Signed in");
    expect(row[2]).toBe("auth.sign_in");
    expect(records.slice(1).every((r) => r[2] === "auth.sign_in")).toBe(true);
    await expect
      .poll(async () => Number((await sql<{ n: string }>(`SELECT count(*) AS n FROM "AuditLog" WHERE action = 'audit.exported'`))[0]!.n))
      .toBe(before + 1);
    const [exported] = await sql<{ data: { action?: string; rows?: number; complete?: boolean } }>(`SELECT data FROM "AuditLog" WHERE action = 'audit.exported' ORDER BY "createdAt" DESC LIMIT 1`);
    expect(exported!.data).toMatchObject({ action: "auth.sign_in", rows: records.length - 1, complete: true });
    // …and it shows in the log itself.
    await page.goto("/admin/audit?action=audit.exported");
    await expect(page.getByRole("table", { name: "Audit log" })).toContainText("Audit log exported");
  });

  for (const who of [USERS.acmeRequester, USERS.acmeAgent]) {
    test(`[admin] ${who} gets 404 on the audit log, the assets and the export`, async ({ as }) => {
      const page = await as(who);
      for (const path of ["/admin/audit", "/admin/assets", "/admin/assets/new"]) {
        const response = await page.goto(path);
        expect(response?.status(), path).toBe(404);
      }
      for (const path of ["/admin/audit/export", "/api/admin/audit/actors?q=a"]) {
        const response = await page.request.get(path);
        expect(response.status(), path).toBe(404);
        expect(await response.text()).not.toContain("auth.sign_in");
      }
    });
  }
});
