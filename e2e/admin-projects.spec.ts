import type { Page } from "@playwright/test";
import { test, expect, createSupportRequest, uniqueSuffix, USERS } from "./support/fixtures";
import { sql, ticketId } from "./support/db";

// /admin/projects (issue 13, DESIGN §11 names): an admin creates a kanban and
// a support project, adds a member; everyone without org.manage gets 404.
// The projects this spec creates are archived afterwards, so the boards,
// pickers and request types of the specs that follow see the demo's projects.

const created: string[] = [];
const keyFor = (prefix: string) => `${prefix}${uniqueSuffix().toUpperCase().replace(/[^A-Z0-9]/g, "").slice(-6)}`;

test.afterAll(async () => {
  if (created.length) await sql(`UPDATE "Project" SET "archived" = true WHERE "key" = ANY($1::text[])`, [created]);
});

async function newProject(page: Page, p: { key: string; name: string; workflow: "Support" | "Change" | "Kanban"; numbering: "KEY-N" | "TKT-YYYYMMDD-NNNN"; lead?: string }) {
  await page.goto("/admin/projects");
  await page.getByRole("button", { name: "New project" }).click();
  await page.getByLabel("Key").fill(p.key);
  await page.getByLabel("Name").fill(p.name);
  await page.getByLabel("Workflow").selectOption({ label: p.workflow });
  await page.getByLabel("Numbering").selectOption({ label: p.numbering });
  if (p.lead) {
    const lead = page.getByRole("combobox", { name: "Lead" });
    await lead.fill(p.lead.split(" ")[0]!.slice(0, 3));
    await page.getByRole("listbox", { name: "Lead suggestions" }).getByRole("option", { name: p.lead }).click();
    await expect(lead).toHaveValue(p.lead);
  }
  created.push(p.key);
  await page.getByRole("button", { name: "Create project" }).click();
  await page.waitForURL(new RegExp(`/admin/projects/${p.key}$`));
}

test("[admin] a new kanban project gets the default columns and appears on /board", async ({ as }) => {
  // Several page loads and saves: on a loaded machine this takes longer than one page.
  test.slow();
  const admin = await as(USERS.acmeAdmin);
  const key = keyFor("ZK");
  await newProject(admin, { key, name: `Kanban ${key}`, workflow: "Kanban", numbering: "KEY-N" });
  await expect(admin.getByRole("heading", { level: 1 })).toContainText(key);
  await expect(admin.getByText("Kanban workflow · numbered KEY-N")).toBeVisible();

  await admin.goto("/board");
  await admin.getByRole("link", { name: new RegExp(`^${key}`) }).click();
  await admin.waitForURL(new RegExp(`/board/${key}$`));
  for (const name of ["To do", "In progress", "Review", "Done"]) await expect(admin.getByRole("region", { name, exact: true })).toBeVisible();

  // The project's admin page links to its columns on the board.
  await admin.goto(`/admin/projects/${key}`);
  await expect(admin.getByRole("link", { name: `Edit columns on the ${key} board` })).toHaveAttribute("href", `/board/${key}`);
  await admin.goto("/admin/projects");
  const row = admin.getByRole("row", { name: new RegExp(`^${key} `) });
  await expect(row.getByRole("cell").nth(2)).toHaveText("Kanban");
});

