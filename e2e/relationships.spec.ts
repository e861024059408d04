import { test, expect, createSupportRequest, uniqueSuffix, USERS } from "./support/fixtures";
import { sql, ticketId } from "./support/db";

// Links and subtasks on the ticket page (issue 5, DESIGN §6): the agent links
// two tickets with the search-as-you-type picker, marks one a duplicate and
// closes it; both sides show the link; the requester sees the original named
// only when it is theirs; subtasks show progress and guard the parent's close.

const screens = (name: string) => `test-results/screens/${name}.png`;

test("[desk] agent links a duplicate through the picker and closes it; both pages show the link from their side; the requester sees only what is theirs", async ({ as }) => {
  // Five pages across four sessions: on a busy machine this journey needs more than the default 30 s.
  test.slow();
  const suffix = uniqueSuffix();
  const requester = await as(USERS.acmeRequester);
  const other = await as(USERS.acmeRequester2);
  const original = await createSupportRequest(other, { title: `Badge printer smears ink ${suffix}` });
  const duplicate = await createSupportRequest(requester, { title: `Badge printer smudges cards ${suffix}` });

  const agent = await as(USERS.acmeAgent);
  await agent.goto(`/tickets/${duplicate}`, { waitUntil: "networkidle" });
  const links = agent.getByRole("region", { name: "Links" });
  await expect(links).toContainText("No linked tickets.");

  await test.step("find the original by typing words, pick it, link as duplicate with close", async () => {
    await links.getByLabel("Link type").selectOption({ label: "Duplicates" });
    await expect(links.getByLabel("Close the duplicate (support tickets)")).toBeChecked();
    const find = links.getByLabel("Find ticket");
    await find.pressSequentially(`badge print ${suffix.slice(0, 6)}`, { delay: 30 });
    const option = agent.getByRole("option", { name: new RegExp(`^${original}\\b`) });
    await expect(option).toBeVisible();
    // The ticket being linked is never offered.
    await expect(agent.getByRole("option", { name: new RegExp(`^${duplicate}\\b`) })).toHaveCount(0);
    await option.click();
    await expect(find).toHaveValue(`${original} Badge printer smears ink ${suffix}`);
    await links.getByRole("button", { name: "Link", exact: true }).click();

    await expect(links.getByRole("list", { name: "Linked tickets" })).toContainText(`Duplicates${original}`);
    await expect(agent.getByTestId("ticket-status")).toHaveText("Closed");
    await expect(agent.getByRole("list", { name: "Conversation" })).toContainText(`Closed as a duplicate of ${original}`);
    await expect(agent.getByRole("region", { name: "History" })).toContainText(`Sam Agent linked ${original} (Duplicates)`);
    await expect(find).toHaveValue("");
    await links.screenshot({ path: screens("links-duplicate") });
    await agent.screenshot({ path: screens("links-duplicate-page"), fullPage: true });
  });

  await test.step("a second link between the same pair is refused with a clear message", async () => {
    await links.getByLabel("Link type").selectOption({ label: "Related to" });
    await links.getByLabel("Find ticket").pressSequentially(original, { delay: 20 });
    await agent.getByRole("option", { name: new RegExp(`^${original}\\b`) }).click();
    await links.getByRole("button", { name: "Link", exact: true }).click();
    await expect(links.getByRole("alert")).toContainText(`${duplicate} and ${original} are already linked (${duplicate} duplicates ${original}).`);
  });

  await test.step("the original shows the link from its side", async () => {
    await agent.goto(`/tickets/${original}`, { waitUntil: "networkidle" });
    const theirLinks = agent.getByRole("region", { name: "Links" });
    await expect(theirLinks.getByRole("list", { name: "Linked tickets" })).toContainText(`Duplicated by${duplicate}`);
    await expect(agent.getByRole("region", { name: "History" })).toContainText(`Sam Agent linked ${duplicate} (Duplicated by)`);
    await expect(agent.getByTestId("ticket-status")).toHaveText("Open");
  });

  await test.step("the requester's portal page: closed, the original (not theirs) never named", async () => {
    await requester.goto(`/portal/tickets/${duplicate}`);
    await expect(requester.getByRole("list", { name: "Conversation" })).toContainText("Closed as a duplicate of another ticket");
    await expect(requester.getByRole("region", { name: "Links" })).toHaveCount(0);
    const raw = await (await requester.request.get(`/portal/tickets/${duplicate}`)).text();
    expect(raw).not.toContain(original);
    expect(raw).not.toContain("smears ink");
    // The picker's search is for those who may link: a requester gets 404, not results.
    const search = await requester.request.get(`/api/tickets/search?q=${encodeURIComponent("badge printer")}`);
    expect(search.status()).toBe(404);
  });

  await test.step("the other requester sees their original read-only with the duplicate hidden", async () => {
    await other.goto(`/portal/tickets/${original}`);
    await expect(other.getByRole("region", { name: "History" })).toContainText("Sam Agent linked a ticket (Duplicated by)");
    await expect(other.getByRole("button", { name: /Unlink/ })).toHaveCount(0);
    const raw = await (await other.request.get(`/portal/tickets/${original}`)).text();
    expect(raw).not.toContain(duplicate);
  });
});

