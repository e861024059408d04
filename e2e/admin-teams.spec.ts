import type { Page } from "@playwright/test";
import { test, expect, createSupportRequest, uniqueSuffix, USERS } from "./support/fixtures";
import { sql } from "./support/db";

// Teams (issue 13, seed 004): an admin builds a team on /admin/teams; an agent
// transfers a ticket to it; a member finds it under "My teams" and accepts it.
// Everything here is this spec's own: its team (deleted at the end), its
// ticket (closed), ENG's default team put back.

const MANAGER = "manager@acme.test";

async function newTeam(admin: Page, name: string, description = "") {
  await admin.goto("/admin/teams");
  await admin.getByRole("button", { name: "New team" }).click();
  const panel = admin.getByRole("region", { name: "New team" });
  await panel.getByLabel("Team name").fill(name);
  await panel.getByLabel("Description").fill(description);
  await panel.getByRole("button", { name: "Create team" }).click();
}

test("[admin] teams: create a team, add a staff member as you type, rename it; duplicates and requesters are refused", async ({ as }) => {
  test.slow();
  const admin = await as(USERS.acmeAdmin);
  const name = `E2E Escalations ${uniqueSuffix()}`;

  await test.step("New team: its page opens", async () => {
    await newTeam(admin, name, "Second line for the tricky ones");
    await admin.waitForURL(/\/admin\/teams\/[0-9a-f-]{36}$/);
    await expect(admin.getByRole("heading", { level: 1, name })).toBeVisible();
  });
  const teamUrl = new URL(admin.url()).pathname;

  await test.step("the same name in another case is refused under the field, the input kept", async () => {
    await newTeam(admin, name.toUpperCase());
    const field = admin.getByRole("region", { name: "New team" }).getByLabel("Team name");
    await expect(field).toHaveAccessibleDescription(/already exists/);
    await expect(field).toHaveValue(name.toUpperCase());
  });

  await test.step("Add member: the picker offers staff not yet in the team, never requesters", async () => {
    await admin.goto(teamUrl);
    const picker = admin.getByRole("combobox", { name: "Staff member" });
    await picker.fill("Rit");
    await expect(admin.getByRole("listbox", { name: "Staff suggestions" })).toContainText("Nobody matches.");
    await picker.fill("Mar");
    await admin.getByRole("listbox", { name: "Staff suggestions" }).getByRole("option", { name: "Maria Manager" }).click();
    await admin.getByRole("button", { name: "Add member" }).click();
    await expect(admin.getByRole("table", { name: "Members" })).toContainText("Maria Manager");
    await expect(admin.getByRole("region", { name: "Members" })).toContainText("1 member.");
    // Once in, she is not offered again.
    await picker.fill("Mar");
    await expect(admin.getByRole("listbox", { name: "Staff suggestions" })).toContainText("Nobody matches.");
  });

  await test.step("rename and describe it; the list shows it with its member count", async () => {
    const settings = admin.getByRole("region", { name: "Settings" });
    await settings.getByLabel("Description").fill("Second line: outages and escalations");
    await settings.getByRole("button", { name: "Save team" }).click();
    await expect(settings.getByRole("status")).toHaveText("Saved.");
    await admin.goto(`/admin/teams?q=${encodeURIComponent(name)}`);
    const row = admin.getByRole("table", { name: "Teams" }).getByRole("row", { name: new RegExp(name) });
    await expect(row).toContainText("Second line: outages and escalations");
    await expect(row.getByRole("cell").nth(2)).toHaveText("1");
  });

  await test.step("a project's Default team: chosen, saved and audited, then put back", async () => {
    await admin.goto("/admin/projects/ENG");
    const card = admin.getByRole("region", { name: "Default team" });
    await card.getByLabel("Default team").selectOption({ label: name });
    await card.getByRole("button", { name: "Save default team" }).click();
    await expect(card.getByRole("status")).toHaveText("Saved.");
    await admin.reload();
    await expect(card.getByLabel("Default team")).toHaveValue(/[0-9a-f-]{36}/);
    await card.getByLabel("Default team").selectOption({ label: "No default team" });
    await card.getByRole("button", { name: "Save default team" }).click();
    await expect(card.getByRole("status")).toHaveText("Saved.");
    const rows = await sql<{ n: number }>(`SELECT count(*)::int AS n FROM "AuditLog" WHERE action = 'project.default_team_changed' AND data->'new'->>'defaultTeam' = $1`, [name]);
    expect(rows[0]!.n).toBe(1);
  });

  await test.step("delete it: gone from the list", async () => {
    await admin.goto(teamUrl);
    await admin.getByRole("button", { name: `Delete ${name}` }).click();
    await admin.getByRole("group", { name: `Delete ${name}?` }).getByRole("button", { name: "Delete team" }).click();
    await admin.waitForURL(/\/admin\/teams$/);
    await expect(admin.getByRole("link", { name })).toHaveCount(0);
  });
});

