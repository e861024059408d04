import type { Page } from "@playwright/test";
import { test, expect, uniqueSuffix, createSupportRequest, pickTargetAsset } from "./support/fixtures";

const TKT = /\/tickets\/(TKT-\d{8}-\d{4,})$/;

async function createChange(page: Page, title: string, submit: "Create request" | "Save draft" = "Create request") {
  await page.goto("/portal/new");
  await page.getByLabel("Request type").selectOption({ label: "Change request" });
  await page.getByLabel("Title", { exact: true }).fill(title);
  await page.getByLabel("Description").fill("Capacity for the reporting jobs.");
  await pickTargetAsset(page);
  // Item 1: add two RAM modules.
  await page.getByLabel("Action").nth(0).selectOption("add");
  await page.getByLabel("Component type").nth(0).selectOption("ram");
  await page.getByLabel("Quantity").nth(0).fill("2");
  await page.getByLabel("Component reference").nth(0).fill("Samsung 32GB DDR4-3200 RDIMM");
  // Item 2: a configuration change on the NVMe drives (valid however often the suite runs).
  await page.getByRole("button", { name: "Add item" }).click();
  await page.getByLabel("Action").nth(1).selectOption("modify");
  await page.getByLabel("Component type").nth(1).selectOption("storage");
  await page.getByLabel("Current value").nth(1).fill("Write cache off");
  await page.getByLabel("Requested value").nth(1).fill("Write cache on");
  await page.getByRole("button", { name: submit }).click();
  await page.waitForURL(TKT);
  return new URL(page.url()).pathname.split("/").pop()!;
}


test("[change] requester creates a change with two items and submits; manager approves; technician starts, deploys, completes", async ({ as }) => {
  test.setTimeout(120_000);
  const requester = await as("requester@acme.test");
  const title = `Add RAM and enable write cache ${uniqueSuffix()}`;
  const number = await createChange(requester, title);
  await expect(requester.getByRole("heading", { level: 1 })).toHaveText(title);
  await expect(requester.getByTestId("ticket-status")).toHaveText("Pending");

  const manager = await as("manager@acme.test");
  await manager.goto(`/tickets/${number}`);
  const approval = manager.getByRole("region", { name: "Approval" });
  await expect(approval).toContainText("Rita Requester");
  await expect(approval).toContainText("2 items");
  await approval.getByRole("button", { name: "Approve" }).click();
  await expect(manager.getByRole("region", { name: "Approval" })).toHaveCount(0);
  await expect(manager.getByTestId("ticket-status")).toHaveText("Approved");
  // Assign the technician: found by typing (the page no longer lists the organization's staff).
  const assignment = manager.getByRole("region", { name: "Assignment" });
  await assignment.getByRole("combobox", { name: "Add assignee" }).fill("theo");
  await assignment.getByRole("option", { name: "Theo Technician" }).click();
  await expect(assignment.getByLabel("Theo Technician")).toBeChecked();
  await assignment.getByRole("button", { name: "Save assignees" }).click();
  await expect(manager.getByRole("region", { name: "History" })).toContainText("Maria Manager assigned Theo Technician");

  const tech = await as("tech@acme.test");
  await tech.goto(`/tickets/${number}`);
  await tech.getByRole("button", { name: "Start" }).click();
  await expect(tech.getByRole("button", { name: "Deploy" })).toBeVisible();
  // Deploy is refused until both items are fulfilled.
  await tech.getByRole("button", { name: "Deploy" }).click();
  await expect(tech.getByTestId("action-error")).toContainText("Fulfil every item before deploying (2 left)");
  for (const n of [1, 2]) {
    await tech.getByRole("button", { name: `Fulfil item ${n}` }).click();
    await tech.getByRole("button", { name: "Mark fulfilled" }).click();
    await expect(tech.getByRole("table", { name: "Items" }).getByText(/^Fulfilled/)).toHaveCount(n);
  }
  await tech.getByRole("button", { name: "Deploy" }).click();
  await expect(tech.getByRole("button", { name: "Complete" })).toBeVisible();
  await tech.getByRole("button", { name: "Complete" }).click();
  await expect(tech.getByTestId("ticket-status")).toHaveText("Completed");
  const history = tech.getByRole("region", { name: "History" });
  await expect(history).toContainText("Maria Manager approved");
  await expect(history).toContainText("Theo Technician changed the status from Deployed to Completed");

  await requester.goto(`/portal/tickets/${number}`);
  await expect(requester.getByTestId("ticket-status")).toHaveText("Completed");
});

