import type { Page } from "@playwright/test";
import { test, expect, createSupportRequest, uniqueSuffix, USERS } from "./support/fixtures";
import { cloneUser, sql } from "./support/db";

// /admin/contacts (issue 13, "Contacts"): customers and external contacts —
// only rows this spec creates (and a requester cloned for it).

const shot = (page: Page, name: string) => page.screenshot({ path: `test-results/screens/${name}.png`, fullPage: true });

/** Both widths of the page as it is now. */
async function shots(page: Page, name: string) {
  for (const [width, height] of [[1280, 800], [390, 844]] as const) {
    await page.setViewportSize({ width, height });
    await shot(page, `${name}-${width}`);
  }
  await page.setViewportSize({ width: 1280, height: 800 });
}

const customersTable = (page: Page) => page.getByRole("table", { name: "Customers" });
const contactsTable = (page: Page) => page.getByRole("table", { name: "Contacts" });
const row = (table: ReturnType<typeof customersTable>, name: string) => table.getByRole("row").filter({ has: table.page().getByRole("rowheader", { name: new RegExp(name) }) });

async function pick(page: Page, combobox: string, typed: string, option: string | RegExp) {
  const box = page.getByRole("dialog").getByRole("combobox", { name: combobox });
  await box.fill(typed);
  await page.getByRole("dialog").getByRole("option", { name: option }).click();
}

test("[admin] contacts: a customer and a contact with a tag, a customer and a requester account; refusals under their fields; edit and delete", async ({ as }) => {
  test.slow();
  const s = uniqueSuffix();
  const customer = `E2E Customer ${s}`;
  const contact = `E2E Contact ${s}`;
  const requesterEmail = `e2e-contact-${s}@acme.test`;
  await cloneUser(USERS.acmeRequester, requesterEmail, `E2E Requester ${s}`);
  const admin = await as(USERS.acmeAdmin);
  await admin.goto("/admin/contacts", { waitUntil: "networkidle" });

  await test.step("New customer: name and e-mail domain", async () => {
    await admin.getByRole("button", { name: "New customer" }).click();
    const dialog = admin.getByRole("dialog", { name: "New customer" });
    await dialog.getByLabel("Name").fill(customer);
    await dialog.getByLabel("E-mail domains").fill(`e2e-${s}.test`);
    await dialog.getByRole("button", { name: "Create customer" }).click();
    await expect(admin.getByTestId("contacts-feedback")).toHaveText(`${customer} was added.`);
    await admin.getByLabel("Search customers").fill(s);
    await admin.getByLabel("Search customers").press("Enter");
    await expect(row(customersTable(admin), customer)).toContainText(`e2e-${s}.test`);
  });

  await test.step("the same name in other capitals and a domain Initech claims are refused under their fields, the input kept", async () => {
    await admin.getByRole("button", { name: "New customer" }).click();
    const dialog = admin.getByRole("dialog", { name: "New customer" });
    await dialog.getByLabel("Name").fill(customer.toUpperCase());
    await dialog.getByLabel("E-mail domains").fill("initech.test");
    await dialog.getByRole("button", { name: "Create customer" }).click();
    await expect(dialog.getByLabel("Name")).toHaveAccessibleDescription(/already exists/);
    await dialog.getByLabel("Name").fill(`${customer} two`);
    await dialog.getByRole("button", { name: "Create customer" }).click();
    await expect(dialog.getByLabel("E-mail domains")).toHaveAccessibleDescription(/initech\.test already belongs to Initech/);
    await expect(dialog.getByLabel("Name")).toHaveValue(`${customer} two`);
    await shots(admin, "admin-contacts-customer-error");
    await dialog.getByRole("button", { name: "Cancel" }).click();
  });

  await test.step("New contact: customer, tag and requester account found by typing", async () => {
    await admin.getByRole("button", { name: "New contact" }).click();
    const dialog = admin.getByRole("dialog", { name: "New contact" });
    await dialog.getByLabel("Name", { exact: true }).fill(contact);
    await dialog.getByLabel("Email").fill(`contact-${s}@e2e-${s}.test`);
    await dialog.getByLabel("Phone").fill("call me");
    await dialog.getByLabel("Title").fill("Buyer");
    await pick(admin, "Customer", s, customer);
    await pick(admin, "Tags", "hard", "hardware");
    await expect(dialog.getByRole("list", { name: "Chosen tags" })).toHaveText(/hardware/);
    await pick(admin, "Requester account", `e2e-contact-${s}`, new RegExp(requesterEmail));
    await dialog.getByRole("button", { name: "Create contact" }).click();
    await expect(dialog.getByLabel("Phone")).toHaveAccessibleDescription(/digits/);
    await expect(dialog.getByRole("combobox", { name: "Customer" })).toHaveValue(customer);
    await dialog.getByLabel("Phone").fill("+1 555 0123");
    await dialog.getByRole("button", { name: "Create contact" }).click();
    await expect(admin.getByTestId("contacts-feedback")).toHaveText(`${contact} was added.`);
    await admin.getByLabel("Search contacts").fill(contact);
    await admin.getByLabel("Search contacts").press("Enter");
    const r = row(contactsTable(admin), contact);
    await expect(r).toContainText(customer);
    await expect(r).toContainText("hardware");
    await expect(r).toContainText(requesterEmail);
    const [stored] = await sql<{ tags: string[]; customer: string; email: string }>(
      `SELECT ARRAY(SELECT t.name FROM "ContactTag" ct JOIN "Tag" t ON t.id = ct."tagId" WHERE ct."contactId" = k.id) AS tags, c.name AS customer, u.email
         FROM "Contact" k JOIN "Customer" c ON c.id = k."customerId" JOIN "User" u ON u.id = k."userId" WHERE k.name = $1`,
      [contact],
    );
    expect(stored).toEqual({ tags: ["hardware"], customer, email: requesterEmail });
    const audits = await sql<{ action: string }>(`SELECT action FROM "AuditLog" WHERE "entityType" IN ('Customer', 'Contact') AND data::text LIKE $1 ORDER BY "createdAt"`, [`%${s}%`]);
    expect(audits.map((a) => a.action)).toEqual(["customer.created", "contact.created"]);
  });

  await test.step("the contact's requester opens a request: the desk finds it by customer, the ticket page names the customer", async () => {
    const title = `Request for the customer ${s}`;
    const number = await createSupportRequest(await as(requesterEmail), { title });
    const agent = await as(USERS.acmeAgent);
    await agent.goto("/desk", { waitUntil: "networkidle" });
    await agent.getByLabel(/^Customer: /).click();
    await agent.getByRole("combobox", { name: "Find customer" }).fill(s);
    await agent.getByRole("listbox", { name: "Customer suggestions" }).getByRole("option", { name: customer }).click();
    await expect(agent).toHaveURL(/customer=[0-9a-f-]{36}/);
    await expect(agent.getByLabel(`Customer: ${customer}`)).toBeVisible();
    await expect(agent.getByRole("link", { name: title })).toBeVisible();
    // Only that customer's tickets: Initech's demo tickets are not listed.
    await expect(agent.getByRole("link", { name: "Printer on floor 3 jams every morning" })).toHaveCount(0);
    await expect(agent.getByRole("table").getByRole("row")).toHaveCount(2);
    // The filter shows its value by id after a reload (the page names it, never lists customers).
    await agent.reload({ waitUntil: "networkidle" });
    await expect(agent.getByLabel(`Customer: ${customer}`)).toBeVisible();
    await shots(agent, "desk-customer-filter");

    await agent.goto(`/tickets/${number}`, { waitUntil: "networkidle" });
    await expect(agent.getByRole("region", { name: "Details" })).toContainText(customer);
    await expect(agent.getByRole("form", { name: "Edit ticket" }).getByRole("combobox", { name: "Customer" })).toHaveValue(customer);
    await shots(agent, "ticket-customer");
  });

  await test.step("edit the contact's title; the row shows it", async () => {
    await admin.bringToFront();
    await row(contactsTable(admin), contact).getByRole("button", { name: `Edit ${contact}` }).click();
    const dialog = admin.getByRole("dialog", { name: `Edit ${contact}` });
    await expect(dialog.getByRole("combobox", { name: "Customer" })).toHaveValue(customer);
    await dialog.getByLabel("Title").fill("Head buyer");
    await dialog.getByRole("button", { name: "Save contact" }).click();
    await expect(admin.getByTestId("contacts-feedback")).toHaveText(`${contact} was saved.`);
    await expect(row(contactsTable(admin), contact)).toContainText("Head buyer");
  });

  await test.step("delete the contact, then the customer: the confirmation says what happens", async () => {
    await row(contactsTable(admin), contact).getByRole("button", { name: `Delete ${contact}` }).click();
    await admin.getByRole("dialog", { name: `Delete ${contact}?` }).getByRole("button", { name: "Delete contact" }).click();
    await expect(admin.getByTestId("contacts-feedback")).toHaveText(`${contact} was deleted.`);
    await expect(row(contactsTable(admin), contact)).toHaveCount(0);
    await row(customersTable(admin), customer).getByRole("button", { name: `Delete ${customer}` }).click();
    const confirm = admin.getByRole("dialog", { name: `Delete ${customer}?` });
    await expect(confirm).toContainText("no longer name a customer");
    await confirm.getByRole("button", { name: "Delete customer" }).click();
    await expect(admin.getByTestId("contacts-feedback")).toHaveText(`${customer} was deleted; one ticket no longer names it.`);
    await expect(row(customersTable(admin), customer)).toHaveCount(0);
  });
});