test("[teams] an agent transfers a ticket to a team with a reason; a member sees it under My teams and accepts it", async ({ as }) => {
  test.slow();
  const s = uniqueSuffix();
  const team = `E2E Network ${s}`;
  const admin = await as(USERS.acmeAdmin);
  await newTeam(admin, team);
  await admin.waitForURL(/\/admin\/teams\/[0-9a-f-]{36}$/);
  const teamUrl = new URL(admin.url()).pathname;
  await admin.getByRole("combobox", { name: "Staff member" }).fill("Maria");
  await admin.getByRole("listbox", { name: "Staff suggestions" }).getByRole("option", { name: "Maria Manager" }).click();
  await admin.getByRole("button", { name: "Add member" }).click();
  await expect(admin.getByRole("table", { name: "Members" })).toContainText("Maria Manager");

  const requester = await as(USERS.acmeRequester);
  const title = `Switch port on floor 2 is dead (${s})`;
  const number = await createSupportRequest(requester, { title });

  const agent = await as(USERS.acmeAgent);
  await test.step("the new ticket starts in SUP's default team; the agent transfers it with a reason", async () => {
    await agent.goto(`/tickets/${number}`);
    const panel = agent.getByRole("region", { name: "Team" });
    await expect(panel.getByTestId("ticket-team")).toHaveText("Service desk");
    await panel.getByLabel("Team", { exact: true }).selectOption({ label: team });
    await panel.getByLabel("Reason (optional)").fill("Needs the network folks");
    await panel.getByRole("button", { name: "Transfer" }).click();
    await expect(panel.getByTestId("ticket-team")).toHaveText(team);
    const history = agent.getByRole("region", { name: "History" });
    await expect(history).toContainText(`Sam Agent transferred the ticket to ${team} team`);
    await expect(history).toContainText("Needs the network folks");
  });

  await test.step("the requester sees nothing of the routing", async () => {
    await requester.goto(`/portal/tickets/${number}`);
    await expect(requester.getByRole("heading", { name: title })).toBeVisible();
    await expect(requester.getByRole("main")).not.toContainText(team);
    await expect(requester.getByRole("main")).not.toContainText("Needs the network folks");
  });

  const manager = await as(MANAGER);
  await test.step("the member is told, and finds it in the My teams box and under the Team filter", async () => {
    const [told] = await sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM "Notification" n JOIN "User" u ON u.id = n."userId" JOIN "Ticket" t ON t.id = n."ticketId" WHERE u.email = $1 AND t.number = $2 AND n.event = 'team_transfer'`,
      [MANAGER, number],
    );
    expect(told!.n).toBe(1);
    await manager.goto("/desk");
    const box = manager.getByRole("list", { name: "Queues" }).getByRole("link", { name: /My teams/ });
    await expect(box).toContainText(/[1-9]/);
    await box.click();
    await manager.waitForURL(/box=teams/);
    await expect(manager.getByRole("link", { name: title })).toBeVisible();
    await manager.goto("/desk");
    await manager.getByLabel(/^Team: /).click();
    await manager.getByRole("group", { name: "Team" }).getByLabel("My teams").check();
    await manager.waitForURL(/team=mine/);
    await expect(manager.getByRole("link", { name: title })).toBeVisible();
  });

  await test.step("the member accepts it and becomes its assignee", async () => {
    await manager.goto(`/tickets/${number}`);
    const panel = manager.getByRole("region", { name: "Team" });
    await panel.getByRole("button", { name: "Accept" }).click();
    await expect(manager.getByRole("region", { name: "Details" })).toContainText("Maria Manager");
    await expect(panel.getByRole("button", { name: "Accept" })).toHaveCount(0);
    await expect(manager.getByRole("region", { name: "History" })).toContainText(`Maria Manager accepted the ticket for ${team} team`);
  });

  await test.step("the team cannot be deleted while the ticket is open; closed, it can", async () => {
    await admin.goto(teamUrl);
    await admin.getByRole("button", { name: `Delete ${team}` }).click();
    await admin.getByRole("button", { name: "Delete team" }).click();
    await expect(admin.getByRole("region", { name: "Delete team" }).getByRole("alert")).toHaveText(`${team} still has 1 open ticket. Transfer it to another team first.`);
    await manager.getByRole("button", { name: "Close ticket" }).click();
    await expect(manager.getByTestId("ticket-status")).toContainText("Closed");
    await admin.getByRole("button", { name: `Delete ${team}` }).click();
    await admin.getByRole("button", { name: "Delete team" }).click();
    await admin.waitForURL(/\/admin\/teams$/);
    await expect(admin.getByRole("link", { name: team })).toHaveCount(0);
  });
});

test("[screens] teams: the list, a team, the ticket's Team panel and the desk's My teams box, wide and on a phone", async ({ as }) => {
  test.slow();
  const admin = await as(USERS.acmeAdmin);
  const agent = await as(USERS.acmeAgent);
  const [desk] = await sql<{ id: string }>(`SELECT t.id FROM "Team" t JOIN "Organization" o ON o.id = t."organizationId" WHERE o.slug = 'acme' AND t.name = 'Service desk'`);
  const [ticket] = await sql<{ number: string }>(`SELECT t.number FROM "Ticket" t JOIN "Organization" o ON o.id = t."organizationId" WHERE o.slug = 'acme' AND t.number = 'SUP-3'`);
  for (const [label, size] of [["wide", { width: 1280, height: 800 }], ["phone", { width: 390, height: 844 }]] as const) {
    for (const page of [admin, agent]) await page.setViewportSize(size);
    await admin.goto("/admin/teams");
    await admin.getByRole("button", { name: "New team" }).click();
    await expect(admin.getByRole("table", { name: "Teams" })).toContainText("Service desk");
    await admin.screenshot({ path: `test-results/screens/teams-list-${label}.png`, fullPage: true });
    await admin.goto(`/admin/teams/${desk!.id}`);
    await expect(admin.getByRole("table", { name: "Members" })).toContainText("Sam Agent");
    await admin.screenshot({ path: `test-results/screens/team-page-${label}.png`, fullPage: true });
    await admin.goto("/admin/projects/SUP");
    await expect(admin.getByRole("region", { name: "Default team" }).getByLabel("Default team")).toHaveValue(desk!.id);
    await admin.screenshot({ path: `test-results/screens/project-default-team-${label}.png`, fullPage: true });
    await agent.goto(`/tickets/${ticket!.number}`);
    await expect(agent.getByRole("region", { name: "Team" })).toContainText("Service desk");
    await agent.screenshot({ path: `test-results/screens/ticket-team-${label}.png`, fullPage: true });
    await agent.goto("/desk?team=mine");
    await expect(agent.getByRole("list", { name: "Queues" }).getByRole("link", { name: /My teams/ })).toBeVisible();
    await agent.screenshot({ path: `test-results/screens/desk-my-teams-${label}.png`, fullPage: true });
    await agent.goto("/board/SUP?team=mine");
    await expect(agent.getByLabel("Team", { exact: true })).toHaveValue("mine");
    await agent.screenshot({ path: `test-results/screens/board-team-${label}.png`, fullPage: true });
  }
});
