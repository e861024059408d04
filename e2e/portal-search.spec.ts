import { test, expect, createSupportRequest, uniqueSuffix, USERS } from "./support/fixtures";

// /portal: a requester finds their own requests by a word of the title or the
// number, and keeps open or closed ones (issue 14); a bad search says why next
// to the field.

test("[portal] a requester searches their requests by title or number and filters open or closed", async ({ as }) => {
  const requester = await as(USERS.acmeRequester);
  const word = `Wombat${uniqueSuffix().replace(/\W/g, "")}`;
  const title = `${word} label printer prints blank pages`;
  const number = await createSupportRequest(requester, { title });

  await requester.goto("/portal");
  const search = requester.getByRole("search", { name: "Filter my requests" });
  await search.getByLabel("Search my requests").fill(word.toLowerCase());
  await search.getByRole("button", { name: "Search" }).click();
  await requester.waitForURL(/[?&]q=/);
  const table = requester.getByRole("table", { name: "My requests" });
  await expect(table.getByRole("link", { name: title })).toBeVisible();
  await expect(table.getByRole("row")).toHaveCount(2); // the header and the one match

  await requester.goto(`/portal?q=${encodeURIComponent(number)}&state=open`);
  await expect(table.getByRole("link", { name: title })).toBeVisible();
  await expect(requester.getByLabel("Status")).toHaveValue("open");

  // A new request is open work: not among the closed ones.
  await requester.goto(`/portal?q=${encodeURIComponent(word)}&state=closed`);
  await expect(requester.getByText("None of your requests matches.")).toBeVisible();
  await requester.getByRole("link", { name: "Show all" }).click();
  await requester.waitForURL(/\/portal$/);

  // Another requester's search never finds it.
  const other = await as(USERS.acmeRequester2);
  await other.goto(`/portal?q=${encodeURIComponent(word)}`);
  await expect(other.getByText("None of your requests matches.")).toBeVisible();

  // What cannot be a search is said next to the field, and the page still lists.
  await requester.goto("/portal?q=a%00b");
  await expect(requester.getByRole("searchbox", { name: "Search my requests" })).toHaveAccessibleDescription(/NUL/);
  await expect(requester.getByRole("table", { name: "My requests" })).toBeVisible();
});