test("[desk] agent adds a subtask (0 of 1 done) and closing the parent asks for confirmation listing it", async ({ as }) => {
  const suffix = uniqueSuffix();
  const requester = await as(USERS.acmeRequester);
  const parent = await createSupportRequest(requester, { title: `Office move to floor 3 ${suffix}` });
  await createSupportRequest(requester, { title: `Desk phones for floor 3 ${suffix}` });

  const agent = await as(USERS.acmeAgent);
  await agent.goto(`/tickets/${parent}`, { waitUntil: "networkidle" });
  const subtasks = agent.getByRole("region", { name: "Subtasks" });
  await expect(subtasks).toContainText("No subtasks yet.");

  await subtasks.getByRole("button", { name: "Add subtask" }).click();
  await subtasks.getByRole("button", { name: "Create subtask" }).click();
  await expect(subtasks.getByLabel("Subtask title")).toHaveAccessibleDescription("Title is required");

  await subtasks.getByLabel("Subtask title").fill(`Move the printers ${suffix}`);
  await subtasks.getByLabel("Subtask description").fill("Two printers, one scanner.");
  await subtasks.getByRole("button", { name: "Create subtask" }).click();
  await expect(subtasks.getByTestId("subtask-progress")).toHaveText("0 of 1 done");
  await expect(subtasks.getByRole("progressbar", { name: "Subtask progress" })).toHaveAttribute("aria-valuetext", "0 of 1 done");
  const list = subtasks.getByRole("list", { name: "Subtask list" });
  await expect(list).toContainText(`Move the printers ${suffix}`);
  await expect(agent.getByRole("region", { name: "Links" }).getByRole("list", { name: "Linked tickets" })).toContainText("Parent of");
  await subtasks.screenshot({ path: screens("subtasks") });

  await test.step("closing the parent lists the open subtask and closes only after Confirm", async () => {
    await agent.getByRole("button", { name: "Close ticket" }).click();
    const dialog = agent.getByRole("dialog");
    await expect(dialog).toBeVisible();
    await expect(dialog.getByRole("list", { name: "Open subtasks" })).toContainText(`Move the printers ${suffix} (Open)`);
    await agent.screenshot({ path: screens("subtasks-confirm-close"), fullPage: true });
    await expect(agent.getByTestId("ticket-status")).toHaveText("Open");
    await dialog.getByRole("button", { name: "Confirm" }).click();
    await expect(agent.getByTestId("ticket-status")).toHaveText("Closed");
    await expect(dialog).toBeHidden();
  });

  await test.step("the subtask's page shows its parent", async () => {
    await list.getByRole("link").first().click();
    await expect(agent.getByRole("heading", { level: 1 })).toHaveText(`Move the printers ${suffix}`);
    await expect(agent.getByRole("region", { name: "Links" })).toContainText(`Child of${parent}`);
    await agent.screenshot({ path: screens("subtask-page"), fullPage: true });
  });
});

test("[desk] bulk 'Link to…' links each selected ticket and lists the one that failed and why", async ({ as }) => {
  const suffix = uniqueSuffix();
  const requester = await as(USERS.acmeRequester);
  const target = await createSupportRequest(requester, { title: `Network upgrade ${suffix}` });
  const first = await createSupportRequest(requester, { title: `Replace switch A ${suffix}` });
  const second = await createSupportRequest(requester, { title: `Replace switch B ${suffix}` });

  const agent = await as(USERS.acmeAgent);
  await agent.goto(`/desk?q=${suffix}`, { waitUntil: "networkidle" });
  for (const n of [first, second, target]) await agent.getByRole("checkbox", { name: `Select ${n}` }).check();
  const bar = agent.getByRole("region", { name: "Bulk actions" });
  await bar.getByLabel("Link type").selectOption({ label: "Child of" });
  await bar.getByLabel("Find ticket").pressSequentially(`network upgr ${suffix.slice(0, 6)}`, { delay: 30 });
  await agent.getByRole("option", { name: new RegExp(`^${target}\\b`) }).click();
  await bar.getByRole("button", { name: "Link", exact: true }).click();
  const status = bar.getByRole("status");
  await expect(status).toContainText("2 of 3 done; 1 failed:");
  await expect(status).toContainText(`${target}: A ticket cannot be linked to itself.`);
  await bar.screenshot({ path: screens("bulk-link") });

  await agent.goto(`/tickets/${target}`);
  const subtasks = agent.getByRole("region", { name: "Subtasks" });
  await expect(subtasks.getByTestId("subtask-progress")).toHaveText("0 of 2 done");
  await expect(subtasks.getByRole("list", { name: "Subtask list" })).toContainText(first);
  await expect(subtasks.getByRole("list", { name: "Subtask list" })).toContainText(second);
});

