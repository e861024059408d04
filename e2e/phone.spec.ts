import type { Locator, Page } from "@playwright/test";
import { test, expect, createSupportRequest, uniqueSuffix, USERS } from "./support/fixtures";

// Phones (issue 14): at 390 and 360 px every page fits the screen's width, the
// header folds its sections into "Menu" and keeps the bell, the account menu
// and "Sign out" on screen, the desk is a list of cards, the board shows one
// column at a time; on a 2,400 px screen the board takes the whole width.

const PHONES = [
  { width: 390, height: 844 },
  { width: 360, height: 740 },
] as const;

const shot = (page: Page, name: string) => page.screenshot({ path: `test-results/screens/${name}.png`, fullPage: true });

/** How far the page scrolls sideways, in CSS pixels (0 when it fits). */
const sideways = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

/** The element's box lies within the viewport (a control off the right edge fails). */
async function expectInViewport(page: Page, target: Locator, what: string) {
  await expect(target, what).toBeVisible();
  const box = (await target.boundingBox())!;
  const { width, height } = page.viewportSize()!;
  expect(box.x, `${what}: left edge`).toBeGreaterThanOrEqual(0);
  expect(box.y, `${what}: top edge`).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width, `${what}: right edge`).toBeLessThanOrEqual(width);
  expect(box.y + box.height, `${what}: bottom edge`).toBeLessThanOrEqual(height);
}

async function expectTapTarget(target: Locator, what: string) {
  const box = (await target.boundingBox())!;
  expect(box.height, `${what} is ${box.height} px tall`).toBeGreaterThanOrEqual(44);
  expect(box.width, `${what} is ${box.width} px wide`).toBeGreaterThanOrEqual(44);
}

/** The header's controls: each on screen and at least 44 px high and wide; "Sign out" inside the account menu. */
async function checkHeader(page: Page, name: string) {
  const bell = page.getByRole("button", { name: /^Notifications, \d+ unread$/ });
  const account = page.getByLabel(`Account menu for ${name}`);
  const menu = page.getByRole("button", { name: "Menu", exact: true });
  await expectInViewport(page, menu, "Menu");
  await expectInViewport(page, bell, "the bell");
  await expectInViewport(page, account, "the account menu");
  for (const [control, what] of [
    [menu, "Menu"],
    [bell, "the bell"],
    [account, "the account menu"],
  ] as const) {
    await expectTapTarget(control, what);
  }
  await account.click();
  const signOut = page.getByRole("button", { name: "Sign out" });
  await expect(signOut).toHaveCount(1);
  await expectInViewport(page, signOut, "Sign out");
  expect((await signOut.boundingBox())!.height, "Sign out is 44 px tall").toBeGreaterThanOrEqual(44);
  await account.click();
  await expect(signOut).toBeHidden();
}

