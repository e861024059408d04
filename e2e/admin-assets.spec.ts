import { test, expect, uniqueSuffix, USERS, pickTargetAsset } from "./support/fixtures";
import { sql } from "./support/db";

// Assets (/admin/assets): the servers change requests target. An admin
// creates one, gives it a component and slots, edits it, and a requester then
// finds it in the change form's "Target asset" picker.

test.describe("[admin] assets", () => {
  test("[admin] create an asset with a component, edit it, and see it in the change form's Target asset picker", async ({ as }) => {
    // A journey of a dozen server round trips: more than the default 30 s on a loaded machine.
    test.setTimeout(120_000);
    const tag = `E2E-${uniqueSuffix().toUpperCase()}`;
    const page = await as(USERS.acmeAdmin);
    await page.goto("/admin/assets");
    await expect(page.getByRole("table", { name: "Assets" })).toContainText("SRV-001");
    await page.getByRole("link", { name: "New asset" }).click();
    await page.waitForURL(/\/admin\/assets\/new$/);
    await page.getByLabel("Name").fill(`e2e-host-${tag.toLowerCase()}`);
    await page.getByLabel("Tag", { exact: true }).fill(tag);
    await page.getByLabel("Location").fill("Rack Z9");
    await page.getByRole("button", { name: "Create asset" }).click();
    await page.waitForURL(/\/admin\/assets\/[0-9a-f-]{36}$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(`${tag} · e2e-host-${tag.toLowerCase()}`);

    // A component, then slots below what is installed are refused under their box.
    const add = page.getByRole("form", { name: "Add component" });
    await add.getByLabel("Component type").selectOption({ label: "Memory (RAM)" });
    await add.getByLabel("Reference").fill("Samsung 64GB DDR5");
    await add.getByLabel("Quantity").fill("4");
    await add.getByRole("button", { name: "Add component" }).click();
    const list = page.getByRole("list", { name: "Components" });
    await expect(list).toContainText("4 × Samsung 64GB DDR5");
    await expect(list).toContainText("Memory (RAM)");
    await expect(list).not.toContainText("RAM ·");

    const ramSlots = page.getByLabel("Memory (RAM) slots");
    await ramSlots.fill("2");
    await page.getByRole("button", { name: "Save capacities" }).click();
    await expect(ramSlots).toHaveAccessibleDescription(/Memory \(RAM\): .* has 4 installed, so the capacity cannot be below 4\./);
    await ramSlots.fill("8");
    await page.getByRole("button", { name: "Save capacities" }).click();
    await expect(page.getByRole("form", { name: "Slot capacities" }).getByRole("status")).toHaveText("Saved.");

    // Edit the asset itself.
    await page.getByLabel("Location").fill("Rack Z10");
    await page.getByRole("button", { name: "Save asset" }).click();
    await expect(page.getByRole("form", { name: "Asset details" }).getByRole("status")).toHaveText("Saved.");
    await page.reload();
    await expect(page.getByLabel("Location")).toHaveValue("Rack Z10");

    // Edit the component.
    await page.getByRole("button", { name: "Edit Samsung 64GB DDR5" }).click();
    const edit = page.getByRole("form", { name: "Edit Samsung 64GB DDR5" });
    await edit.getByLabel("Quantity").fill("6");
    await edit.getByRole("button", { name: "Save component" }).click();
    await expect(list).toContainText("6 × Samsung 64GB DDR5");

    // The list finds it by tag.
    await page.goto(`/admin/assets?q=${encodeURIComponent(tag.toLowerCase())}`);
    const row = page.getByRole("table", { name: "Assets" }).getByRole("row", { name: new RegExp(tag) });
    await expect(row).toContainText("Rack Z10");
    await expect(row).toContainText("1");

    // A requester opening a change request finds it as the target asset.
    const requester = await as(USERS.acmeRequester);
    await requester.goto("/portal/new");
    await requester.getByLabel("Request type").selectOption({ label: "Change request" });
    await pickTargetAsset(requester, tag);
  });

  test("[admin] two admins save the same asset: the later save is refused with a clear message, keeps its input and writes nothing", async ({ as }) => {
    test.setTimeout(90_000);
    const tag = `CAS-${uniqueSuffix().toUpperCase()}`;
    const [row] = await sql<{ id: string }>(
      `INSERT INTO "Asset" (id, "organizationId", tag, name, "updatedAt") SELECT gen_random_uuid(), o.id, $1, 'cas-host', now() FROM "Organization" o WHERE o.slug = 'acme' RETURNING id`,
      [tag],
    );
    const first = await as(USERS.acmeAdmin);
    const second = await as(USERS.acmeAdmin);
    for (const p of [first, second]) await p.goto(`/admin/assets/${row!.id}`);

    await first.getByLabel("Name").fill("cas-host-renamed");
    await first.getByRole("button", { name: "Save asset" }).click();
    await expect(first.getByRole("form", { name: "Asset details" }).getByRole("status")).toHaveText("Saved.");

    await second.getByLabel("Location").fill("Rack Q1");
    await second.getByRole("button", { name: "Save asset" }).click();
    await expect(second.getByRole("form", { name: "Asset details" }).getByRole("alert")).toContainText("Someone else changed this asset first");
    await expect(second.getByLabel("Location")).toHaveValue("Rack Q1");
    const [stored] = await sql<{ name: string; location: string | null }>(`SELECT name, location FROM "Asset" WHERE id = $1`, [row!.id]);
    expect(stored).toEqual({ name: "cas-host-renamed", location: null });
  });

  test("[admin] retire an asset (marked in the list), return it to service, and delete one no change targeted", async ({ as }) => {
    test.setTimeout(90_000);
    const tag = `RET-${uniqueSuffix().toUpperCase()}`;
    const [row] = await sql<{ id: string }>(
      `INSERT INTO "Asset" (id, "organizationId", tag, name, "updatedAt") SELECT gen_random_uuid(), o.id, $1, 'retiring-host', now() FROM "Organization" o WHERE o.slug = 'acme' RETURNING id`,
      [tag],
    );
    const page = await as(USERS.acmeAdmin);
    await page.goto(`/admin/assets/${row!.id}`);
    const service = page.getByRole("region", { name: "Service" });
    await service.getByRole("button", { name: "Retire asset" }).click();
    await expect(service).toContainText("Retired: changes can no longer target it.");
    await page.goto(`/admin/assets?q=${encodeURIComponent(tag.toLowerCase())}`);
    await expect(page.getByRole("table", { name: "Assets" }).getByRole("row", { name: new RegExp(tag) })).toContainText("Retired");
    await page.goto(`/admin/assets/${row!.id}`);
    await service.getByRole("button", { name: "Return to service" }).click();
    await expect(service).toContainText("In service: change requests can target it.");
    await service.getByRole("button", { name: "Delete asset" }).click();
    await page.getByRole("group", { name: `Delete ${tag} · retiring-host?` }).getByRole("button", { name: "Delete for good" }).click();
    await page.waitForURL(/\/admin\/assets$/);
    expect(await sql(`SELECT 1 FROM "Asset" WHERE id = $1`, [row!.id])).toEqual([]);
  });
});
