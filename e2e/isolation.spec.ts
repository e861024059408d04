import { test, expect, createSupportRequest, signIn, uniqueSuffix, USERS } from "./support/fixtures";
import { commentsOn, sql, ticketId } from "./support/db";

// Who may see an Acme request: its requester and Acme staff. Another Acme
// requester and every Globex user get "not found" (HTTP 404), never the title.

let acme = { number: "", title: "", id: "" };

test.beforeAll(async ({ browser, baseURL }) => {
  const context = await browser.newContext({ baseURL });
  const page = await context.newPage();
  await signIn(page, USERS.acmeRequester);
  const title = `Isolation probe ${uniqueSuffix()}`;
  const number = await createSupportRequest(page, { title, description: "Only Acme may read this.", priority: "Normal" });
  await context.close();
  acme = { number, title, id: await ticketId("acme", number) };
  expect(Number(number.split("-")[1])).toBeGreaterThan(2);
});

test("[portal] another Acme requester cannot open Rita's ticket or see it in their list", async ({ as }) => {
  const page = await as(USERS.acmeRequester2);
  for (const path of [`/portal/tickets/${acme.number}`, `/tickets/${acme.number}`]) {
    const res = await page.goto(path);
    expect(res?.status(), path).toBe(404);
    expect(await page.content(), path).not.toContain(acme.title);
  }
  await page.goto("/portal");
  await expect(page.getByRole("heading", { name: "My requests" })).toBeVisible();
  expect(await page.content()).not.toContain(acme.title);
});

for (const email of [USERS.globexAgent, USERS.globexAdmin, USERS.globexRequester]) {
  test(`[isolation] ${email} gets 404 for Acme's ticket and never sees its title`, async ({ as }) => {
    const page = await as(email);
    for (const path of [`/tickets/${acme.number}`, `/portal/tickets/${acme.number}`]) {
      const res = await page.goto(path);
      expect(res?.status(), path).toBe(404);
      await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
      expect(await page.content(), path).not.toContain(acme.title);
    }
    for (const path of email === USERS.globexRequester ? ["/portal"] : ["/desk", "/portal"]) {
      const res = await page.goto(path);
      expect(res?.status(), path).toBe(200);
      expect(await page.content(), path).not.toContain(acme.title);
    }
  });
}

test("[isolation] Globex's own SUP-1 shows Globex's ticket, not Acme's", async ({ as }) => {
  const [acmeSup1] = await sql<{ title: string }>(
    `SELECT t.title FROM "Ticket" t JOIN "Organization" o ON o.id = t."organizationId" WHERE o.slug = 'acme' AND t.number = 'SUP-1'`,
  );
  const globexTitle = "Globex: badge reader at the front door";

  const agent = await as(USERS.globexAgent);
  expect((await agent.goto("/tickets/SUP-1"))?.status()).toBe(200);
  await expect(agent.getByRole("heading", { level: 1 })).toHaveText(globexTitle);
  expect(await agent.content()).not.toContain(acmeSup1!.title);

  const requester = await as(USERS.globexRequester);
  expect((await requester.goto("/portal/tickets/SUP-1"))?.status()).toBe(200);
  await expect(requester.getByRole("heading", { level: 1 })).toHaveText(globexTitle);
  expect(await requester.content()).not.toContain(acmeSup1!.title);
});

// The agent is confined by project membership as well; the admin sees every
// project of the organization, so for them the tenant filter is the only guard.
for (const email of [USERS.globexAgent, USERS.globexAdmin]) {
  test(`[isolation] ${email}'s reply aimed at Acme's ticket id (tampered server action) is 'not found' and writes nothing`, async ({ as }) => {
    const globexId = await ticketId("globex", "SUP-1");
    const acmeCommentsBefore = await commentsOn(acme.id);
    const globexCommentsBefore = await commentsOn(globexId);
    const body = `Cross-tenant probe ${uniqueSuffix()}`;

    const page = await as(email);
    await page.goto("/tickets/SUP-1");

    let swapped = 0;
    await page.route("**/tickets/SUP-1", async (route) => {
      const request = route.request();
      const isAction = request.method() === "POST" && !!(await request.headerValue("next-action"));
      const data = request.postDataBuffer()?.toString("latin1") ?? "";
      // Only the reply (the page also sends other actions, e.g. its view count).
      if (!isAction || !data.includes(globexId) || !data.includes(body)) return route.continue();
      swapped++;
      await route.continue({ postData: Buffer.from(data.replaceAll(globexId, acme.id), "latin1") });
    });

    await page.getByLabel("Reply").fill(body);
    await page.getByRole("button", { name: "Send" }).click();
    await expect(page.getByText("Ticket not found")).toBeVisible();
    expect(swapped, "the server-action request was intercepted and rewritten").toBe(1);

    // Nothing landed anywhere: not on Acme's ticket, not on Globex's.
    expect(await commentsOn(acme.id)).toEqual(acmeCommentsBefore);
    expect(await commentsOn(globexId)).toEqual(globexCommentsBefore);
    expect(await sql(`SELECT 1 FROM "Comment" WHERE body = $1`, [body])).toHaveLength(0);
    // And the Acme title did not leak into the error or the refreshed page.
    expect(await page.content()).not.toContain(acme.title);
  });
}
