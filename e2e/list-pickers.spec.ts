import type { Page } from "@playwright/test";
import { test, expect, USERS, uniqueSuffix } from "./support/fixtures";

// Lists that grow with the organization are searched on the server, never
// sent with the page (issue 12): the target asset (GET /api/assets/search)
// and canned responses (GET /api/canned-responses/search).

const shot = (page: Page, name: string) => page.screenshot({ path: `test-results/screens/${name}.png`, fullPage: false });

async function shots(page: Page, name: string, target: ReturnType<Page["getByRole"]>) {
  for (const [width, height] of [[1280, 800], [390, 844]] as const) {
    await page.setViewportSize({ width, height });
    await target.scrollIntoViewIfNeeded();
    await shot(page, `${name}-${width}`);
  }
  await page.setViewportSize({ width: 1280, height: 800 });
}

async function fillChange(page: Page, title: string) {
  await page.goto("/portal/new", { waitUntil: "networkidle" });
  await page.getByLabel("Request type").selectOption({ label: "Change request" });
  await page.getByLabel("Title", { exact: true }).fill(title);
  await page.getByLabel("Description").fill("Asset picker journey.");
  await page.getByLabel("Action").nth(0).selectOption("modify");
  await page.getByLabel("Component type").nth(0).selectOption("storage");
  await page.getByLabel("Current value").nth(0).fill("Write cache off");
  await page.getByLabel("Requested value").nth(0).fill("Write cache on");
}

test("[portal] requester finds the target asset by typing its tag or name and picks it with the keyboard; the page lists no assets", async ({ as }) => {
  const requester = await as(USERS.acmeRequester);
  const title = `Asset picker ${uniqueSuffix()}`;
  await fillChange(requester, title);
  const picker = requester.getByRole("combobox", { name: "Target asset" });
  const suggestions = requester.getByRole("listbox", { name: "Asset suggestions" });

  await test.step("the page carries no asset; focus asks the server for the first ones", async () => {
    expect(await requester.content()).not.toContain("db-prod-01");
    await picker.click();
    await expect(suggestions.getByRole("option", { name: "SRV-001 · db-prod-01" })).toBeVisible();
    await shots(requester, "asset-picker-portal", picker);
  });

  await test.step("a name prefix narrows; nothing matching says so; ArrowDown + Enter picks", async () => {
    await picker.fill("zz-no-such");
    await expect(suggestions.getByText("No such asset.")).toBeVisible();
    await picker.fill("DB-PROD");
    await expect(suggestions.getByRole("option")).toHaveText(["SRV-001 · db-prod-01"]);
    await picker.press("ArrowDown");
    await picker.press("Enter");
    await expect(suggestions).toBeHidden();
    await expect(picker).toHaveValue("SRV-001 · db-prod-01");
  });

  await test.step("saved as a draft: the requester's own draft shows the asset by name", async () => {
    await requester.getByRole("button", { name: "Save draft" }).click();
    await requester.waitForURL(/\/portal\/tickets\/TKT-\d{8}-\d{4,}$/);
    await expect(requester.getByRole("combobox", { name: "Target asset" })).toHaveValue("SRV-001 · db-prod-01");
  });
});

test("[ticket] staff see the change's target asset by name in the edit form and can search another", async ({ as }) => {
  const requester = await as(USERS.acmeRequester);
  await fillChange(requester, `Asset on ticket ${uniqueSuffix()}`);
  const portalPicker = requester.getByRole("combobox", { name: "Target asset" });
  await portalPicker.fill("srv-001");
  await requester.getByRole("listbox", { name: "Asset suggestions" }).getByRole("option", { name: "SRV-001 · db-prod-01" }).click();
  await requester.getByRole("button", { name: "Create request" }).click();
  await requester.waitForURL(/\/tickets\/TKT-\d{8}-\d{4,}$/);
  const number = new URL(requester.url()).pathname.split("/").pop()!;

  const admin = await as(USERS.acmeAdmin);
  await admin.goto(`/tickets/${number}`, { waitUntil: "networkidle" });
  const picker = admin.getByRole("form", { name: "Edit ticket" }).getByRole("combobox", { name: "Target asset" });
  await expect(picker).toHaveValue("SRV-001 · db-prod-01");
  await picker.click();
  await expect(admin.getByRole("listbox", { name: "Asset suggestions" }).getByRole("option", { name: "SRV-001 · db-prod-01" })).toBeVisible();
  await shots(admin, "asset-picker-ticket", picker);
  await picker.press("Escape");
  // Leaving the box without a pick keeps the asset.
  await picker.blur();
  await expect(picker).toHaveValue("SRV-001 · db-prod-01");
});

