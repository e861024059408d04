import type { Page } from "@playwright/test";
import { test, expect, USERS } from "./support/fixtures";
import { sql } from "./support/db";

// Every page of the admin console, on a laptop and on a phone: each fits the
// screen's width (a wide table scrolls inside its own card, never the page)
// and leaves a full-page picture under test-results/screens for a human.

const SIZES = [
  ["wide", { width: 1280, height: 800 }],
  ["phone", { width: 390, height: 844 }],
] as const;

/** How far the page scrolls sideways, in CSS pixels (0 when it fits). */
const sideways = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

test("[screens] every admin page fits a laptop and a phone without scrolling sideways", async ({ as }) => {
  test.slow();
  const [asset] = await sql<{ id: string }>(`SELECT a.id FROM "Asset" a JOIN "Organization" o ON o.id = a."organizationId" WHERE o.slug = 'acme' AND a.tag = 'SRV-001'`);
  const [team] = await sql<{ id: string }>(`SELECT t.id FROM "Team" t JOIN "Organization" o ON o.id = t."organizationId" WHERE o.slug = 'acme' AND t.name = 'Service desk'`);
  const pages: [name: string, path: string, heading: string | RegExp][] = [
    ["users", "/admin/users", "Users"],
    ["roles", "/admin/roles", "Roles"],
    ["projects", "/admin/projects", "Projects"],
    ["project", "/admin/projects/SUP", /IT Support/],
    ["tags", "/admin/tags", "Tags"],
    ["assets", "/admin/assets", "Assets"],
    ["asset", `/admin/assets/${asset!.id}`, /SRV-001/],
    ["asset-new", "/admin/assets/new", "New asset"],
    ["teams", "/admin/teams", "Teams"],
    ["team", `/admin/teams/${team!.id}`, "Service desk"],
    ["contacts", "/admin/contacts", "Contacts"],
    ["settings", "/admin/settings", "Settings"],
    ["audit", "/admin/audit", "Audit log"],
    ["tokens", "/admin/tokens", "API tokens"],
  ];
  const admin = await as(USERS.acmeAdmin);
  for (const [label, size] of SIZES) {
    await admin.setViewportSize(size);
    for (const [name, path, heading] of pages) {
      await admin.goto(path);
      await expect(admin.getByRole("heading", { level: 1, name: heading })).toBeVisible();
      await admin.screenshot({ path: `test-results/screens/admin-${name}-${label}.png`, fullPage: true });
      expect(await sideways(admin), `${path} at ${size.width} px scrolls sideways`).toBe(0);
    }
  }
  // The count of pages checked, so that an empty list cannot pass.
  expect(pages).toHaveLength(14);
});
