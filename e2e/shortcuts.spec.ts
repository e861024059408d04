import { test, expect, USERS } from "./support/fixtures";

// "?" lists the page's keyboard shortcuts (issue 14): the desk, the board and the ticket page.

test("[shortcuts] '?' lists the desk's shortcuts, Escape closes them, and a '?' typed in the search stays in the search", async ({ as }) => {
  const agent = await as(USERS.acmeAgent);
  await agent.goto("/desk", { waitUntil: "networkidle" });
  const dialog = agent.getByRole("dialog", { name: "Keyboard shortcuts" });
  await expect(dialog).toBeHidden();
  await agent.locator("body").press("?");
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText("Search the desk");
  await expect(dialog).toContainText("Next ticket");
  await expect(dialog).toContainText("Show these shortcuts");
  await agent.keyboard.press("Escape");
  await expect(dialog).toBeHidden();

  const search = agent.getByRole("searchbox").first();
  await search.fill("");
  await search.press("?");
  await expect(search).toHaveValue("?");
  await expect(dialog).toBeHidden();

  await agent.getByRole("button", { name: "Keyboard shortcuts" }).click();
  await expect(dialog).toBeVisible();
  await dialog.getByRole("button", { name: "Close" }).click();
  await expect(dialog).toBeHidden();
});

test("[shortcuts] the board and the ticket page list theirs; 'r' goes to the reply box", async ({ as }) => {
  const agent = await as(USERS.acmeAgent);
  await agent.goto("/board/SUP", { waitUntil: "networkidle" });
  await agent.locator("body").press("?");
  const dialog = agent.getByRole("dialog", { name: "Keyboard shortcuts" });
  await expect(dialog).toContainText("Pick up the card");
  await agent.keyboard.press("Escape");

  await agent.goto("/tickets/SUP-2", { waitUntil: "networkidle" });
  await agent.locator("body").press("?");
  await expect(dialog).toContainText("Send the reply");
  await agent.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await agent.locator("body").press("r");
  await expect(agent.getByLabel("Reply")).toBeFocused();
});