test("[admin] contacts: the demo's customers and contacts, at both widths, and the new-contact dialog", async ({ as }) => {
  const admin = await as(USERS.acmeAdmin);
  await admin.goto("/admin/contacts", { waitUntil: "networkidle" });
  await expect(row(customersTable(admin), "Initech")).toContainText("initech.test");
  // Its requester account: the fourth cell after the name.
  await expect(row(contactsTable(admin), "Rita Requester").getByRole("cell").nth(3)).toContainText("requester@acme.test");
  await shots(admin, "admin-contacts");
  // A customer's contacts: the link in its row filters the list.
  await row(customersTable(admin), "Initech").getByRole("link", { name: /contacts of Initech/ }).click();
  await expect(admin).toHaveURL(/customer=[0-9a-f-]{36}/);
  await expect(admin.getByText("Customer: Initech")).toBeVisible();
  await expect(row(contactsTable(admin), "Alice Abernathy")).toHaveCount(0);
  await expect(row(contactsTable(admin), "Peter Gibbons")).toBeVisible();
  await admin.getByRole("button", { name: "New contact" }).click();
  const dialog = admin.getByRole("dialog", { name: "New contact" });
  await expect(dialog.getByRole("combobox", { name: "Customer" })).toHaveValue("Initech");
  await dialog.getByRole("button", { name: "Create contact" }).click();
  await expect(dialog.getByLabel("Name", { exact: true })).toHaveAccessibleDescription(/Enter a name/);
  await shots(admin, "admin-contacts-new-contact");
});
