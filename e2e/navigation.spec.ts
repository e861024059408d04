import { test, expect } from "./support/fixtures";

test("[a11y] the first Tab stop skips past the header to the page; the current section is marked in the nav", async ({ as }) => {
  const agent = await as("agent@acme.test");
  await agent.goto("/desk", { waitUntil: "networkidle" });
  await agent.keyboard.press("Tab");
  const skip = agent.getByRole("link", { name: "Skip to content" });
  await expect(skip).toBeFocused();
  await expect(skip).toBeVisible();
  await agent.keyboard.press("Enter");
  await expect(agent.locator("main#main")).toBeFocused();
  const nav = agent.getByRole("navigation", { name: "Main" });
  await expect(nav.getByRole("link", { name: "Desk" })).toHaveAttribute("aria-current", "page");
  await expect(nav.getByRole("link", { name: "Boards" })).not.toHaveAttribute("aria-current", /.*/);

  const requester = await as("requester@acme.test");
  await requester.goto("/portal/new");
  const portalNav = requester.getByRole("navigation", { name: "Main" });
  await expect(portalNav.getByRole("link", { name: "New request" })).toHaveAttribute("aria-current", "page");
  await expect(portalNav.getByRole("link", { name: "My requests" })).not.toHaveAttribute("aria-current", /.*/);
});