test("[desk] bulk 'Link to…' as duplicates closes the selected tickets when asked", async ({ as }) => {
  const suffix = uniqueSuffix();
  const requester = await as(USERS.acmeRequester);
  const original = await createSupportRequest(requester, { title: `Wi-Fi down floor 3 ${suffix}` });
  const dupA = await createSupportRequest(requester, { title: `No wireless ${suffix}` });
  const dupB = await createSupportRequest(requester, { title: `Laptop offline ${suffix}` });

  const agent = await as(USERS.acmeAgent);
  await agent.goto(`/desk?q=${suffix}`, { waitUntil: "networkidle" });
  for (const n of [dupA, dupB]) await agent.getByRole("checkbox", { name: `Select ${n}` }).check();
  const bar = agent.getByRole("region", { name: "Bulk actions" });
  await bar.getByLabel("Link type").selectOption({ label: "Duplicates" });
  await expect(bar.getByLabel("Close the selected tickets")).toBeChecked();
  await bar.getByLabel("Find ticket").pressSequentially(`wi-fi floor ${suffix.slice(0, 6)}`, { delay: 30 });
  await agent.getByRole("option", { name: new RegExp(`^${original}\\b`) }).click();
  await bar.screenshot({ path: screens("bulk-link-duplicates") });
  await bar.getByRole("button", { name: "Link", exact: true }).click();

  // Everything succeeded: the bar goes and the closed tickets leave the default (live) view.
  await expect(agent.getByRole("region", { name: "Bulk actions" })).toHaveCount(0);
  for (const n of [dupA, dupB]) {
    await agent.goto(`/tickets/${n}`);
    await expect(agent.getByText("Closed").first()).toBeVisible();
    await expect(agent.getByRole("region", { name: "Conversation" })).toContainText(`Closed as a duplicate of ${original}`);
  }
});

test("[desk] a bulk close of a parent with an open subtask lists it, and 'Move it anyway' closes the parent", async ({ as }) => {
  const suffix = uniqueSuffix();
  const requester = await as(USERS.acmeRequester);
  const parent = await createSupportRequest(requester, { title: `Office move ${suffix}` });
  const child = await createSupportRequest(requester, { title: `Move the plotter ${suffix}` });
  const [parentId, childId] = [await ticketId("acme", parent), await ticketId("acme", child)];
  await sql(`INSERT INTO "Relationship" (id, "organizationId", "sourceId", "targetId", type) SELECT gen_random_uuid(), "organizationId", $1, $2, 'parent' FROM "Ticket" WHERE id = $1`, [parentId, childId]);

  const agent = await as(USERS.acmeAgent);
  await agent.goto(`/desk?q=${suffix}`, { waitUntil: "networkidle" });
  await agent.getByRole("checkbox", { name: `Select ${parent}` }).check();
  const bar = agent.getByRole("region", { name: "Bulk actions" });
  await bar.getByLabel("Move to").selectOption({ label: "Closed" });
  await bar.getByRole("button", { name: "Move", exact: true }).click();
  await expect(bar.getByRole("status")).toContainText(`${parent}: This ticket has 1 open subtask (${child}).`);
  await bar.screenshot({ path: screens("bulk-open-subtasks") });
  await bar.getByRole("button", { name: "Move it anyway" }).click();
  await expect(agent.getByRole("region", { name: "Bulk actions" })).toHaveCount(0);
  expect((await sql<{ status: string }>(`SELECT status::text AS status FROM "Ticket" WHERE id = $1`, [parentId]))[0]!.status).toBe("closed");
  expect((await sql<{ status: string }>(`SELECT status::text AS status FROM "Ticket" WHERE id = $1`, [childId]))[0]!.status).toBe("open");
});

test("[desk] the link search answers by the one status map: 403 for staff who may not link, 401 signed out", async ({ as, playwright, baseURL }) => {
  const tech = await as("tech@acme.test");
  const res = await tech.request.get(`/api/tickets/search?q=${encodeURIComponent("printer")}`);
  expect(res.status()).toBe(403);
  expect(await res.json()).toMatchObject({ ok: false, code: "FORBIDDEN" });
  const anonymous = await playwright.request.newContext({ baseURL });
  const signedOut = await anonymous.get("/api/tickets/search?q=printer", { maxRedirects: 0 });
  // Signed out, the proxy sends a browser to sign in first.
  expect([307, 401]).toContain(signedOut.status());
  await anonymous.dispose();
});
