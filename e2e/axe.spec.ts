import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { test, expect, signIn, USERS } from "./support/fixtures";

// axe (WCAG 2.1 A and AA rules) on every page of each role, at laptop and at
// phone size, in the light and the dark theme (a device set to dark, the
// users' theme on System, the default): no serious or critical violation
// anywhere (issue 14).

const PAGES: Record<string, string[]> = {
  [USERS.acmeAgent]: ["/desk", "/desk?state=all", "/tickets/SUP-2", "/board/SUP", "/board/ENG", "/board/CHG", "/notifications", "/settings/notifications", "/settings/canned-responses", "/portal"],
  [USERS.acmeRequester]: ["/portal", "/portal/new", "/portal/tickets/SUP-2", "/notifications", "/settings/notifications", "/settings/password"],
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
  for (const colorScheme of ["light", "dark"] as const) {
    // The light runs keep their titles from before dark mode.
    const where = colorScheme === "light" ? `at ${name} size` : `at ${name} size in the dark theme`;
    for (const [email, paths] of Object.entries(PAGES)) {
      test(`[axe] ${email}'s pages ${where} have no serious or critical violation`, async ({ browser, baseURL }) => {
        test.slow();
        const context = await browser.newContext({ baseURL, viewport, colorScheme });
        const page = await context.newPage();
        await signIn(page, email);
        await expect(page.locator("html")).toHaveAttribute("data-theme", "system");
        expect(await page.evaluate(() => matchMedia("(prefers-color-scheme: dark)").matches)).toBe(colorScheme === "dark");
        expect(await violations(page, paths)).toEqual([]);
        await context.close();
      });
    }
  }
}

// The sign-in page, signed out, in both themes.
for (const colorScheme of ["light", "dark"] as const) {
  const title = colorScheme === "light" ? "[axe] the sign-in page has no serious or critical violation" : "[axe] the sign-in page in the dark theme has no serious or critical violation";
  test(title, async ({ browser, baseURL }) => {
    const context = await browser.newContext({ baseURL, colorScheme });
    const page = await context.newPage();
    await page.goto("/login");
    const r = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
    expect(r.violations.filter((x) => x.impact === "serious" || x.impact === "critical").map((v) => v.id)).toEqual([]);
    await context.close();
  });
}
