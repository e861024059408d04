import type { Page } from "@playwright/test";
import { test, expect, createSupportRequest, uniqueSuffix, USERS } from "./support/fixtures";

// Notifications across the two surfaces: the bell in the shell, its list and
// "Mark all read", Watch / Unwatch on the ticket page, the preferences page.

const bell = (page: Page) => page.getByRole("button", { name: /^Notifications, \d+ unread$/ });
const menu = (page: Page) => page.getByRole("region", { name: "Notifications" });

/** Starts from zero unread, whatever earlier specs left behind. */
async function clearBell(page: Page) {
  await page.goto("/portal", { waitUntil: "networkidle" });
  await bell(page).click();
  const markAll = menu(page).getByRole("button", { name: "Mark all read" });
  if (await markAll.isEnabled()) await markAll.click();
  await expect(bell(page)).toHaveAccessibleName("Notifications, 0 unread");
  await page.keyboard.press("Escape");
}

async function agentReplies(agent: Page, number: string, text: string) {
  await agent.goto(`/tickets/${number}`, { waitUntil: "networkidle" });
  await agent.getByLabel("Reply").fill(text);
  await agent.getByRole("button", { name: "Send" }).click();
  await expect(agent.getByRole("list", { name: "Conversation" })).toContainText(text);
}

test("[notifications] an agent's public reply lights the requester's bell; the list links to the ticket; mark all read clears it", async ({ as }) => {
  const suffix = uniqueSuffix();
  const requester = await as(USERS.acmeRequester);
  const agent = await as(USERS.acmeAgent);
  const number = await createSupportRequest(requester, { title: `Scanner offline ${suffix}` });
  await clearBell(requester);

  await agentReplies(agent, number, `Scanner rebooted, try again (${suffix})`);

  await test.step("the requester's bell counts the reply and lists it with a link to the portal ticket", async () => {
    await requester.goto("/portal", { waitUntil: "networkidle" });
    await expect(bell(requester)).toHaveAccessibleName("Notifications, 1 unread");
    await bell(requester).click();
    const link = menu(requester).getByRole("link", { name: new RegExp(`Sam Agent replied on ${number}`) });
    await expect(link).toBeVisible();
    await expect(link).toHaveAttribute("href", `/portal/tickets/${number}`);
    await expect(link).toContainText(`Scanner rebooted, try again (${suffix})`);
    await requester.screenshot({ path: "test-results/screens/notifications-bell.png", fullPage: true });
  });

  await test.step("Mark all read clears the count", async () => {
    await menu(requester).getByRole("button", { name: "Mark all read" }).click();
    await expect(bell(requester)).toHaveAccessibleName("Notifications, 0 unread");
    await requester.reload({ waitUntil: "networkidle" });
    await expect(bell(requester)).toHaveAccessibleName("Notifications, 0 unread");
  });

  await test.step("opening a notification marks it read and goes to the ticket", async () => {
    await agentReplies(agent, number, `One more thing (${suffix})`);
    await requester.goto("/portal", { waitUntil: "networkidle" });
    await expect(bell(requester)).toHaveAccessibleName("Notifications, 1 unread");
    await bell(requester).click();
    await menu(requester).getByRole("link", { name: new RegExp(`One more thing \\(${suffix}\\)`) }).click();
    await requester.waitForURL(`**/portal/tickets/${number}`);
    await expect(requester.getByRole("list", { name: "Conversation" })).toContainText(`One more thing (${suffix})`);
    await expect(bell(requester)).toHaveAccessibleName("Notifications, 0 unread");
  });

  await test.step("the full list is on /notifications", async () => {
    await requester.goto("/notifications");
    await expect(requester.getByRole("heading", { level: 1, name: "Notifications" })).toBeVisible();
    await expect(requester.getByRole("region", { name: "All notifications" }).getByRole("link", { name: new RegExp(`replied on ${number}`) })).toHaveCount(2);
  });
});

test("[notifications] watch and unwatch toggle on the ticket page, for staff and for the requester", async ({ as }) => {
  const requester = await as(USERS.acmeRequester);
  const number = await createSupportRequest(requester, { title: `Badge does not open door ${uniqueSuffix()}` });

  // The requester follows her own request from the start.
  await requester.reload({ waitUntil: "networkidle" });
  await requester.getByRole("button", { name: "Unwatch" }).click();
  await expect(requester.getByRole("button", { name: "Watch", exact: true })).toBeVisible();
  await requester.reload({ waitUntil: "networkidle" });
  await requester.getByRole("button", { name: "Watch", exact: true }).click();
  await expect(requester.getByRole("button", { name: "Unwatch" })).toBeVisible();

  const manager = await as("manager@acme.test");
  await manager.goto(`/tickets/${number}`, { waitUntil: "networkidle" });
  await manager.getByRole("button", { name: "Watch", exact: true }).click();
  await expect(manager.getByRole("button", { name: "Unwatch" })).toBeVisible();
  await manager.reload({ waitUntil: "networkidle" });
  await expect(manager.getByRole("button", { name: "Unwatch" })).toBeVisible();
  await manager.screenshot({ path: "test-results/screens/ticket-watching.png" });
  await manager.getByRole("button", { name: "Unwatch" }).click();
  await expect(manager.getByRole("button", { name: "Watch", exact: true })).toBeVisible();
});

test("[notifications] preferences: a per-event choice is saved and kept", async ({ as }) => {
  const requester = await as(USERS.acmeRequester);
  await requester.goto("/portal", { waitUntil: "networkidle" });
  await requester.getByLabel(/^Account menu/).click();
  await requester.getByRole("link", { name: "Notification settings" }).click();
  await requester.waitForURL("**/settings/notifications");
  await expect(requester.getByRole("heading", { level: 1, name: "Notification settings" })).toBeVisible();
  // Requesters are offered only what can reach them.
  await expect(requester.getByRole("radiogroup")).toHaveCount(5);
  await expect(requester.getByRole("radiogroup", { name: "Assigned to you" })).toHaveCount(0);

  const replies = requester.getByRole("radiogroup", { name: "Replies" });
  await expect(replies.getByRole("radio", { name: "Both" })).toBeChecked();
  await replies.getByText("E-mail", { exact: true }).click();
  await expect(replies.getByRole("radio", { name: "E-mail" })).toBeChecked();
  await requester.getByRole("button", { name: "Save preferences" }).click();
  await expect(requester.getByRole("status").filter({ hasText: "Preferences saved." })).toBeVisible();
  await requester.screenshot({ path: "test-results/screens/notification-settings.png", fullPage: true });

  await requester.reload({ waitUntil: "networkidle" });
  await expect(requester.getByRole("radiogroup", { name: "Replies" }).getByRole("radio", { name: "E-mail" })).toBeChecked();

  // Put it back for the specs that follow.
  await requester.getByRole("radiogroup", { name: "Replies" }).getByText("Both", { exact: true }).click();
  await requester.getByRole("button", { name: "Save preferences" }).click();
  await expect(requester.getByRole("status").filter({ hasText: "Preferences saved." })).toBeVisible();

  const agent = await as(USERS.acmeAgent);
  await agent.goto("/settings/notifications", { waitUntil: "networkidle" });
  // Every event of the catalog: the staff see them all, "Ready to assign" and "Tickets for your team" included.
  await expect(agent.getByRole("radiogroup")).toHaveCount(11);
  await agent.screenshot({ path: "test-results/screens/notification-settings-staff.png", fullPage: true });
});