test("[phone] agent: the header folds into Menu, the bell, account menu and Sign out stay on screen, no page scrolls sideways", async ({ as }) => {
  test.slow();
  const agent = await as(USERS.acmeAgent);
  for (const size of PHONES) {
    await agent.setViewportSize(size);
    await agent.goto("/desk");
    await checkHeader(agent, "Sam Agent");

    // The section links are behind Menu: hidden, then listed with the current one marked; Escape gives focus back.
    const nav = agent.getByRole("navigation", { name: "Main" });
    const menu = nav.getByRole("button", { name: "Menu", exact: true });
    await expect(nav.getByRole("link", { name: "Boards" })).toBeHidden();
    await expect(menu).toHaveAttribute("aria-expanded", "false");
    await menu.click();
    await expect(menu).toHaveAttribute("aria-expanded", "true");
    await expect(nav.getByRole("link", { name: "Desk" })).toHaveAttribute("aria-current", "page");
    for (const label of ["Desk", "Boards", "My requests", "Responses"]) {
      const link = nav.getByRole("link", { name: label, exact: true });
      await expectInViewport(agent, link, `the ${label} link`);
      expect((await link.boundingBox())!.height, `the ${label} link is 44 px tall`).toBeGreaterThanOrEqual(44);
    }
    await nav.getByRole("link", { name: "Desk" }).focus();
    await agent.keyboard.press("Escape");
    await expect(menu).toHaveAttribute("aria-expanded", "false");
    await expect(menu).toBeFocused();
    await expect(nav.getByRole("link", { name: "Boards" })).toBeHidden();

    // A link in the menu navigates, and the menu closes on the new page.
    await menu.click();
    await nav.getByRole("link", { name: "Boards" }).click();
    await expect(agent).toHaveURL(/\/board$/);
    await expect(menu).toHaveAttribute("aria-expanded", "false");
    await expect(nav.getByRole("link", { name: "Desk" })).toBeHidden();

    // The account menu closes on Escape (focus back on it) and when one of its pages opens
    // (from /notifications its links stay inside one layout: the header is not drawn again).
    await agent.goto("/notifications");
    const account = agent.getByLabel("Account menu for Sam Agent");
    const signOut = agent.getByRole("button", { name: "Sign out" });
    await account.click();
    await expect(signOut).toBeVisible();
    await agent.keyboard.press("Escape");
    await expect(signOut).toBeHidden();
    await expect(account).toBeFocused();
    await account.click();
    await agent.getByRole("banner").getByRole("link", { name: "Notification settings", exact: true }).click();
    await expect(agent).toHaveURL(/\/settings\/notifications$/);
    await expect(signOut).toBeHidden();

    for (const path of ["/desk", "/tickets/SUP-1", "/board", "/notifications", "/settings/notifications", "/settings/canned-responses"]) {
      await agent.goto(path);
      await expect(agent.getByRole("heading", { level: 1 })).toBeVisible();
      expect(await sideways(agent), `${path} at ${size.width} px scrolls sideways`).toBe(0);
      await shot(agent, `phone-agent${path.replace(/\W+/g, "-")}-${size.width}`);
    }
  }
});

