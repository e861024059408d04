import { test, expect, signIn, seqOf, uniqueSuffix, USERS } from "./support/fixtures";

// The main support journey across the two surfaces: a requester opens a
// request on the portal, an agent answers it on the desk (public reply and an
// internal note), and the requester sees the answer but never the note.

test("[journey] requester opens a support request, agent answers it, requester sees the reply but not the internal note", async ({ page, anonymous }) => {
  const suffix = uniqueSuffix();
  const title = `Laptop fan is loud ${suffix}`;
  const description = `The fan spins at full speed even when idle. (${suffix})`;
  const reply = `Thanks Rita, a technician will swap the fan tomorrow. (${suffix})`;
  const note = `Internal: fan part FN-221 is in stock, bin 4. (${suffix})`;
  let number = "";

  await test.step("requester signs in and lands on the portal", async () => {
    await signIn(page, USERS.acmeRequester);
    await expect(page).toHaveURL(/\/portal$/);
    await expect(page.getByRole("heading", { name: "My requests" })).toBeVisible();
  });

  await test.step("requester creates a High support request", async () => {
    await page.goto("/portal/new");
    await page.getByLabel("Request type").selectOption({ label: "Support request" });
    await page.getByLabel("Title", { exact: true }).fill(title);
    await page.getByLabel("Description").fill(description);
    await page.getByLabel("Priority").selectOption({ label: "High" });
    await page.getByRole("button", { name: "Create request" }).click();
    await page.waitForURL(/\/portal\/tickets\/SUP-\d+$/);
    number = new URL(page.url()).pathname.split("/").pop()!;
    expect(seqOf(number), "Acme SUP has 8 seeded tickets").toBeGreaterThan(2);
    await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
    await expect(page.getByRole("region", { name: "Description" })).toContainText(description);
    const details = page.getByRole("region", { name: "Details" });
    await expect(details).toContainText("Open");
    await expect(details).toContainText("High");
    await expect(details).toContainText("Rita Requester");
  });

  await test.step("the request is listed on /portal", async () => {
    await page.goto("/portal");
    const row = page.getByRole("row").filter({ hasText: title });
    await expect(row).toHaveCount(1);
    await expect(row).toContainText(number);
    await expect(row.getByRole("link", { name: title })).toHaveAttribute("href", `/portal/tickets/${number}`);
  });

  const agent = await anonymous();
  await test.step("agent signs in, lands on the desk and sees the ticket", async () => {
    await signIn(agent, USERS.acmeAgent);
    await expect(agent).toHaveURL(/\/desk$/);
    await expect(agent.getByRole("link", { name: title })).toBeVisible();
  });

  await test.step("agent posts a public reply: status Answered, history shows the move and the first response", async () => {
    await agent.getByRole("link", { name: title }).click();
    await agent.waitForURL(`**/tickets/${number}`);
    await expect(agent.getByRole("heading", { level: 1, name: title })).toBeVisible();
    const details = agent.getByRole("region", { name: "Details" });
    await expect(details).toContainText("Open");
    await expect(details).not.toContainText("First response");

    await agent.getByLabel("Reply").fill(reply);
    await agent.getByRole("button", { name: "Send" }).click();

    await expect(agent.getByRole("list", { name: "Conversation" })).toContainText(reply);
    await expect(agent.getByLabel("Reply")).toHaveValue("");
    await expect(details).toContainText("Answered");
    await expect(details).toContainText("First response");
    const history = agent.getByRole("region", { name: "History" });
    await expect(history).toContainText("Sam Agent changed the status from Open to Answered");
    await expect(history).toContainText("Sam Agent sent the first response");
    await expect(history).toContainText("Sam Agent replied");
  });

  await test.step("agent adds an internal note, shown on the staff page", async () => {
    await agent.getByLabel("Reply").fill(note);
    await agent.getByLabel("Internal note").check();
    await agent.getByRole("button", { name: "Send" }).click();
    const noteItem = agent.getByRole("listitem").filter({ hasText: note });
    await expect(noteItem).toBeVisible();
    await expect(noteItem).toContainText("Internal note");
    await expect(agent.getByRole("region", { name: "History" })).toContainText("Sam Agent added an internal note");
    // A note is not a response: the status stays Answered.
    await expect(agent.getByRole("region", { name: "Details" })).toContainText("Answered");
  });

  await test.step("requester reloads: sees the reply and Answered, never the internal note", async () => {
    await page.goto(`/portal/tickets/${number}`);
    await expect(page.getByRole("list", { name: "Conversation" })).toContainText(reply);
    await expect(page.getByRole("list", { name: "Conversation" })).toContainText("Sam Agent");
    await expect(page.getByRole("region", { name: "Details" })).toContainText("Answered");
    await expect(page.getByRole("region", { name: "History" })).toContainText("Sam Agent changed the status from Open to Answered");
    const html = await page.content();
    expect(html).not.toContain(note);
    expect(html).not.toContain("FN-221");
    expect(html).not.toContain("added an internal note");
    // The raw server response too (RSC payloads are inlined in the HTML).
    const raw = await (await page.request.get(`/portal/tickets/${number}`)).text();
    expect(raw).toContain(reply);
    expect(raw).not.toContain("FN-221");
  });
});