test("[admin] a support project with a lead, a member added with triage, a key fixed once it has tickets", async ({ as }) => {
  // Several page loads and saves: on a loaded machine this takes longer than one page.
  test.slow();
  const admin = await as(USERS.acmeAdmin);
  const key = keyFor("ZS");
  await newProject(admin, { key, name: `Support ${key}`, workflow: "Support", numbering: "TKT-YYYYMMDD-NNNN", lead: "Maria Manager" });
  await expect(admin.getByRole("combobox", { name: "Lead" })).toHaveValue("Maria Manager");
  const members = admin.getByRole("table", { name: "Members" });
  await expect(members.getByRole("row")).toHaveCount(3); // header, Ada (creator), Maria (lead)

  await test.step("add a requester as a member, with triage", async () => {
    const person = admin.getByRole("combobox", { name: "Person" });
    await person.fill("rob");
    await admin.getByRole("listbox", { name: "People suggestions" }).getByRole("option", { name: "Rob Requester · requester2@acme.test" }).click();
    await admin.getByRole("checkbox", { name: "Triage new tickets" }).check();
    await admin.getByRole("button", { name: "Add member" }).click();
    await expect(members.getByRole("row", { name: /Rob Requester/ })).toBeVisible();
    await expect(admin.getByRole("checkbox", { name: "Triage for Rob Requester" })).toBeChecked();
  });

  await test.step("the triage flag and removal are per member", async () => {
    const maria = admin.getByRole("checkbox", { name: "Triage for Maria Manager" });
    await maria.check();
    await expect(maria).toBeChecked();
    // Disabled while the change is being saved.
    await expect(maria).toBeEnabled();
    await admin.reload();
    await expect(admin.getByRole("checkbox", { name: "Triage for Maria Manager" })).toBeChecked();
    await admin.getByRole("button", { name: "Remove Rob Requester" }).click();
    await admin.getByRole("button", { name: "Confirm remove" }).click();
    await expect(members.getByRole("row", { name: /Rob Requester/ })).toHaveCount(0);
  });

  await test.step("edit the name; once the project has a ticket its key is read-only and says why", async () => {
    await admin.getByLabel("Name", { exact: true }).fill(`Support desk ${key}`);
    await admin.getByRole("button", { name: "Save project" }).click();
    await expect(admin.getByRole("status")).toHaveText("Saved.");
    await expect(admin.getByRole("heading", { level: 1 })).toContainText(`Support desk ${key}`);
    await expect(admin.getByLabel("Key", { exact: true })).not.toHaveAttribute("readonly");
    const [row] = await sql<{ id: string }>(`SELECT id FROM "Project" WHERE key = $1`, [key]);
    // A request of this spec's own, moved in by hand, stands for the project's first ticket; it goes back afterwards.
    const requester = await as(USERS.acmeRequester);
    const ticket = { id: await ticketId("acme", await createSupportRequest(requester, { title: `Key lock ${key}` })) };
    const [before] = await sql<{ projectId: string }>(`SELECT "projectId" FROM "Ticket" WHERE id = $1`, [ticket!.id]);
    await sql(`UPDATE "Ticket" SET "projectId" = $1 WHERE id = $2`, [row!.id, ticket!.id]);
    try {
      await admin.reload();
      await expect(admin.getByLabel("Key", { exact: true })).toHaveAttribute("readonly", "");
      await expect(admin.getByLabel("Key", { exact: true })).toHaveAccessibleDescription(/fixed once the project has tickets/);
    } finally {
      await sql(`UPDATE "Ticket" SET "projectId" = $1 WHERE id = $2`, [before!.projectId, ticket!.id]);
    }
  });
});

test("[admin] a key that is taken or malformed is refused under the field, keeping the input", async ({ as }) => {
  const admin = await as(USERS.acmeAdmin);
  await admin.goto("/admin/projects");
  await admin.getByRole("button", { name: "New project" }).click();
  await admin.getByLabel("Key").fill("SUP");
  await admin.getByLabel("Name").fill("Second support");
  await admin.getByRole("button", { name: "Create project" }).click();
  await expect(admin.getByLabel("Key")).toHaveAccessibleDescription(/SUP is taken/);
  await expect(admin.getByLabel("Name")).toHaveValue("Second support");
  await admin.getByLabel("Key").fill("1X");
  await admin.getByRole("button", { name: "Create project" }).click();
  await expect(admin.getByLabel("Key")).toHaveAccessibleDescription(/2–10 capital letters/);
});

for (const email of [USERS.acmeRequester, USERS.acmeAgent, USERS.globexAgent]) {
  test(`[admin] ${email} gets 404 on /admin/projects and /admin/tags`, async ({ as }) => {
    const page = await as(email);
    for (const path of ["/admin/projects", "/admin/projects/SUP", "/admin/tags"]) {
      expect((await page.goto(path))?.status(), path).toBe(404);
    }
    const res = await page.request.get("/api/admin/projects/member-candidates?project=00000000-0000-7000-8000-000000000000");
    expect(res.status()).toBe(404);
  });
}
