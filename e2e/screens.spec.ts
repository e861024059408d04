import type { Page } from "@playwright/test";
import { test, expect, createSupportRequest, uniqueSuffix, USERS } from "./support/fixtures";

// Full-page pictures of the main surfaces for a human to look at. Only the
// waits are asserted (so that each picture shows what its name says).

const shot = (page: Page, name: string) => page.screenshot({ path: `test-results/screens/${name}.png`, fullPage: true });

test("[screens] login, portal, new request with an error, ticket pages on both sides, desk", async ({ anonymous, as }) => {
  const signedOut = await anonymous();
  await signedOut.goto("/login");
  await expect(signedOut.getByRole("button", { name: "Sign in" })).toBeVisible();
  await shot(signedOut, "login");

  const requester = await as(USERS.acmeRequester);
  const suffix = uniqueSuffix();
  const title = `Second monitor stays black after docking (${suffix})`;
  const number = await createSupportRequest(requester, {
    title,
    description: "Since Monday the second monitor stays black when I dock the laptop.\nThe first one works.",
    priority: "High",
  });

  await requester.goto("/portal");
  await expect(requester.getByRole("link", { name: title })).toBeVisible();
  await shot(requester, "portal");

  await requester.goto("/portal/new");
  await requester.getByLabel("Description").fill("I forgot the title.");
  await requester.getByRole("button", { name: "Create request" }).click();
  await expect(requester.getByLabel("Title", { exact: true })).toHaveAccessibleDescription(/required/);
  await shot(requester, "portal-new-error");

  const agent = await as(USERS.acmeAgent);
  await agent.goto("/desk");
  await expect(agent.getByRole("link", { name: title })).toBeVisible();
  await shot(agent, "desk");

  await agent.goto(`/tickets/${number}`);
  await agent.getByLabel("Reply").fill("Hi Rita, please try the other USB-C port on the dock; we are checking the firmware.");
  await agent.getByRole("button", { name: "Send" }).click();
  await expect(agent.getByRole("region", { name: "Details" })).toContainText("Answered");
  await agent.getByLabel("Reply").fill("Dock firmware 1.0.7 has a known DisplayPort bug; update scheduled.");
  await agent.getByLabel("Internal note").check();
  await agent.getByRole("button", { name: "Send" }).click();
  await expect(agent.getByRole("list", { name: "Conversation" })).toContainText("Dock firmware 1.0.7");
  await shot(agent, "staff-ticket");

  await requester.goto(`/portal/tickets/${number}`);
  await expect(requester.getByRole("list", { name: "Conversation" })).toContainText("other USB-C port");
  await shot(requester, "portal-ticket");
});
