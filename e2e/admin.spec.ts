import { test, expect, USERS } from "./support/fixtures";
import { ADMIN_SECTIONS } from "../components/admin/sections";

// Administration is for `org.manage` alone: every section answers 404 to
// everyone else (staff included), before anything of the page streams.

const PATHS = ["/admin", ...ADMIN_SECTIONS.map((s) => s.href)];

test("[admin] requesters, agents and managers get 404 on every administration page", async ({ as }) => {
  // Three people × every section (the list grows with each one): more than one page's worth of time on a loaded machine.
  test.slow();
  for (const who of [USERS.acmeRequester, USERS.acmeAgent, "manager@acme.test"]) {
    const page = await as(who);
    for (const p of PATHS) {
      const res = await page.goto(p);
      expect(res?.status(), `${who} GET ${p}`).toBe(404);
      await expect(page.getByRole("navigation", { name: "Administration" })).toHaveCount(0);
    }
    // Nor is there a way in from the main navigation.
    await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Admin" })).toHaveCount(0);
  }
});

test("[admin] an admin reaches every section from the main navigation and the section links", async ({ as }) => {
  test.slow();
  const admin = await as(USERS.acmeAdmin);
  await admin.goto("/desk");
  await admin.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Admin" }).click();
  await admin.waitForURL(/\/admin\/users$/);
  const nav = admin.getByRole("navigation", { name: "Administration" });
  for (const s of ADMIN_SECTIONS) {
    const res = await admin.goto(s.href);
    expect(res?.status(), `GET ${s.href}`).toBe(200);
    await expect(nav.getByRole("link", { name: s.label, exact: true })).toHaveAttribute("aria-current", "page");
  }
  // Another organization's admin administers only their own: the header names it.
  const globex = await as(USERS.globexAdmin);
  await globex.goto("/admin/users");
  await expect(globex.getByRole("link", { name: /Help desk Globex/ })).toBeVisible();
});
