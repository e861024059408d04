import type { Page } from "@playwright/test";
import { test, expect, USERS, uniqueSuffix } from "./support/fixtures";
import { sql } from "./support/db";

// /admin/roles: the permission matrix (DESIGN §11 names: "<Role>: <permission>",
// "Save permissions", "New role" with "Role name"). The spec changes a demo
// role and puts it back, also when a step fails.

const PERMISSION = "ticket.view_internal";

/** Puts ticket.view_internal back on Acme's Agent role if a failed run left it off. */
async function restoreAgentPermission() {
  await sql(
    `UPDATE "Role" r SET permissions = array_append(r.permissions, $1), "updatedAt" = now()
       FROM "Organization" o
      WHERE o.id = r."organizationId" AND o.slug = 'acme' AND r."builtIn" = 'agent' AND NOT ($1 = ANY(r.permissions))`,
    [PERMISSION],
  );
}

async function acmeSupportTicket(): Promise<string> {
  const [row] = await sql<{ number: string }>(
    `SELECT t.number FROM "Ticket" t JOIN "Project" p ON p.id = t."projectId" JOIN "Organization" o ON o.id = t."organizationId"
      WHERE o.slug = 'acme' AND p.key = 'SUP' AND t."deletedAt" IS NULL ORDER BY t."createdAt" LIMIT 1`,
  );
  return row!.number;
}

test.afterAll(restoreAgentPermission);
// Several signed-in browsers and page loads per test on a shared, loaded machine.
test.describe.configure({ timeout: 120_000 });

/**
 * Ticks or unticks a matrix box. A click that lands while the page is still
 * hydrating on a loaded machine is undone by React: do it again until the
 * matrix reports the unsaved change.
 */
async function setBox(page: Page, name: string, on: boolean) {
  const box = page.getByRole("checkbox", { name, exact: true });
  await expect(async () => {
    if ((await box.isChecked()) !== on) await box.setChecked(on);
    await expect(box).toBeChecked({ checked: on, timeout: 1_000 });
    await expect(page.getByRole("button", { name: "Save permissions" })).toBeEnabled({ timeout: 1_000 });
  }).toPass({ timeout: 20_000 });
}

test("[admin] unticking “Agent: ticket.view_internal” hides internal notes from the signed-in agent's next page", async ({ as }) => {
  const number = await acmeSupportTicket();
  const note = `Internal only ${uniqueSuffix()}`;
  const admin = await as(USERS.acmeAdmin);
  const agent = await as(USERS.acmeAgent);
  try {
    await test.step("the agent writes an internal note and sees it", async () => {
      await agent.goto(`/tickets/${number}`);
      await agent.getByLabel("Reply").fill(note);
      await agent.getByLabel("Internal note").check();
      await agent.getByRole("button", { name: "Send" }).click();
      await expect(agent.getByRole("list", { name: "Conversation" })).toContainText(note);
    });

    await test.step("the admin unticks the permission and saves", async () => {
      await admin.goto("/admin/roles");
      await expect(admin.getByRole("heading", { name: "Roles", level: 1 })).toBeVisible();
      await expect(admin.getByRole("checkbox", { name: `Agent: ${PERMISSION}`, exact: true })).toBeChecked();
      await setBox(admin, `Agent: ${PERMISSION}`, false);
      await expect(admin.getByRole("status").filter({ hasText: "Unsaved changes in Agent" })).toBeVisible();
      await admin.getByRole("button", { name: "Save permissions" }).click();
      await expect(admin.getByRole("status").filter({ hasText: "Saved." })).toBeVisible();
      await admin.reload();
      await expect(admin.getByRole("checkbox", { name: `Agent: ${PERMISSION}`, exact: true })).not.toBeChecked();
    });

    await test.step("the agent's next page shows no internal note, nor the box to write one", async () => {
      await agent.reload();
      await expect(agent.getByRole("heading", { level: 1 })).toBeVisible();
      await expect(agent.getByText(note)).toHaveCount(0);
      await expect(agent.getByLabel("Internal note")).toHaveCount(0);
      expect(await (await agent.request.get(`/tickets/${number}`)).text()).not.toContain(note);
    });

    await test.step("the admin ticks it again; the agent sees the note again", async () => {
      await setBox(admin, `Agent: ${PERMISSION}`, true);
      await admin.getByRole("button", { name: "Save permissions" }).click();
      await expect(admin.getByRole("status").filter({ hasText: "Saved." })).toBeVisible();
      await agent.reload();
      await expect(agent.getByRole("list", { name: "Conversation" })).toContainText(note);
    });
  } finally {
    await restoreAgentPermission();
  }
});

