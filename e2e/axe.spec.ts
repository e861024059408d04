import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { test, expect, signIn, uniqueSuffix, USERS } from "./support/fixtures";

// axe (WCAG 2.1 A and AA rules) on every page of each role, at laptop and at
// phone size, in the light and the dark theme (a device set to dark, the
// users' theme on System, the default): no serious or critical violation
// anywhere (issue 14).

const SCHEMES = ["light", "dark"] as const;
type Scheme = (typeof SCHEMES)[number];
/** The light runs keep their titles from before dark mode. */
const inTheme = (scheme: Scheme) => (scheme === "dark" ? " in the dark theme" : "");

/** The page really is on a device of that scheme, and the user's theme follows it. */
async function expectScheme(page: Page, scheme: Scheme) {
  await expect(page.locator("html")).toHaveAttribute("data-theme", "system");
  expect(await page.evaluate(() => matchMedia("(prefers-color-scheme: dark)").matches)).toBe(scheme === "dark");
}

const PAGES: Record<string, string[]> = {
  [USERS.acmeAgent]: ["/desk", "/desk?state=all", "/tickets/SUP-2", "/board/SUP", "/board/ENG", "/board/CHG", "/notifications", "/settings/notifications", "/settings/canned-responses", "/portal"],
  [USERS.acmeRequester]: ["/portal", "/portal/new", "/portal/tickets/SUP-2", "/notifications", "/settings/notifications", "/settings/password", "/settings/tokens"],
  [USERS.acmeAdmin]: [
    "/admin",
    "/admin/users",
    "/admin/roles",
    "/admin/projects",
    "/admin/teams",
    "/admin/tags",
    "/admin/assets",
    "/admin/contacts",
    "/admin/audit",
    "/admin/tokens",
    "/admin/settings",
  ],
};

async function violations(page: Page, paths: string[]): Promise<string[]> {
  const found: string[] = [];
  for (const p of paths) {
    await page.goto(p, { waitUntil: "networkidle" });
    await expect(page.locator("main")).toBeVisible();
    const r = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
    for (const v of r.violations.filter((x) => x.impact === "serious" || x.impact === "critical")) {
      found.push(`${p}: ${v.impact} ${v.id} (${v.help}) at ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(" | ")}`);
    }
  }
  return found;
}

for (const [name, viewport] of [
  ["laptop", { width: 1280, height: 800 }],
  ["phone", { width: 390, height: 844 }],
] as const) {
  for (const colorScheme of SCHEMES) {
    for (const [email, paths] of Object.entries(PAGES)) {
      test(`[axe] ${email}'s pages at ${name} size${inTheme(colorScheme)} have no serious or critical violation`, async ({ browser, baseURL }) => {
        test.setTimeout(240_000); // ten pages, each read by axe: minutes on a loaded machine
        const context = await browser.newContext({ baseURL, viewport, colorScheme });
        const page = await context.newPage();
        await signIn(page, email);
        await expectScheme(page, colorScheme);
        expect(await violations(page, paths)).toEqual([]);
        await context.close();
      });
    }
  }
}

/** The first link on `listPath` whose href matches `pattern`: a detail page of the demo data, found as a user would. */
async function firstLink(page: Page, listPath: string, pattern: RegExp): Promise<string> {
  await page.goto(listPath, { waitUntil: "networkidle" });
  const hrefs = await page.locator("main a[href]").evaluateAll((as) => as.map((a) => a.getAttribute("href") ?? ""));
  const href = hrefs.find((h) => pattern.test(h));
  expect(href, `a link like ${pattern} on ${listPath}`).toBeTruthy();
  return href!;
}

/** The demo data has no team: one made as an admin would, and its page. */
async function newTeamPage(admin: Page): Promise<string> {
  await admin.goto("/admin/teams");
  await admin.getByRole("button", { name: "New team" }).click();
  const panel = admin.getByRole("region", { name: "New team" });
  await panel.getByLabel("Team name").fill(`Axe team ${uniqueSuffix()}`);
  await panel.getByRole("button", { name: "Create team" }).click();
  await admin.waitForURL(/\/admin\/teams\/[0-9a-f-]{36}$/);
  return new URL(admin.url()).pathname;
}

// The detail pages behind the lists: a change request as its approver, the
// admin's project, team and asset pages and a new asset, the board index.
for (const [name, viewport] of [
  ["laptop", { width: 1280, height: 800 }],
  ["phone", { width: 390, height: 844 }],
] as const) {
  for (const colorScheme of SCHEMES) {
    test(`[axe] detail pages (change request, project, team, asset) at ${name} size${inTheme(colorScheme)} have no serious or critical violation`, async ({ browser, baseURL }) => {
      test.setTimeout(240_000);
      const context = await browser.newContext({ baseURL, viewport, colorScheme });
      const manager = await context.newPage();
      await signIn(manager, "manager@acme.test");
      await expectScheme(manager, colorScheme);
      const change = await firstLink(manager, "/board/CHG", /^\/tickets\/TKT-/);
      expect(await violations(manager, [change, "/board"])).toEqual([]);
      await context.close();

      const adminContext = await browser.newContext({ baseURL, viewport, colorScheme });
      const admin = await adminContext.newPage();
      await signIn(admin, USERS.acmeAdmin);
      const details = [
        await firstLink(admin, "/admin/projects", /^\/admin\/projects\/[A-Z]+$/),
        await newTeamPage(admin),
        await firstLink(admin, "/admin/assets", /^\/admin\/assets\/[0-9a-f-]{36}$/),
        "/admin/assets/new",
      ];
      expect(await violations(admin, details)).toEqual([]);
      await adminContext.close();
    });
  }
}

// The signed-out pages: sign-in, registration, password reset, and the pages a
// stale e-mail link opens (an unknown token).
test("[axe] the signed-out pages have no serious or critical violation", async ({ anonymous }) => {
  const page = await anonymous();
  expect(await violations(page, ["/login", "/register", "/register/acme", "/forgot-password", "/reset/not-a-token", "/invite/not-a-token", "/confirm/not-a-token"])).toEqual([]);
});

test("[axe] the signed-out pages in the dark theme have no serious or critical violation", async ({ anonymous }) => {
  const page = await anonymous();
  await page.emulateMedia({ colorScheme: "dark" });
  await page.goto("/login");
  await expectScheme(page, "dark");
  expect(await violations(page, ["/login", "/register", "/register/acme", "/forgot-password", "/reset/not-a-token", "/invite/not-a-token", "/confirm/not-a-token"])).toEqual([]);
});
