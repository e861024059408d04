import type { Page } from "@playwright/test";
import { test, expect, expectFieldError, uniqueSuffix, USERS } from "./support/fixtures";
import { ticketCountRequestedBy } from "./support/db";

// Bad input on /portal/new: every refusal is a message next to the field, the
// form keeps what was typed, nothing is created and nothing answers 5xx (the
// serverErrors fixture fails any test that saw one).

async function openForm(page: Page, title: string, description: string) {
  await page.goto("/portal/new");
  await page.getByLabel("Title", { exact: true }).fill(title);
  await page.getByLabel("Description").fill(description);
}

async function submit(page: Page) {
  await page.getByRole("button", { name: "Create request" }).click();
  // The form-level summary appears once the action has answered.
  await expect(page.locator("form").getByRole("alert")).toBeVisible();
}

/** Adds an option the page never offered and selects it, as a tampering user would. */
async function selectForgedOption(page: Page, label: string, value: string) {
  const select = page.getByLabel(label);
  await select.evaluate((el: HTMLSelectElement, v) => el.add(new Option(`Forged ${v}`, v)), value);
  await select.selectOption(value);
}

test("[portal] requester submits an empty title: message next to Title, nothing created", async ({ as }) => {
  const before = await ticketCountRequestedBy(USERS.acmeRequester);
  const page = await as(USERS.acmeRequester);
  const description = `Keep me ${uniqueSuffix()}`;
  await openForm(page, "", description);
  await submit(page);
  await expectFieldError(page, "Title", "Title is required");
  await expect(page.getByLabel("Title", { exact: true })).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("Description")).toHaveValue(description);
  await expect(page).toHaveURL(/\/portal\/new$/);

  // Whitespace only is empty too.
  await page.getByLabel("Title", { exact: true }).fill("    ");
  await submit(page);
  await expectFieldError(page, "Title", "Title is required");
  expect(await ticketCountRequestedBy(USERS.acmeRequester)).toBe(before);
});

test("[portal] requester submits a 10,000-character title: message next to Title, description kept, nothing created", async ({ as }) => {
  const before = await ticketCountRequestedBy(USERS.acmeRequester);
  const page = await as(USERS.acmeRequester);
  const title = "x".repeat(10_000);
  const description = `A long story, kept after the error ${uniqueSuffix()}`;
  await openForm(page, title, description);
  await submit(page);
  await expectFieldError(page, "Title", /at most 200 characters/);
  await expect(page.getByLabel("Description")).toHaveValue(description);
  await expect(page.getByLabel("Title", { exact: true })).toHaveValue(title);
  await expect(page).toHaveURL(/\/portal\/new$/);
  expect(await ticketCountRequestedBy(USERS.acmeRequester)).toBe(before);
});

test("[portal] requester forges a request type that is not offered: message next to Request type, nothing created", async ({ as }) => {
  const before = await ticketCountRequestedBy(USERS.acmeRequester);
  const page = await as(USERS.acmeRequester);
  await openForm(page, `Forged type ${uniqueSuffix()}`, "Trying a kanban request.");
  await selectForgedOption(page, "Request type", "kanban");
  await submit(page);
  await expectFieldError(page, "Request type", "Choose a request type");
  await expect(page).toHaveURL(/\/portal\/new$/);
  expect(await ticketCountRequestedBy(USERS.acmeRequester)).toBe(before);
});

test("[portal] Globex requester forges 'change' though Globex has no change project: message next to Request type, nothing created", async ({ as }) => {
  const before = await ticketCountRequestedBy(USERS.globexRequester);
  const page = await as(USERS.globexRequester);
  await openForm(page, `Forged change ${uniqueSuffix()}`, "Globex has no change project.");
  await expect(page.getByLabel("Request type").locator("option")).toHaveText(["Support request"]);
  await selectForgedOption(page, "Request type", "change");
  await submit(page);
  await expectFieldError(page, "Request type", /cannot create requests of this type/);
  expect(await ticketCountRequestedBy(USERS.globexRequester)).toBe(before);
});

test("[portal] requester adds a project key they are not a member of to the action body: refused next to Request type, nothing created", async ({ as }) => {
  const before = await ticketCountRequestedBy(USERS.acmeRequester);
  const page = await as(USERS.acmeRequester);
  await openForm(page, `Forged project ${uniqueSuffix()}`, "Into the engineering board.");
  let rewritten = 0;
  await page.route("**/portal/new", async (route) => {
    const request = route.request();
    const data = request.postData() ?? "";
    if (request.method() !== "POST" || !(await request.headerValue("next-action")) || !data.includes('"requestType":"support"')) return route.continue();
    rewritten++;
    await route.continue({ postData: data.replace('"requestType":"support"', '"requestType":"support","projectKey":"ENG"') });
  });
  await submit(page);
  expect(rewritten).toBe(1);
  await expectFieldError(page, "Request type", /cannot create requests in this project/);
  expect(await ticketCountRequestedBy(USERS.acmeRequester)).toBe(before);
});

test("[portal] requester forges an unknown priority: message next to Priority, nothing created", async ({ as }) => {
  const before = await ticketCountRequestedBy(USERS.acmeRequester);
  const page = await as(USERS.acmeRequester);
  await openForm(page, `Forged priority ${uniqueSuffix()}`, "Make it urgent.");
  await selectForgedOption(page, "Priority", "urgent");
  await submit(page);
  await expectFieldError(page, "Priority", /Choose a priority/);
  await expect(page).toHaveURL(/\/portal\/new$/);
  expect(await ticketCountRequestedBy(USERS.acmeRequester)).toBe(before);
});
