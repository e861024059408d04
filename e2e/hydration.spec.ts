import type { Page } from "@playwright/test";
import { test, expect, signIn, USERS } from "./support/fixtures";

// No server/client mismatch (React's #418 and its kin) on any main page, for a
// browser whose time zone and language are not the server's: dates and
// numbers are formatted once, in the viewer's time zone, on both sides.

const MISMATCH = /Minified React error #4(18|19|23|25)|Hydration failed|did not match|hydrat/i;

async function mismatches(page: Page, paths: string[]): Promise<string[]> {
  const seen: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error" && MISMATCH.test(m.text())) seen.push(`${page.url()}: ${m.text().slice(0, 300)}`);
  });
  page.on("pageerror", (e) => {
    if (MISMATCH.test(e.message)) seen.push(`${page.url()}: ${e.message.slice(0, 300)}`);
  });
  for (const p of paths) {
    await page.goto(p, { waitUntil: "networkidle" });
    await expect(page.locator("main")).toBeVisible();
  }
  return seen;
}

for (const [timezoneId, locale] of [
  ["Pacific/Auckland", "de-DE"],
  ["America/Los_Angeles", "en-US"],
] as const) {
  test(`[hydration] no server/client mismatch on the staff and portal pages in ${timezoneId}, ${locale}`, async ({ browser, baseURL }) => {
    const agent = await (await browser.newContext({ baseURL, timezoneId, locale })).newPage();
    await signIn(agent, USERS.acmeAgent);
    expect(await mismatches(agent, ["/desk", "/desk?state=all", "/tickets/SUP-2", "/board/SUP", "/board/ENG", "/notifications", "/portal"])).toEqual([]);
    await agent.context().close();

    const requester = await (await browser.newContext({ baseURL, timezoneId, locale })).newPage();
    await signIn(requester, USERS.acmeRequester);
    expect(await mismatches(requester, ["/portal", "/portal/tickets/SUP-2", "/portal/new", "/notifications"])).toEqual([]);
    await requester.context().close();
  });
}