test("[phone] the desk is a list of cards: number, title link, status, priority, assignee, updated; selection works; the table is not shown", async ({ as }) => {
  const requester = await as(USERS.acmeRequester);
  const title = `Phone card ${uniqueSuffix()} with averyveryverylongunbrokenwordthatmustwrapinsideitscardwithoutwideningthepage`;
  const number = await createSupportRequest(requester, { title, priority: "High" });

  const agent = await as(USERS.acmeAgent);
  for (const size of PHONES) {
    await agent.setViewportSize(size);
    await agent.goto("/desk");
    await expect(agent.getByRole("table", { name: "Tickets" })).toBeHidden();
    const cards = agent.getByRole("list", { name: "Tickets" });
    const card = cards.getByRole("listitem").filter({ has: agent.getByRole("link", { name: title }) });
    await expect(card).toHaveCount(1);
    const link = card.getByRole("link", { name: title });
    await expect(link).toHaveAttribute("href", `/tickets/${number}`);
    await expect(card).toContainText(number);
    await expect(card).toContainText("Open");
    await expect(card).toContainText("High");
    await expect(card).toContainText("Unassigned");
    await expect(card).toContainText(/Updated .*ago/);
    // The card holds its long title inside the screen.
    const box = (await card.boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(size.width);
    expect(await sideways(agent), `/desk at ${size.width} px scrolls sideways`).toBe(0);

    // Ticking a card opens the bulk bar, as a table row's checkbox does.
    const tick = card.getByRole("checkbox", { name: `Select ${number}` });
    await expectTapTarget(tick.locator("xpath=.."), "the card's checkbox");
    await tick.check();
    await expect(agent.getByText(/^1 selected/)).toBeVisible();
    await tick.uncheck();
    await expect(agent.getByText(/^1 selected/)).toBeHidden();

    await link.click();
    await expect(agent).toHaveURL(new RegExp(`/tickets/${number}$`));
    // The ticket page in one column, the reply box reachable and inside the screen's width.
    const reply = agent.getByLabel("Reply");
    await reply.scrollIntoViewIfNeeded();
    await expectInViewport(agent, reply, "the reply box");
    await expectInViewport(agent, agent.getByRole("button", { name: "Send" }), "Send");
    expect(await sideways(agent), `the ticket page at ${size.width} px scrolls sideways`).toBe(0);
  }
  await agent.setViewportSize({ width: 1280, height: 800 });
  await agent.goto("/desk");
  await expect(agent.getByRole("list", { name: "Tickets" })).toBeHidden();
  await expect(agent.getByRole("table", { name: "Tickets" }).getByRole("link", { name: title })).toBeVisible();
});

test("[phone] requester: header, Menu and every portal page fit the screen", async ({ as }) => {
  const requester = await as(USERS.acmeRequester);
  const number = await createSupportRequest(requester, { title: `Phone portal ${uniqueSuffix()}` });
  for (const size of PHONES) {
    await requester.setViewportSize(size);
    await requester.goto("/portal");
    await checkHeader(requester, "Rita Requester");
    const nav = requester.getByRole("navigation", { name: "Main" });
    await nav.getByRole("button", { name: "Menu", exact: true }).click();
    await expect(nav.getByRole("link", { name: "My requests" })).toHaveAttribute("aria-current", "page");
    await nav.getByRole("link", { name: "New request" }).click();
    await expect(requester).toHaveURL(/\/portal\/new$/);
    await expect(requester.getByLabel("Request type")).toBeVisible();

    for (const path of ["/portal", "/portal/new", `/portal/tickets/${number}`, "/notifications", "/settings/password", "/settings/tokens"]) {
      await requester.goto(path);
      await expect(requester.getByRole("heading", { level: 1 })).toBeVisible();
      expect(await sideways(requester), `${path} at ${size.width} px scrolls sideways`).toBe(0);
      await shot(requester, `phone-requester${path.replace(/\W+/g, "-")}-${size.width}`);
    }
    await requester.goto(`/portal/tickets/${number}`);
    const reply = requester.getByLabel("Reply");
    await reply.scrollIntoViewIfNeeded();
    await expectInViewport(requester, reply, "the portal's reply box");
  }
});

test("[phone] an admin page fits a phone", async ({ as }) => {
  const admin = await as(USERS.acmeAdmin);
  for (const size of PHONES) {
    await admin.setViewportSize(size);
    for (const path of ["/admin/users", "/admin/roles"]) {
      await admin.goto(path);
      await expect(admin.getByRole("heading", { level: 1 })).toBeVisible();
      expect(await sideways(admin), `${path} at ${size.width} px scrolls sideways`).toBe(0);
    }
    await checkHeader(admin, "Ada Admin");
  }
});

test("[phone] the board scrolls one column at a time; on a 2,400 px screen it takes the whole width", async ({ as }) => {
  const agent = await as(USERS.acmeAgent);
  for (const size of PHONES) {
    await agent.setViewportSize(size);
    await agent.goto("/board/SUP");
    const board = agent.getByTestId("board");
    const open = agent.getByRole("region", { name: "Open", exact: true });
    await expect(open).toBeVisible();
    expect(await board.evaluate((el) => getComputedStyle(el).scrollSnapType)).toMatch(/^x mandatory/);
    expect(await open.evaluate((el) => getComputedStyle(el).scrollSnapAlign)).toBe("start");
    // One column takes most of the screen (~85 %), so the next only peeks in.
    const first = (await open.boundingBox())!;
    expect(first.width).toBeGreaterThanOrEqual(size.width * 0.8);
    expect(first.width).toBeLessThanOrEqual(size.width * 0.9);
    const columns = board.locator("section[data-column-key]");
    expect(await columns.count()).toBeGreaterThan(2);
    // The board scrolls inside itself; the page does not.
    expect(await board.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
    expect(await sideways(agent), `/board/SUP at ${size.width} px scrolls sideways`).toBe(0);
    // A flick lands on the second column's start, not between two.
    const second = columns.nth(1);
    await board.evaluate((el) => el.scrollBy({ left: 60, behavior: "instant" }));
    await expect.poll(async () => Math.round((await second.boundingBox())!.x)).toBe(Math.round(first.x));
    // The filters fold behind "Filters" (the board starts on the first screen); the button unfolds them.
    const filters = agent.getByRole("button", { name: "Filters", exact: true });
    await expect(filters).toHaveAttribute("aria-expanded", "false");
    await expect(agent.getByLabel("Assignee")).toBeHidden();
    expect((await open.boundingBox())!.y, "the first column starts on the first screen").toBeLessThan(size.height / 2);
    await filters.click();
    await expect(agent.getByLabel("Assignee")).toBeVisible();
    await expectTapTarget(agent.getByLabel("Assignee"), "the Assignee filter");
    await filters.click();
    await expect(agent.getByLabel("Assignee")).toBeHidden();
    // The card's handle is a finger's size.
    await expectTapTarget(open.getByRole("button", { name: /^Move SUP-\d+$/ }).first(), "a card's handle");
    await shot(agent, `phone-board-${size.width}`);
  }

  await agent.setViewportSize({ width: 2400, height: 1200 });
  await agent.goto("/board/ENG");
  const board = agent.getByTestId("board");
  await expect(agent.getByRole("region").first()).toBeVisible();
  const wide = (await board.boundingBox())!;
  expect(wide.width, `the board is ${wide.width} px wide on a 2,400 px screen`).toBeGreaterThan(2000);
  expect(await sideways(agent)).toBe(0);
  // Other pages keep their reading width.
  await agent.goto("/desk");
  const main = (await agent.locator("main#main").boundingBox())!;
  expect(main.width).toBeLessThanOrEqual(1280);
});

/**
 * Every control a finger may need on the page, under 44 × 44 px at phone size:
 * links, buttons, fields, summaries; a checkbox or radio counts by its label.
 * Links inside running text are exempt (WCAG 2.5.8), as is what is off screen
 * or visually hidden (the skip link until it is focused).
 */
async function smallTargets(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    for (const el of document.querySelectorAll<HTMLElement>("a[href], button, select, input:not([type=hidden]), textarea, summary, [role=button], [role=tab], [role=menuitem]")) {
      const r = el.getBoundingClientRect();
      const cs = getComputedStyle(el);
      if (r.width <= 2 || r.height <= 2 || cs.visibility === "hidden" || r.right < 0 || r.left > innerWidth) continue;
      const parent = el.parentElement;
      const inText = el.tagName === "A" && cs.display === "inline" && parent && (parent.textContent ?? "").trim().length > (el.textContent ?? "").trim().length + 10;
      if (inText) continue;
      const input = el as HTMLInputElement;
      const label = (input.type === "checkbox" || input.type === "radio") && el.closest("label");
      const box = label ? label.getBoundingClientRect() : r;
      const field = /^(INPUT|SELECT|TEXTAREA)$/.test(el.tagName) && !label;
      if (box.height >= 44 && (box.width >= 44 || field)) continue;
      const name = (el.getAttribute("aria-label") ?? el.textContent ?? el.getAttribute("name") ?? "").trim().slice(0, 40);
      out.push(`${el.tagName.toLowerCase()} "${name}" ${Math.round(box.width)}×${Math.round(box.height)}`);
    }
    return out;
  });
}

test("[phone] every control on each role's pages is at least 44 × 44 px", async ({ as }) => {
  test.slow();
  const requester = await as(USERS.acmeRequester);
  const agent = await as(USERS.acmeAgent);
  const admin = await as(USERS.acmeAdmin);
  const pages: [Page, string[]][] = [
    [agent, ["/desk", "/tickets/SUP-2", "/board/SUP", "/board/ENG", "/notifications", "/settings/notifications", "/settings/canned-responses"]],
    [requester, ["/portal", "/portal/new", "/portal/tickets/SUP-2", "/settings/password", "/settings/tokens"]],
    [admin, ["/admin", "/admin/users", "/admin/roles", "/admin/projects", "/admin/teams", "/admin/tags", "/admin/assets", "/admin/contacts", "/admin/audit", "/admin/tokens", "/admin/settings"]],
  ];
  const found: string[] = [];
  for (const [page, paths] of pages) {
    await page.setViewportSize(PHONES[0]);
    for (const path of paths) {
      await page.goto(path, { waitUntil: "networkidle" });
      await expect(page.locator("main")).toBeVisible();
      for (const s of await smallTargets(page)) found.push(`${path}: ${s}`);
    }
  }
  expect(found).toEqual([]);
});
