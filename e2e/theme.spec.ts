import type { BrowserContextOptions, Page } from "@playwright/test";
import { test, expect, signIn, USERS } from "./support/fixtures";
import { sql } from "./support/db";

// Dark mode (issue 14): pages follow the device's setting until the user
// picks Light or Dark under "Theme" in the account menu; the choice shows at
// once, is kept for the user (reload, another browser) and the server renders
// it, so there is no flash and no server/client mismatch.

const USER = USERS.globexRequester;
const MISMATCH = /Minified React error #4(18|19|23|25)|Hydration failed|did not match|hydrat/i;

/** The page canvas's relative luminance, 0 (black) to 1 (white), whatever colour syntax the browser reports it in. */
const luminance = (page: Page) =>
  page.evaluate(() => {
    const ctx = document.createElement("canvas").getContext("2d")!;
    ctx.fillStyle = getComputedStyle(document.documentElement).backgroundColor;
    ctx.fillRect(0, 0, 1, 1);
    const [r, g, b] = ctx.getImageData(0, 0, 1, 1).data;
    return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
  });

async function expectLook(page: Page, look: "dark" | "light") {
  if (look === "dark") await expect.poll(() => luminance(page)).toBeLessThan(0.2);
  else await expect.poll(() => luminance(page)).toBeGreaterThan(0.9);
  // Form controls and scrollbars follow: the used colour scheme is the page's.
  const scheme = await page.evaluate(() => getComputedStyle(document.documentElement).colorScheme);
  expect(scheme).toContain(look);
}

const themeInput = (page: Page, label: "System" | "Light" | "Dark") => page.getByRole("group", { name: "Theme" }).getByRole("radio", { name: label, exact: true });

/** Opens the account menu and picks a theme; resolves once the choice is saved. */
async function choose(page: Page, label: "System" | "Light" | "Dark") {
  await page.getByLabel(/^Account menu for /).click();
  const saved = page.waitForResponse((r) => r.request().method() === "POST" && !!r.request().headers()["next-action"]);
  await themeInput(page, label).check();
  expect((await saved).ok()).toBe(true);
}

function watchMismatches(page: Page, seen: string[]) {
  page.on("console", (m) => {
    if (m.type() === "error" && MISMATCH.test(m.text())) seen.push(`${page.url()}: ${m.text().slice(0, 300)}`);
  });
  page.on("pageerror", (e) => {
    if (MISMATCH.test(e.message)) seen.push(`${page.url()}: ${e.message.slice(0, 300)}`);
  });
}

const storedTheme = async () => (await sql<{ theme: string }>(`SELECT theme::text AS theme FROM "User" WHERE email = $1`, [USER]))[0]?.theme;
const resetTheme = () => sql(`UPDATE "User" SET theme = 'system' WHERE email = $1`, [USER]);

test.beforeEach(resetTheme);
test.afterEach(resetTheme);

test("[theme] with System (the default), signed-out and signed-in pages follow the device's dark or light setting", async ({ browser, baseURL }) => {
  const seen: string[] = [];
  const context = await browser.newContext({ baseURL, colorScheme: "dark" } satisfies BrowserContextOptions);
  const page = await context.newPage();
  watchMismatches(page, seen);

  await page.goto("/login");
  await expect(page.locator("html")).toHaveAttribute("data-theme", "system");
  await expectLook(page, "dark");

  await signIn(page, USER);
  await expect(page.locator("html")).toHaveAttribute("data-theme", "system");
  await expectLook(page, "dark");
  await page.getByLabel(/^Account menu for /).click();
  await expect(themeInput(page, "System")).toBeChecked();

  await page.emulateMedia({ colorScheme: "light" });
  await expectLook(page, "light");
  await page.emulateMedia({ colorScheme: "dark" });
  await expectLook(page, "dark");
  expect(seen).toEqual([]);
  await context.close();
});

test("[theme] choosing Dark darkens the page at once and is kept across a reload and a new sign-in; Light overrides a dark device", async ({ browser, baseURL }) => {
  const seen: string[] = [];
  const laptop = await browser.newContext({ baseURL, colorScheme: "light" });
  const page = await laptop.newPage();
  watchMismatches(page, seen);
  await signIn(page, USER);
  await expectLook(page, "light");

  await page.getByLabel(/^Account menu for /).click();
  await themeInput(page, "Dark").check();
  // At once: no reload, no wait for the server.
  await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
  await expectLook(page, "dark");
  await expect.poll(storedTheme).toBe("dark");

  await page.reload();
  await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
  await expectLook(page, "dark");
  await page.getByLabel(/^Account menu for /).click();
  await expect(themeInput(page, "Dark")).toBeChecked();
  // Another page of the app, by its nav link (a client-side navigation).
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "New request" }).click();
  await page.waitForURL(/\/portal\/new$/);
  await expectLook(page, "dark");

  // Another browser, on a light device: the server renders the stored choice from the first byte.
  const phone = await browser.newContext({ baseURL, colorScheme: "light", viewport: { width: 390, height: 844 } });
  const other = await phone.newPage();
  watchMismatches(other, seen);
  await signIn(other, USER);
  await expect(other.locator("html")).toHaveAttribute("data-theme", "dark");
  await expectLook(other, "dark");
  const html = await (await other.request.get("/portal")).text();
  expect(html).toMatch(/<html[^>]*data-theme="dark"/);

  // Light wins over a dark device.
  await other.emulateMedia({ colorScheme: "dark" });
  await choose(other, "Light");
  await expect(other.locator("html")).toHaveAttribute("data-theme", "light");
  await expectLook(other, "light");
  expect(await storedTheme()).toBe("light");
  await other.reload();
  await expectLook(other, "light");

  // Back to System: the dark device shows again.
  await choose(other, "System");
  await expectLook(other, "dark");
  expect(await storedTheme()).toBe("system");

  expect(seen).toEqual([]);
  await laptop.close();
  await phone.close();
});

test("[theme] the choice is a radio group in the account menu, next to its links, at phone size too", async ({ browser, baseURL }) => {
  const context = await browser.newContext({ baseURL, viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  await signIn(page, USER);
  await page.getByLabel(/^Account menu for /).click();
  const group = page.getByRole("group", { name: "Theme" });
  await expect(group.getByRole("radio")).toHaveCount(3);
  for (const label of ["System", "Light", "Dark"] as const) {
    const box = await themeInput(page, label).locator("xpath=..").boundingBox();
    expect(box!.height, `${label} is a 44 px target`).toBeGreaterThanOrEqual(44);
  }
  // Keyboard: arrows move the choice within the group, Escape closes the menu.
  await themeInput(page, "System").focus();
  await page.keyboard.press("ArrowDown");
  await expect(themeInput(page, "Light")).toBeChecked();
  await expect(page.locator("html")).toHaveAttribute("data-theme", "light");
  await expect.poll(storedTheme).toBe("light");
  await page.keyboard.press("Escape");
  await expect(group).toBeHidden();
  await context.close();
});
