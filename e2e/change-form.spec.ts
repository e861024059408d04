import type { Page } from "@playwright/test";
import * as files from "../test/fixtures/files";
import { test, expect, expectFieldError, pickTargetAsset, uniqueSuffix, USERS } from "./support/fixtures";
import { sql, ticketCountRequestedBy } from "./support/db";

// The change form (issue 14): the target asset's installed components to pick
// from, each item checked by the server's validator as it is typed, before
// anything is saved; and files on the new-request form.

const item = (page: Page, n: number) => page.getByRole("group", { name: `Item ${n}`, exact: true });
const NIC = "Network card · Onboard 1GbE · serial NIC-ONB-0001 · 1 installed";

async function openChangeForm(page: Page, title: string) {
  await page.goto("/portal/new");
  await page.getByLabel("Request type").selectOption({ label: "Change request" });
  await page.getByLabel("Title", { exact: true }).fill(title);
  await page.getByLabel("Description").fill("The onboard NIC drops packets under load.");
  await pickTargetAsset(page);
}

test("[portal] requester picks the installed NIC for a replace and sees the row valid before saving; a mistyped current value shows the validator's message next to the row, nothing saved", async ({ as }) => {
  const before = await ticketCountRequestedBy(USERS.acmeRequester);
  const page = await as(USERS.acmeRequester);
  const title = `Replace NIC ${uniqueSuffix()}`;
  await openChangeForm(page, title);
  const row = item(page, 1);

  await test.step("an add offers no installed component; a replace does, listing the asset's components with their type's label", async () => {
    await expect(row.getByRole("combobox", { name: "Installed component" })).toHaveCount(0);
    await row.getByLabel("Action").selectOption({ label: "Replace" });
    await row.getByRole("combobox", { name: "Installed component" }).click();
    const list = page.getByRole("listbox", { name: "Installed components for item 1" });
    await expect(list.getByRole("option", { name: NIC })).toBeVisible();
    await expect(list.getByRole("option", { name: /^Processor \(CPU\) · Intel Xeon Gold 6338/ })).toBeVisible();
    // Labels, never codes.
    await expect(list).not.toContainText(/\b(nic|cpu|STORAGE)\b/);
    await list.getByRole("option", { name: NIC }).click();
  });

  await test.step("picking fills the component fields and the current value", async () => {
    await expect(row.getByLabel("Component type")).toHaveValue("nic");
    await expect(row.getByLabel("Component type").locator("option:checked")).toHaveText("Network card");
    await expect(row.getByLabel("Current value")).toHaveValue("Onboard 1GbE");
    await expect(row.getByLabel("Component reference")).toHaveValue("Onboard 1GbE");
    await expect(row.getByLabel("Serial")).toHaveValue("NIC-ONB-0001");
    await row.getByLabel("Requested value").fill("Intel X710 10GbE");
    await expect(row.getByText("Valid", { exact: true })).toBeVisible();
  });

  await test.step("the issue's '1GbE onboard' reads the validator's message next to the row, before saving", async () => {
    await row.getByLabel("Component reference").fill("");
    await row.getByLabel("Serial").fill("");
    await row.getByLabel("Current value").fill("1GbE onboard");
    await expect(row.getByText('db-prod-01 has no network card matching "1GbE onboard". Installed: "Onboard 1GbE".')).toBeVisible();
    await expect(row.getByText("Valid", { exact: true })).toHaveCount(0);
    await expect(page).toHaveURL(/\/portal\/new$/);
    expect(await ticketCountRequestedBy(USERS.acmeRequester)).toBe(before);
  });

  await test.step("the component's own name makes it valid again, and the saved change agrees", async () => {
    await row.getByLabel("Current value").fill("onboard 1gbe");
    await expect(row.getByText("Valid", { exact: true })).toBeVisible();
    await page.getByRole("button", { name: "Create request" }).click();
    await page.waitForURL(/\/portal\/tickets\/TKT-\d{8}-\d{4,}$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
    await expect(page.getByTestId("ticket-status")).toHaveText("Pending");
    expect(await ticketCountRequestedBy(USERS.acmeRequester)).toBe(before + 1);
  });
});

test("[portal] requester attaches a file on /portal/new; a refused form keeps it chosen; it is on the created ticket", async ({ as }) => {
  const suffix = uniqueSuffix();
  const page = await as(USERS.acmeRequester);
  const name = `error-report-${suffix}.pdf`;
  await page.goto("/portal/new");
  await page.getByLabel("Description").fill("The printer shows the error in the attached report.");
  await page.getByLabel("Attach files", { exact: true }).setInputFiles({ name, mimeType: "application/pdf", buffer: files.pdf(suffix) });
  const chosen = page.getByRole("list", { name: "Files to attach" });
  await expect(chosen.getByRole("listitem").filter({ hasText: name })).toBeVisible();

  // No title: refused, and the file is still chosen.
  await page.getByRole("button", { name: "Create request" }).click();
  await expectFieldError(page, "Title", "Title is required");
  await expect(chosen.getByRole("listitem").filter({ hasText: name })).toBeVisible();

  // A file the server would refuse is refused before anything is created, with the server's words.
  await page.getByLabel("Attach files", { exact: true }).setInputFiles({ name: "setup.exe", mimeType: "application/octet-stream", buffer: files.exe() });
  await expect(chosen.getByRole("listitem").filter({ hasText: "setup.exe" })).toContainText(".exe files are not allowed");
  await page.getByLabel("Title", { exact: true }).fill(`Printer error ${suffix}`);
  await page.getByRole("button", { name: "Create request" }).click();
  await expect(page.locator("form").getByRole("alert")).toContainText("Remove the files that cannot be attached");
  await expect(page).toHaveURL(/\/portal\/new$/);
  await page.getByRole("button", { name: "Remove setup.exe" }).click();

  // A file only the server can judge (a program named .pdf): the files are sent
  // before the request is created, so nothing is created and the refusal shows
  // next to the file; the good file is already sent and is not sent again.
  const fake = `not-a-report-${suffix}.pdf`;
  await page.getByLabel("Attach files", { exact: true }).setInputFiles({ name: fake, mimeType: "application/pdf", buffer: files.exe() });
  await page.getByRole("button", { name: "Create request" }).click();
  await expect(page.locator("form").getByRole("alert")).toContainText("Some files could not be attached");
  await expect(chosen.getByRole("listitem").filter({ hasText: fake })).toContainText("executable files cannot be attached");
  await expect(page).toHaveURL(/\/portal\/new$/);
  expect(await sql(`SELECT 1 FROM "Ticket" WHERE "title" = $1`, [`Printer error ${suffix}`])).toHaveLength(0);
  await page.getByRole("button", { name: `Remove ${fake}` }).click();

  await page.getByRole("button", { name: "Create request" }).click();
  await page.waitForURL(/\/portal\/tickets\/SUP-\d+$/);
  const attachments = page.getByRole("region", { name: "Attachments" });
  await expect(attachments.getByRole("link", { name })).toBeVisible();
  const number = new URL(page.url()).pathname.split("/").pop()!;
  // Bound in the creating transaction: one row, on the ticket, no longer pending; the refused file left nothing.
  const rows = await sql<{ number: string | null; pending: boolean }>(
    `SELECT t."number", a."pending" FROM "Attachment" a LEFT JOIN "Ticket" t ON t.id = a."ticketId" WHERE a."originalName" = $1`,
    [name],
  );
  expect(rows).toEqual([{ number, pending: false }]);
  expect(await sql(`SELECT 1 FROM "Attachment" WHERE "originalName" = $1`, [fake])).toHaveLength(0);

  // The agent finds it on the ticket too.
  const agent = await as(USERS.acmeAgent);
  await agent.goto(`/tickets/${number}`);
  await expect(agent.getByRole("region", { name: "Attachments" }).getByRole("link", { name })).toBeVisible();
  await expect(agent.getByRole("region", { name: "History" })).toContainText(name);
});

test("[portal] on the ticket page, 'Edit items' checks the saved draft's rows before saving and offers the target asset's components; the fixed row saves valid", async ({ as }) => {
  const page = await as(USERS.acmeRequester);
  const title = `Replace NIC draft ${uniqueSuffix()}`;
  await openChangeForm(page, title);
  const first = item(page, 1);
  await first.getByLabel("Action").selectOption({ label: "Replace" });
  await first.getByLabel("Component type").selectOption({ label: "Network card" });
  await first.getByLabel("Current value").fill("1GbE onboard");
  await first.getByLabel("Requested value").fill("Intel X710 10GbE");
  await expect(first.getByText(/has no network card matching "1GbE onboard"/)).toBeVisible();
  await page.getByRole("button", { name: "Save draft" }).click();
  await page.waitForURL(/\/portal\/tickets\/TKT-\d{8}-\d{4,}$/);
  await expect(page.getByTestId("ticket-status")).toHaveText("Draft");

  const items = page.getByRole("region", { name: "Items" });
  await items.getByRole("button", { name: "Edit items" }).click();
  const row = item(page, 1);
  // Checked as soon as the editor opens, before anything is saved.
  await expect(row.getByText('db-prod-01 has no network card matching "1GbE onboard". Installed: "Onboard 1GbE".')).toBeVisible();
  await row.getByRole("combobox", { name: "Installed component" }).fill("onboard");
  await page.getByRole("listbox", { name: "Installed components for item 1" }).getByRole("option", { name: NIC }).click();
  await expect(row.getByLabel("Current value")).toHaveValue("Onboard 1GbE");
  await expect(row.getByText("Valid", { exact: true })).toBeVisible();
  await items.getByRole("button", { name: "Save items" }).click();
  await expect(items.getByRole("button", { name: "Edit items" })).toBeVisible();
  await expect(items).toContainText("Valid");
  await expect(items).not.toContainText("has no network card");
});

test("[portal] an asset with many components: the picker shows the first 20 and says there are more; typing narrows on the server", async ({ as }) => {
  const tag = `BULK-${uniqueSuffix()}`.slice(0, 40);
  const [asset] = await sql<{ id: string }>(
    `INSERT INTO "Asset" (id, "organizationId", tag, name, "slotCapacities", "updatedAt")
     SELECT gen_random_uuid(), o.id, $1, 'storage-node', '{"storage": 64}', now() FROM "Organization" o WHERE o.slug = 'acme' RETURNING id`,
    [tag],
  );
  await sql(
    `INSERT INTO "AssetComponent" (id, "organizationId", "assetId", "componentType", reference, serial, quantity, "updatedAt")
     SELECT gen_random_uuid(), a."organizationId", a.id, 'storage', 'Disk ' || lpad(i::text, 2, '0'), 'SN-' || i, 1, now() FROM "Asset" a, generate_series(1, 30) i WHERE a.id = $1`,
    [asset!.id],
  );
  const page = await as(USERS.acmeRequester);
  await page.goto("/portal/new");
  await page.getByLabel("Request type").selectOption({ label: "Change request" });
  await pickTargetAsset(page, tag);
  const row = item(page, 1);
  await row.getByLabel("Action").selectOption({ label: "Remove" });
  await row.getByRole("combobox", { name: "Installed component" }).click();
  const list = page.getByRole("listbox", { name: "Installed components for item 1" });
  await expect(list.getByRole("option")).toHaveCount(20);
  await expect(list).toContainText("More components than shown");
  await row.getByRole("combobox", { name: "Installed component" }).fill("disk 27");
  await expect(list.getByRole("option")).toHaveText(["Storage drive · Disk 27 · serial SN-27 · 1 installed"]);
  await expect(list).not.toContainText("More components than shown");
  await list.getByRole("option").click();
  await expect(row.getByLabel("Serial")).toHaveValue("SN-27");
  await expect(row.getByText("Valid", { exact: true })).toBeVisible();
});
