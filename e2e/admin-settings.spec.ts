import { test, expect, USERS, uniqueSuffix, expectFieldError } from "./support/fixtures";
import { sql } from "./support/db";

// /admin/settings: the organization's name, time zone, defaults and upload
// rules. The spec changes Acme's name and puts it back, also on failure.

/** Acme's demo name and default settings back (other features' keys in settings are left alone). */
async function resetAcme() {
  await sql(
    `UPDATE "Organization"
        SET name = 'Acme', "updatedAt" = now(),
            settings = settings - 'timeZone' - 'defaultPriority' - 'requestersMayCreateTags' - 'attachmentMaxBytes' - 'allowedFileTypes'
      WHERE slug = 'acme'`,
  );
}

test.afterAll(resetAcme);
test.describe.configure({ timeout: 90_000 });

test("[admin] the organization's new name shows in the header; put back", async ({ as }) => {
  const admin = await as(USERS.acmeAdmin);
  const name = `Acme ${uniqueSuffix()}`;
  try {
    await admin.goto("/admin/settings");
    await expect(admin.getByRole("heading", { name: "Settings", level: 1 })).toBeVisible();
    await expect(admin.getByTestId("organization-name")).toHaveText("Acme");
    await admin.getByLabel("Organization name").fill(name);
    await admin.getByRole("button", { name: "Save settings" }).click();
    await expect(admin.getByRole("status").filter({ hasText: "Settings saved." })).toBeVisible();
    await expect(admin.getByTestId("organization-name")).toHaveText(name);
    // Everywhere, for everyone of the organization.
    const agent = await as(USERS.acmeAgent);
    await agent.goto("/desk");
    await expect(agent.getByTestId("organization-name")).toHaveText(name);

    await admin.getByLabel("Organization name").fill("Acme");
    await admin.getByRole("button", { name: "Save settings" }).click();
    await expect(admin.getByRole("status").filter({ hasText: "Settings saved." })).toBeVisible();
    await expect(admin.getByTestId("organization-name")).toHaveText("Acme");
  } finally {
    await resetAcme();
  }
});

test("[admin] a bad value shows its field's error and keeps the input", async ({ as }) => {
  const admin = await as(USERS.acmeAdmin);
  await admin.goto("/admin/settings");
  const size = admin.getByLabel("Attachment size limit (MB)");
  await size.fill("lots");
  await admin.getByRole("button", { name: "Save settings" }).click();
  await expectFieldError(admin, "Attachment size limit (MB)", "Enter a size in MB, e.g. 10");
  await expect(size).toHaveValue("lots");

  await size.fill("5000");
  await admin.getByLabel("Organization name").fill("   ");
  await admin.getByRole("button", { name: "Save settings" }).click();
  await expectFieldError(admin, "Organization name", "Organization name is required");
  await expectFieldError(admin, "Attachment size limit (MB)", /at most/);
  await expect(size).toHaveValue("5000");
  // Nothing was saved.
  const [org] = await sql<{ name: string }>(`SELECT name FROM "Organization" WHERE slug = 'acme'`);
  expect(org!.name).toBe("Acme");
});

test("[admin] the default priority is preselected on a new request", async ({ as }) => {
  const admin = await as(USERS.acmeAdmin);
  try {
    await admin.goto("/admin/settings");
    await admin.getByLabel("Default priority").selectOption({ label: "High" });
    await admin.getByRole("button", { name: "Save settings" }).click();
    await expect(admin.getByRole("status").filter({ hasText: "Settings saved." })).toBeVisible();
    const requester = await as(USERS.acmeRequester);
    await requester.goto("/portal/new");
    await expect(requester.getByLabel("Priority")).toHaveValue("high");
  } finally {
    await resetAcme();
  }
});

test("[admin] dates on pages are shown in the organization's time zone", async ({ as }) => {
  const admin = await as(USERS.acmeAdmin);
  try {
    await admin.goto("/admin/settings");
    await admin.getByLabel("Time zone").selectOption("Asia/Tokyo");
    await admin.getByRole("button", { name: "Save settings" }).click();
    await expect(admin.getByRole("status").filter({ hasText: "Settings saved." })).toBeVisible();
    const agent = await as(USERS.acmeAgent);
    await agent.goto("/desk");
    // The exact time on hover: Tokyo is UTC+9 all year.
    await expect(agent.locator("main time").first()).toHaveAttribute("title", /^\d{4}-\d{2}-\d{2} \d{2}:\d{2} GMT\+9$/);
  } finally {
    await resetAcme();
  }
});
