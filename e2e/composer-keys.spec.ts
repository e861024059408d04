import { test, expect, createSupportRequest, uniqueSuffix, USERS } from "./support/fixtures";

// The reply box's keys (issue 14): Ctrl+Enter sends; Enter alone is a new line.

test("[desk] Ctrl+Enter in the reply box sends the reply; Enter alone starts a new line", async ({ as }) => {
  const requester = await as(USERS.acmeRequester);
  const number = await createSupportRequest(requester, { title: `Keyboard reply ${uniqueSuffix()}` });
  const agent = await as(USERS.acmeAgent);
  await agent.goto(`/tickets/${number}`);
  const reply = agent.getByLabel("Reply");
  await reply.click();
  await reply.pressSequentially("First line");
  await reply.press("Enter");
  await reply.pressSequentially("second line, sent from the keyboard");
  await expect(reply).toHaveValue("First line\nsecond line, sent from the keyboard");
  await reply.press("Control+Enter");
  const conversation = agent.getByRole("list", { name: "Conversation" });
  await expect(conversation).toContainText("second line, sent from the keyboard");
  await expect(reply).toHaveValue("");
  // An empty box sends nothing.
  await reply.press("Control+Enter");
  await expect(conversation.getByRole("listitem")).toHaveCount(1);
});