test("[change] a requester-manager cannot approve their own change", async ({ as }) => {
  const manager = await as("manager@acme.test");
  const number = await createChange(manager, `Manager's own change ${uniqueSuffix()}`);
  await manager.goto(`/tickets/${number}`);
  const approval = manager.getByRole("region", { name: "Approval" });
  await expect(approval).toContainText("You requested this change");
  await expect(approval.getByRole("button", { name: "Approve" })).toHaveCount(0);
  await expect(manager.getByRole("button", { name: "Approve" })).toHaveCount(0);
});

test("[change] reject needs a reason, which the requester sees; they resubmit", async ({ as }) => {
  const requester = await as("requester@acme.test");
  const number = await createChange(requester, `Change to reject ${uniqueSuffix()}`);
  const manager = await as("manager@acme.test");
  await manager.goto(`/tickets/${number}`);
  await manager.getByRole("region", { name: "Approval" }).getByRole("button", { name: "Reject" }).click();
  const dialog = manager.getByRole("dialog");
  await dialog.getByRole("button", { name: "Confirm" }).click();
  await expect(dialog.getByLabel("Reason")).toHaveAccessibleDescription("A reason is required.");
  await dialog.getByLabel("Reason").fill("Order the 64GB modules instead.");
  await dialog.getByRole("button", { name: "Confirm" }).click();
  await expect(manager.getByRole("region", { name: "Rejection" })).toContainText("Order the 64GB modules instead.");

  await requester.goto(`/portal/tickets/${number}`);
  await expect(requester.getByRole("region", { name: "Rejection" })).toContainText("Order the 64GB modules instead.");
  await requester.getByRole("button", { name: "Resubmit" }).click();
  await expect(requester.getByRole("region", { name: "Rejection" })).toHaveCount(0);
  await expect(requester.getByTestId("ticket-status")).toHaveText("Pending");
});

test("[change] requester saves a draft, then cancels it with \"Cancel request\"", async ({ as }) => {
  const requester = await as("requester@acme.test");
  const number = await createChange(requester, `Draft to cancel ${uniqueSuffix()}`, "Save draft");
  await expect(requester.getByTestId("ticket-status")).toHaveText("Draft");
  await expect(requester.getByRole("button", { name: "Submit" })).toBeVisible();
  await requester.getByRole("button", { name: "Cancel request" }).click();
  await expect(requester.getByTestId("ticket-status")).toHaveText("Cancelled");
  await expect(requester.getByRole("button", { name: "Submit" })).toHaveCount(0);
  void number;
});

test("[support] a stale move shows why and reloads the current state", async ({ as }) => {
  const requester = await as("requester@acme.test");
  const number = await createSupportRequest(requester, { title: `Race ${uniqueSuffix()}` });
  const agentA = await as("agent@acme.test");
  const agentB = await as("manager@acme.test");
  // B's live stream is cut, as on a dropped connection: otherwise A's move
  // reaches B's page first (issue 14) and B's click is no longer stale. The
  // refresh itself is e2e/live.spec.ts's; this is the server's compare-and-set.
  await agentB.route(/\/api\/live(\?|$)/, (route) => route.abort());
  await agentA.goto(`/tickets/${number}`);
  await agentB.goto(`/tickets/${number}`);
  await agentA.getByRole("button", { name: "Start" }).click();
  await expect(agentA.getByRole("button", { name: "Resolve" })).toBeVisible();
  await agentB.getByRole("button", { name: "Put on hold" }).click();
  await expect(agentB.getByTestId("action-error")).toContainText("Someone else changed this first");
  await expect(agentB.getByRole("button", { name: "Resolve" })).toBeVisible();
  await expect(agentB.getByTestId("ticket-status")).toHaveText("In progress");
});