test("[api] /api/assets/search: signed out nothing, scoped to the organization, 404 without a change project, bounded", async ({ as, anonymous }) => {
  const anon = await anonymous();
  const redirected = await anon.request.get("/api/assets/search?q=srv", { maxRedirects: 0 });
  expect(redirected.status()).toBe(307);

  const requester = await as(USERS.acmeRequester);
  const res = await requester.request.get("/api/assets/search?q=srv-001");
  expect(res.status()).toBe(200);
  expect((await res.json()).results).toEqual([{ id: expect.stringMatching(/^[0-9a-f-]{36}$/), name: "SRV-001 · db-prod-01" }]);
  expect(((await (await requester.request.get("/api/assets/search")).json()).results as unknown[]).length).toBeLessThanOrEqual(20);
  const bad = await requester.request.get("/api/assets/search?q=%00");
  expect(bad.status()).toBe(400);
  expect((await bad.json()).message).toMatch(/NUL/);

  // Globex: its staff never see Acme's assets; its requesters have no change project to pick one for.
  const globexAgent = await as(USERS.globexAgent);
  expect((await (await globexAgent.request.get("/api/assets/search?q=srv")).json()).results).toEqual([]);
  expect((await (await as(USERS.globexRequester)).request.get("/api/assets/search?q=srv")).status()).toBe(404);
});

test("[desk] Insert response asks the server as the agent types; the ticket page carries no response text", async ({ as }) => {
  const agent = await as(USERS.acmeAgent);
  await agent.goto("/tickets/SUP-3", { waitUntil: "networkidle" });
  // The seed's "Password reset steps" links passwords.acme.test: not in the page until searched.
  expect(await agent.content()).not.toContain("passwords.acme.test");
  await agent.getByRole("button", { name: "Insert response" }).click();
  const search = agent.getByRole("combobox", { name: "Search responses" });
  const list = agent.getByRole("listbox", { name: "Canned responses" });
  await expect(list.getByRole("option", { name: /^Greeting/ })).toBeVisible();
  await search.fill("passwords.acme");
  await expect(list.getByRole("option")).toHaveCount(1);
  await expect(list.getByRole("option")).toContainText("Password reset steps");
  await shots(agent, "canned-picker", search);
  await search.fill("zz-no-such-response");
  await expect(agent.getByText("No response matches.")).toBeVisible();

  const requester = await as(USERS.acmeRequester);
  expect((await requester.request.get("/api/canned-responses/search?q=greet")).status()).toBe(404);
  const globex = await as(USERS.globexAgent);
  expect((await (await globex.request.get("/api/canned-responses/search?q=greet")).json()).results).toEqual([]);
});

test("[settings] canned responses: a search narrows both sections", async ({ as }) => {
  const agent = await as(USERS.acmeAgent);
  await agent.goto("/settings/canned-responses", { waitUntil: "networkidle" });
  await agent.getByRole("searchbox", { name: "Search canned responses" }).fill("password");
  await agent.getByRole("searchbox", { name: "Search canned responses" }).press("Enter");
  await agent.waitForURL(/\?q=password/);
  await expect(agent.getByRole("list", { name: "Organization-wide responses" }).getByRole("listitem")).toHaveCount(1);
  await expect(agent.getByRole("list", { name: "Organization-wide responses" })).toContainText("Password reset steps");
  await expect(agent.getByText("No personal response matches.")).toBeVisible();
  await shots(agent, "canned-settings-search", agent.getByRole("searchbox", { name: "Search canned responses" }));
});
