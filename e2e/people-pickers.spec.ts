import type { Page } from "@playwright/test";
import { test, expect, USERS, uniqueSuffix, createSupportRequest, signIn } from "./support/fixtures";

// People pickers search the server as you type (GET /api/staff/search): the
// ticket page sends only the current assignees' names, never the staff list.

const shot = (page: Page, name: string) => page.screenshot({ path: `test-results/screens/${name}.png`, fullPage: false });

test("[ticket] agent types a name in the assignee picker, picks it with the keyboard and saves: shown after reload", async ({ as }) => {
  const number = await createSupportRequest(await as(USERS.acmeRequester), { title: `Picker ${uniqueSuffix()}` });
  const agent = await as(USERS.acmeAgent);
  await agent.goto(`/tickets/${number}`, { waitUntil: "networkidle" });
  const assignment = agent.getByRole("region", { name: "Assignment" });
  const picker = assignment.getByRole("combobox", { name: "Add assignee" });
  const suggestions = assignment.getByRole("listbox", { name: "Add assignee suggestions" });

  await test.step("focus lists the first staff names (never requesters); typing narrows; Escape closes", async () => {
    await picker.click();
    await expect(suggestions.getByRole("option")).toHaveText(["Ada Admin", "Maria Manager", "Sam Agent", "Theo Technician"]);
    await expect(picker).toHaveAttribute("aria-expanded", "true");
    await agent.setViewportSize({ width: 1280, height: 800 });
    await picker.scrollIntoViewIfNeeded();
    await shot(agent, "assignee-picker-1280");
    await agent.setViewportSize({ width: 390, height: 844 });
    await picker.scrollIntoViewIfNeeded();
    await shot(agent, "assignee-picker-390");
    await agent.setViewportSize({ width: 1280, height: 800 });
    await picker.press("Escape");
    await expect(suggestions).toBeHidden();
    await expect(picker).toHaveAttribute("aria-expanded", "false");
  });

  await test.step("type part of a word, arrow to the option, Enter picks it", async () => {
    await picker.pressSequentially("MAN");
    await expect(suggestions.getByRole("option")).toHaveText(["Maria Manager"]);
    await picker.press("ArrowDown");
    await expect(suggestions.getByRole("option", { name: "Maria Manager" })).toHaveAttribute("aria-selected", "true");
    await picker.press("Enter");
    await expect(suggestions).toBeHidden();
    await expect(picker).toHaveValue("");
    await expect(assignment.getByLabel("Maria Manager")).toBeChecked();
  });

  await test.step("saved: history and, after a reload, the assignee by name", async () => {
    await assignment.getByRole("button", { name: "Save assignees" }).click();
    await expect(agent.getByRole("region", { name: "History" })).toContainText("Sam Agent assigned Maria Manager");
    await agent.reload({ waitUntil: "networkidle" });
    await expect(agent.getByRole("region", { name: "Assignment" }).getByLabel("Maria Manager")).toBeChecked();
    // Already assigned: not offered again.
    await agent.getByRole("region", { name: "Assignment" }).getByRole("combobox", { name: "Add assignee" }).fill("mar");
    await expect(agent.getByRole("region", { name: "Assignment" }).getByText("Nobody matches.")).toBeVisible();
  });
});

test("[api] /api/staff/search: signed out nothing (login redirect, 401 for an ended session), 404 for requesters, bounded and scoped for staff", async ({ as, anonymous, playwright, baseURL }) => {
  const anon = await anonymous();
  // Without a session the proxy sends the visitor to sign in; no names leak.
  const redirected = await anon.request.get("/api/staff/search?q=ma", { maxRedirects: 0 });
  expect(redirected.status()).toBe(307);
  expect(redirected.headers()["location"]).toMatch(/\/login/);
  // A session that ended on the server (its cookie replayed after sign-out) reaches the route: 401.
  await signIn(anon, USERS.acmeAgent);
  const kept = await anon.context().storageState();
  await anon.getByRole("button", { name: "Sign out" }).click();
  await anon.waitForURL(/\/login/);
  const replay = await playwright.request.newContext({ baseURL, storageState: kept });
  const ended = await replay.get("/api/staff/search?q=ma");
  expect(ended.status()).toBe(401);
  expect((await ended.json()).results).toBeUndefined();
  await replay.dispose();

  const requester = await as(USERS.acmeRequester);
  expect((await requester.request.get("/api/staff/search?q=ma")).status()).toBe(404);

  const agent = await as(USERS.acmeAgent);
  const res = await agent.request.get("/api/staff/search?q=ma");
  expect(res.status()).toBe(200);
  expect(((await res.json()).results as { name: string }[]).map((r) => r.name)).toEqual(["Maria Manager"]);
  const one = await agent.request.get("/api/staff/search?limit=1");
  expect((await one.json()).results).toHaveLength(1);
  expect((await agent.request.get("/api/staff/search?limit=21")).status()).toBe(400);

  const globex = await as(USERS.globexAgent);
  expect((await (await globex.request.get("/api/staff/search?q=ada")).json()).results).toEqual([]);
});

test("[board] the assignee and tag filters find people and tags by typing; the URL holds them and the select shows the name", async ({ as }) => {
  const agent = await as(USERS.acmeAgent);
  await agent.goto("/board/SUP", { waitUntil: "networkidle" });
  const person = agent.getByRole("combobox", { name: "Find person" });
  await person.fill("sam");
  await agent.getByRole("option", { name: "Sam Agent" }).click();
  await expect(agent).toHaveURL(/assignee=[0-9a-f-]{36}/);
  await expect(agent.getByLabel("Assignee")).toHaveValue(/[0-9a-f-]{36}/);
  await expect(agent.getByLabel("Assignee").locator("option:checked")).toHaveText("Sam Agent");

  const tag = agent.getByRole("combobox", { name: "Find tag" });
  await tag.pressSequentially("NET");
  await expect(agent.getByRole("listbox", { name: "Find tag suggestions" }).getByRole("option")).toHaveText(["network"]);
  await tag.press("Enter");
  await expect(agent).toHaveURL(/tag=network/);
  await expect(agent.getByLabel("Tag", { exact: true })).toHaveValue("network");
  await agent.setViewportSize({ width: 390, height: 844 });
  await agent.getByRole("combobox", { name: "Find person" }).click();
  await expect(agent.getByRole("listbox", { name: "Find person suggestions" }).getByRole("option", { name: "Maria Manager" })).toBeVisible();
  await shot(agent, "board-filters-390");
});

test("[desk] the assignee filter finds a person by typing inside its menu", async ({ as }) => {
  const agent = await as(USERS.acmeAgent);
  await agent.goto("/desk", { waitUntil: "networkidle" });
  await agent.getByLabel(/^Assignee: /).click();
  await agent.getByRole("combobox", { name: "Find person" }).fill("maria");
  await agent.getByRole("option", { name: "Maria Manager" }).click();
  await expect(agent).toHaveURL(/assignee=[0-9a-f-]{36}/);
  await expect(agent.getByLabel("Assignee: Maria Manager")).toBeVisible();
});
