import type { Page } from "@playwright/test";
import { test, expect, createSupportRequest, uniqueSuffix, USERS } from "./support/fixtures";
import { sql, ticketId } from "./support/db";

// The conversation (issue 5 "Thread"): canned responses with placeholders,
// editing one's reply, the solution on both sides, @mentions in internal
// notes, markdown, view counts and the canned-responses settings page.

const shot = (page: Page, name: string) => page.screenshot({ path: `test-results/screens/${name}.png`, fullPage: true });
const comment = (page: Page, text: string | RegExp) => page.getByRole("list", { name: "Conversation" }).getByRole("listitem").filter({ hasText: text });

test("[desk] agent inserts a canned response, edits it, marks it as the solution; the requester sees the Solution box", async ({ as }) => {
  test.setTimeout(90_000);
  const requester = await as(USERS.acmeRequester);
  const title = `Wi-Fi drops in meeting room 4 (${uniqueSuffix()})`;
  const number = await createSupportRequest(requester, {
    title,
    description: "It drops **every few minutes**.\n\n- laptop: T14\n- [status page](javascript:alert(1))",
  });

  const agent = await as(USERS.acmeAgent);
  await agent.goto(`/tickets/${number}`, { waitUntil: "networkidle" });
  // Markdown in the description: bold renders, the javascript: link does not.
  const description = agent.getByRole("region", { name: "Description" });
  await expect(description.locator("strong")).toHaveText("every few minutes");
  await expect(description.getByRole("link")).toHaveCount(0);
  await expect(agent.getByTestId("view-count")).toHaveText(/\d+ views?/);

  await test.step("Insert response → filter → Enter fills the placeholders", async () => {
    await agent.getByRole("button", { name: "Insert response" }).click();
    await agent.getByRole("combobox", { name: "Search responses" }).fill("greet");
    await expect(agent.getByRole("listbox", { name: "Canned responses" }).getByRole("option")).toHaveCount(1);
    await agent.getByRole("combobox", { name: "Search responses" }).press("Enter");
    const reply = agent.getByLabel("Reply");
    await expect(reply).toHaveValue(new RegExp(`^Hi Rita Requester,\\n\\nThanks for reaching IT Support about \\*\\*${title.replace(/[()]/g, "\\$&")}\\*\\* \\(${number}\\)`));
    await expect(reply).toHaveValue(/Sam Agent$/);
    await expect(reply).not.toHaveValue(/\{\{/);
    await agent.getByRole("button", { name: "Send" }).click();
    await expect(comment(agent, "Thanks for reaching IT Support")).toBeVisible();
    await expect(agent.getByLabel("Reply")).toHaveValue("");
  });

  // By id: the text changes when edited.
  const mine = agent.locator(`#${await comment(agent, "Thanks for reaching IT Support").getAttribute("id")}`);
  await test.step("edit the reply: marked edited, earlier version kept for staff", async () => {
    await mine.getByRole("button", { name: "Edit" }).click();
    const editor = mine.getByLabel("Edit comment");
    await editor.fill("Hi Rita Requester,\n\nPlease **forget the network** and reconnect; the access point was replaced.\n\nSam Agent");
    await mine.getByRole("button", { name: "Save" }).click();
    await expect(mine).toContainText("forget the network");
    await expect(mine).toContainText(/\(edited \d{4}-\d\d-\d\d \d\d:\d\d \S+\)/);
    await expect(mine.locator("strong", { hasText: "forget the network" })).toBeVisible();
    await expect(mine.getByText("Earlier versions (1)")).toBeVisible();
  });

  await test.step("mark it as the solution: shown at the top of the thread", async () => {
    await mine.getByRole("button", { name: "Mark as solution" }).click();
    await expect(agent.getByRole("region", { name: "Solution" })).toContainText("forget the network");
    await expect(mine.getByRole("button", { name: "Unmark solution" })).toBeVisible();
    await expect(agent.getByRole("region", { name: "History" })).toContainText("Sam Agent marked a reply as the solution");
  });

  await test.step("an internal note @mentions Maria through the autocomplete (arrow keys + Enter)", async () => {
    await agent.getByLabel("Internal note").check();
    const reply = agent.getByLabel("Reply");
    await reply.click();
    await reply.pressSequentially("Looping in @");
    const suggestions = agent.getByRole("listbox", { name: "Mention suggestions" });
    await expect(suggestions.getByRole("option")).toHaveText(["@Ada Admin", "@Maria Manager"]);
    await reply.press("ArrowDown");
    await expect(suggestions.getByRole("option", { name: "@Maria Manager" })).toHaveAttribute("aria-selected", "true");
    await reply.press("Enter");
    await expect(suggestions).toBeHidden();
    // The box shows the name; the reference to the person travels only in the body sent.
    await expect(reply).toHaveValue("Looping in @Maria Manager ");
    // Typing narrows the list.
    await reply.pressSequentially("and @ad");
    await expect(suggestions.getByRole("option")).toHaveText(["@Ada Admin"]);
    await reply.press("Enter");
    await reply.pressSequentially("for the AP budget.");
    await agent.getByRole("button", { name: "Send" }).click();
    const note = comment(agent, "for the AP budget");
    await expect(note).toContainText("Internal note");
    await expect(note.locator("[data-mention]")).toHaveText(["@Maria Manager", "@Ada Admin"]);
    // Editing shows the names too, and saving keeps them mentions.
    await note.getByRole("button", { name: "Edit" }).click();
    const editor = note.getByLabel("Edit comment");
    await expect(editor).toHaveValue("Looping in @Maria Manager and @Ada Admin for the AP budget.");
    await editor.fill("Looping in @Maria Manager and @Ada Admin for the AP budget (approved).");
    await note.getByRole("button", { name: "Save" }).click();
    const edited = comment(agent, "(approved)");
    // The current text first (its earlier version follows, under "Earlier versions").
    await expect(edited.locator("[data-mention]").first()).toHaveText("@Maria Manager");
    await expect(edited.locator("[data-mention]").nth(1)).toHaveText("@Ada Admin");
    await expect(edited).not.toContainText("@[");
  });
  await test.step("a system comment renders small and centred, without author or controls", async () => {
    // As lib/domain/comments/system-comment.ts writes them (authorId null, type system).
    const id = await ticketId("acme", number);
    await sql(`INSERT INTO "Comment" (id, "organizationId", "ticketId", "authorId", type, body, "updatedAt") SELECT gen_random_uuid(), "organizationId", id, NULL, 'system', $2, now() FROM "Ticket" WHERE id = $1`, [id, "Linked as related to SUP-1"]);
    await agent.reload({ waitUntil: "networkidle" });
    const system = agent.locator('[data-comment-type="system"]');
    await expect(system).toContainText("Linked as related to SUP-1");
    await expect(system.getByRole("button")).toHaveCount(0);
  });
  await shot(agent, "thread-desk");

  await test.step("the requester sees the Solution box and 'edited', never the note or earlier versions", async () => {
    await requester.goto(`/portal/tickets/${number}`, { waitUntil: "networkidle" });
    await expect(requester.getByRole("region", { name: "Solution" })).toContainText("forget the network");
    await expect(comment(requester, "forget the network")).toContainText(/\(edited \d{4}-\d\d-\d\d \d\d:\d\d \S+\)/);
    await expect(requester.getByText(/Earlier versions/)).toHaveCount(0);
    await expect(requester.getByRole("button", { name: /solution/i })).toHaveCount(0);
    await expect(requester.getByRole("button", { name: "Insert response" })).toHaveCount(0);
    const html = await requester.content();
    expect(html).not.toContain("AP budget");
    // The first version was public (the requester's reply notification quotes it), but the thread shows only the current one.
    await expect(requester.getByRole("list", { name: "Conversation" })).not.toContainText("Thanks for reaching IT Support");
    await shot(requester, "thread-portal");
  });
});

test("[settings] canned responses: field errors keep the input; requesters get 404", async ({ as }) => {
  const agent = await as(USERS.acmeAgent);
  await agent.goto("/settings/canned-responses", { waitUntil: "networkidle" });
  await expect(agent.getByRole("list", { name: "Organization-wide responses" })).toContainText("Greeting");
  // Agents use organization-wide responses but do not manage them.
  await expect(agent.getByRole("list", { name: "Organization-wide responses" }).getByRole("button", { name: "Edit" })).toHaveCount(0);

  const form = agent.getByRole("region", { name: "New response" });
  await form.getByLabel("Text").fill("See you, {{requester.name}}");
  await form.getByRole("button", { name: "Add response" }).click();
  await expect(form.getByLabel("Title")).toHaveAccessibleDescription("Title is required");
  await expect(form.getByLabel("Text")).toHaveValue("See you, {{requester.name}}");

  const title = `Sign-off ${uniqueSuffix()}`;
  await form.getByLabel("Title").fill(title);
  await form.getByRole("button", { name: "Add response" }).click();
  await expect(agent.getByRole("list", { name: "Personal responses" })).toContainText(title);
  await shot(agent, "canned-responses");

  const requester = await as(USERS.acmeRequester);
  const res = await requester.goto("/settings/canned-responses");
  expect(res?.status()).toBe(404);
});