test("[admin] the matrix shows each permission's description and each role's holders; a save over a newer change is refused and keeps the ticks", async ({ as }) => {
  const admin = await as(USERS.acmeAdmin);
  await admin.goto("/admin/roles");
  const matrix = admin.getByRole("region", { name: "Permission matrix" });
  await expect(matrix.getByRole("rowheader", { name: /ticket\.view_internal/ })).toContainText("Read and write internal notes");
  await expect(matrix.getByRole("columnheader", { name: /^Requester/ })).toContainText(/\d+ users?/);
  for (const group of ["Tickets", "Organization", "Knowledge base", "Reports"]) await expect(matrix.getByText(group, { exact: true })).toBeVisible();

  // Someone else changes Technician after this page loaded.
  const box = admin.getByRole("checkbox", { name: "Technician: reports.view", exact: true });
  await expect(box).not.toBeChecked();
  await sql(`UPDATE "Role" r SET "updatedAt" = now() FROM "Organization" o WHERE o.id = r."organizationId" AND o.slug = 'acme' AND r."builtIn" = 'technician'`);
  await setBox(admin, "Technician: reports.view", true);
  await admin.getByRole("button", { name: "Save permissions" }).click();
  await expect(admin.getByTestId("action-error")).toContainText("Someone else changed Technician");
  // The tick stays, the save is now against the latest version and goes through.
  await expect(box).toBeChecked();
  await box.uncheck();
  await expect(admin.getByRole("button", { name: "Save permissions" })).toBeDisabled();
});

test("[admin] the last org.manage cannot be unticked: the save is refused with a message", async ({ as }) => {
  const admin = await as(USERS.acmeAdmin);
  await admin.goto("/admin/roles");
  await setBox(admin, "Admin: org.manage", false);
  await admin.getByRole("button", { name: "Save permissions" }).click();
  await expect(admin.getByTestId("action-error")).toContainText("without an active user who can administer it");
  await admin.reload();
  await expect(admin.getByRole("checkbox", { name: "Admin: org.manage", exact: true })).toBeChecked();
});

test("[admin] a new role is created (a copy or empty), refused when its name is taken, and deleted", async ({ as }) => {
  const admin = await as(USERS.acmeAdmin);
  const name = `E2E role ${uniqueSuffix()}`;
  await admin.goto("/admin/roles");

  await expect(async () => {
    await admin.getByRole("button", { name: "New role" }).click();
    await expect(admin.getByLabel("Role name")).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 20_000 });
  await admin.getByLabel("Role name").fill("agent");
  await admin.getByRole("button", { name: "Create role" }).click();
  await expect(admin.getByLabel("Role name")).toHaveAccessibleDescription("A role with this name already exists");
  await expect(admin.getByLabel("Role name")).toHaveValue("agent");

  await admin.getByLabel("Role name").fill(name);
  await admin.getByLabel("Start with").selectOption({ label: "A copy of Agent" });
  await admin.getByRole("button", { name: "Create role" }).click();
  await expect(admin.getByRole("checkbox", { name: `${name}: ticket.view_all`, exact: true })).toBeChecked();
  await expect(admin.getByRole("checkbox", { name: `${name}: org.manage`, exact: true })).not.toBeChecked();

  // Held by nobody: it can go.
  await admin.getByRole("button", { name: `Delete ${name}`, exact: true }).click();
  await admin.getByRole("button", { name: `Confirm delete ${name}`, exact: true }).click();
  await expect(admin.getByRole("checkbox", { name: `${name}: ticket.view_all`, exact: true })).toHaveCount(0);
  // A role people hold cannot be deleted.
  await expect(admin.getByRole("button", { name: "Delete Agent", exact: true })).toBeDisabled();
});

test("[roles] a requester and an agent get 404 on /admin/roles and /admin/settings", async ({ as }) => {
  for (const email of [USERS.acmeRequester, USERS.acmeAgent]) {
    const page = await as(email);
    for (const path of ["/admin/roles", "/admin/settings"]) {
      const res = await page.goto(path);
      expect(res?.status(), `${email} ${path}`).toBe(404);
      await expect(page.getByRole("checkbox", { name: /: ticket\./ })).toHaveCount(0);
    }
  }
});
