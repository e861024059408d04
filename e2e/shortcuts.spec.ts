import type { Locator, Page } from "@playwright/test";
import { test, expect, USERS } from "./support/fixtures";

// "?" lists the page's keyboard shortcuts (issue 14): the desk, the board and the ticket page.

/**
 * Press "?" until the dialog opens: the listener is attached when the page
 * hydrates, and a heavy page (the board) may still be hydrating after
 * "networkidle" — a key pressed before then does nothing, as for a person.
 */
async function openShortcuts(page: Page): Promise<Locator> {
  const dialog = page.getByRole("dialog", { name: "Keyboard shortcuts" });
  await expect(async () => {
    await page.locator("body").press("?");
    await expect(dialog).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 15_000 });
  return dialog;
}

test("[shortcuts] '?' lists the desk's shortcuts, Escape closes them, and a '?' typed in the search stays in the search", async ({ as }) => {
  const agent = await as(USERS.acmeAgent);
  await agent.goto("/desk", { waitUntil: "networkidle" });
  await expect(agent.getByRole("dialog", { name: "Keyboard shortcuts" })).toBeHidden();
  const dialog = await openShortcuts(agent);
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
  const dialog = await openShortcuts(agent);
  await expect(dialog).toContainText("Pick up the card");
  await agent.keyboard.press("Escape");

  await agent.goto("/tickets/SUP-2", { waitUntil: "networkidle" });
  await openShortcuts(agent);
  await expect(dialog).toContainText("Send the reply");
  await agent.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await agent.locator("body").press("r");
  await expect(agent.getByLabel("Reply")).toBeFocused();
});
