import type { Page } from "@playwright/test";
import { test, expect, createSupportRequest, uniqueSuffix, USERS } from "./support/fixtures";
import { sql, ticketId } from "./support/db";

// /admin/tags (issue 13): create, edit, merge and delete — only tags this spec creates.

const tagItem = (page: Page, name: string) => page.getByRole("list", { name: "Tags" }).getByRole("listitem", { name, exact: true });

async function createTag(page: Page, name: string, color: string, description = "") {
  const form = page.getByRole("region", { name: "New tag" });
  await form.getByLabel("Name").fill(name);
  await form.getByLabel("Colour", { exact: true }).fill(color);
  await form.getByLabel("Description").fill(description);
  await form.getByRole("button", { name: "Create tag" }).click();
  await expect(tagItem(page, name.toLowerCase())).toBeVisible();
}

test("[admin] tags: create, edit, merge into another (no duplicates), delete with the count said first", async ({ as }) => {
  // Several page loads and saves: on a loaded machine this takes longer than one page.
  test.slow();
  const admin = await as(USERS.acmeAdmin);
  const s = uniqueSuffix();
  const [a, b] = [`e2e-a-${s}`, `e2e-b-${s}`];
  await admin.goto(`/admin/tags?q=e2e-`);

  await test.step("create two tags; the colour shows as text beside its swatch", async () => {
    await createTag(admin, a.toUpperCase(), "#AA3300", "First");
    await createTag(admin, b, "#0044cc");
    await expect(tagItem(admin, a)).toContainText("#aa3300");
    await expect(tagItem(admin, a)).toContainText("0 tickets");
  });

  await test.step("a duplicate name (any case) and a bad colour are refused under their fields", async () => {
    const form = admin.getByRole("region", { name: "New tag" });
    await form.getByLabel("Name").fill(b.toUpperCase());
    await form.getByLabel("Colour", { exact: true }).fill("blue");
    await form.getByRole("button", { name: "Create tag" }).click();
    await expect(form.getByLabel("Colour", { exact: true })).toHaveAccessibleDescription(/#64748b/);
    await form.getByLabel("Colour", { exact: true }).fill("#123456");
    await form.getByRole("button", { name: "Create tag" }).click();
    await expect(form.getByLabel("Name")).toHaveAccessibleDescription(/already exists/);
    await expect(form.getByLabel("Name")).toHaveValue(b.toUpperCase());
  });

  await test.step("edit the description and colour", async () => {
    await tagItem(admin, a).getByRole("button", { name: `Edit ${a}` }).click();
    await tagItem(admin, a).getByLabel("Description").fill("Edited in e2e");
    await tagItem(admin, a).getByLabel("Colour", { exact: true }).fill("#118833");
    await tagItem(admin, a).getByRole("button", { name: "Save tag" }).click();
    await expect(tagItem(admin, a)).toContainText("Edited in e2e");
    await expect(tagItem(admin, a)).toContainText("#118833");
  });

  // Two tickets of this spec's own carry a, one of them b as well (set in the database: the tagging UI is the ticket page's).
  const requester = await as(USERS.acmeRequester);
  const numbers = [await createSupportRequest(requester, { title: `Tag merge one ${s}` }), await createSupportRequest(requester, { title: `Tag merge two ${s}` })];
  const tickets = await Promise.all(numbers.map(async (n) => ({ id: await ticketId("acme", n) })));
  const tagIds = await sql<{ id: string; name: string; organizationId: string }>(`SELECT id, name, "organizationId" FROM "Tag" WHERE name = ANY($1::text[])`, [[a, b]]);
  const idOf = (n: string) => tagIds.find((t) => t.name === n)!.id;
  const org = tagIds[0]!.organizationId;
  for (const t of tickets) await sql(`INSERT INTO "TicketTag" ("ticketId", "tagId", "organizationId") VALUES ($1, $2, $3)`, [t.id, idOf(a), org]);
  await sql(`INSERT INTO "TicketTag" ("ticketId", "tagId", "organizationId") VALUES ($1, $2, $3)`, [tickets[0]!.id, idOf(b), org]);

  await test.step("merge a into b: b is on both tickets once, a is gone", async () => {
    await admin.reload();
    await expect(tagItem(admin, a)).toContainText("2 tickets");
    await tagItem(admin, a).getByRole("button", { name: `Merge ${a}` }).click();
    const into = tagItem(admin, a).getByRole("combobox", { name: `Merge ${a} into` });
    await into.fill(b.slice(0, 12));
    await admin.getByRole("listbox", { name: "Tag suggestions" }).getByRole("option", { name: b }).click();
    await tagItem(admin, a).getByRole("button", { name: "Merge tags" }).click();
    await expect(tagItem(admin, a)).toHaveCount(0);
    await expect(tagItem(admin, b)).toContainText("2 tickets");
    const rows = await sql<{ n: number }>(`SELECT count(*)::int AS n FROM "TicketTag" WHERE "tagId" = $1`, [idOf(b)]);
    expect(rows[0]!.n).toBe(2);
  });

  await test.step("delete b: the confirmation says how many tickets carry it", async () => {
    await tagItem(admin, b).getByRole("button", { name: `Delete ${b}` }).click();
    await expect(tagItem(admin, b).getByRole("group", { name: `Delete ${b}?` })).toContainText("removed from the 2 tickets that carry it");
    await tagItem(admin, b).getByRole("button", { name: "Delete tag" }).click();
    await expect(tagItem(admin, b)).toHaveCount(0);
    expect(await sql(`SELECT 1 FROM "Tag" WHERE id = $1`, [idOf(b)])).toEqual([]);
  });
});
