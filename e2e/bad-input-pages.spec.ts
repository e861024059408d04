import { test, expect, USERS } from "./support/fixtures";
import { sql } from "./support/db";

// Malformed input from outside — a broken %-escape in a path, a NUL byte, a
// year PostgreSQL cannot store, a forged cursor — must answer a clear 4xx or
// render the page with a message: never a 500. Requests go through the signed-in
// page's request context (same cookies) so statuses are checked directly.

const cursor = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
const rawCursor = (text: string) => Buffer.from(text).toString("base64url");
const DASHES = "-".repeat(36);
const UUID = "0196f5a0-0000-7000-8000-000000000000";

test.describe("[desk] an agent's pages never answer 500 on malformed input", () => {
  // Next decodes the segment once: "%25E0" reaches the page as "%E0", whose
  // decodeURIComponent threw in generateMetadata (the title went missing and
  // the error was logged). The page says "Not found" in its title and body.
  for (const path of ["/tickets/%25E0", "/tickets/SUP-1%25E0%25A4", "/portal/tickets/%25E0", "/board/%25E0"]) {
    test(`${path} is not found, title included`, async ({ as }) => {
      const page = await as(USERS.acmeAgent);
      const res = await page.goto(path);
      expect(res?.status(), path).toBe(404);
      await expect(page.getByRole("heading", { name: /Not found|No such board/ })).toBeVisible();
      await expect(page).toHaveTitle(/\S/);
      if (path.includes("tickets")) await expect(page).toHaveTitle(/Not found/);
    });
  }

  // A raw malformed escape fails in Next's own router (DecodeError while it
  // matches the dynamic segment; it then answered a plain-text 500) before any
  // page code runs. The proxy, which runs before that matching, answers 404.
  for (const path of ["/tickets/%E0", "/portal/tickets/%E0", "/board/%E0", "/api/attachments/%E0"]) {
    test(`${path} is not found`, async ({ as }) => {
      const page = await as(USERS.acmeAgent);
      expect((await page.request.get(path)).status(), path).toBe(404);
    });
  }

  const rendered = [
    "/desk?q=%00",
    "/desk?q=SUP-1%00",
    "/desk?tag=%00",
    `/desk?assignee=${DASHES}`,
    `/desk?requester=${DASHES}`,
    "/desk?createdFrom=0000-01-01",
    "/desk?updatedTo=0000-12-31",
    `/desk?q=${"x".repeat(5_000)}`,
    "/desk?q=printer&q=%00&status=open&status=bogus",
    `/desk?cursor=${cursor(["updated", "not a date", UUID])}`,
    `/desk?cursor=${cursor(["updated", "0000-01-01T00:00:00.000Z", UUID])}`,
    `/desk?cursor=${cursor(["updated", "2026-01-01T00:00:00.000Z", DASHES])}`,
    `/desk?sort=priority&cursor=${cursor(["priority", "bogus", "2026-01-01T00:00:00.000Z", UUID])}`,
    `/desk?sort=number&cursor=${cursor(["number", 1e20, UUID])}`,
    `/desk?sort=number&cursor=${cursor(["number", "1\u0000", UUID])}`,
    `/desk?sort=status&cursor=${cursor(["status", "sleeping", "2026-01-01T00:00:00.000Z", UUID])}`,
    `/desk?sort=requester&cursor=${cursor(["requester", DASHES, "2026-01-01T00:00:00.000Z", UUID])}`,
    `/desk?sort=requester&cursor=${cursor(["requester", UUID, "2026-01-01T00:00:00.000Z", UUID])}`,
    `/desk?sort=assignee&cursor=${cursor(["assignee", null, "not a date", UUID])}`,
    "/desk?cursor=%00",
    "/board/SUP?q=%00",
    "/board/SUP?tag=%00",
    `/board/SUP?assignee=${DASHES}`,
    "/board/ENG?q=%00&q=printer",
  ];
  for (const path of rendered) {
    test(`${path.slice(0, 90)} renders`, async ({ as }) => {
      const page = await as(USERS.acmeAgent);
      const res = await page.request.get(path);
      expect(res.status(), path).toBe(200);
    });
  }

  test("a NUL byte in the desk search is named next to the search box", async ({ as }) => {
    const page = await as(USERS.acmeAgent);
    const res = await page.goto("/desk?q=printer%00");
    expect(res?.status()).toBe(200);
    await expect(page.getByRole("searchbox", { name: "Search" })).toHaveAccessibleDescription("Text cannot contain a NUL character");
    // The table still renders (unsearched) rather than an error page.
    await expect(page.getByRole("table", { name: "Tickets" })).toBeVisible();
  });
});

test.describe("[portal] a requester's pages never answer 500 on malformed input", () => {
  const paths = [
    `/portal?cursor=${rawCursor(`2026-01-01T00:00:00.000Z|${DASHES}`)}`,
    `/portal?cursor=${rawCursor(`0000-01-01T00:00:00.000Z|${UUID}`)}`,
    `/portal?cursor=${rawCursor(`2026-01-01T00:00:00.000Z|${UUID}\u0000`)}`,
    "/portal?cursor=%00&cursor=x",
  ];
  for (const path of paths) {
    test(`${path} renders`, async ({ as }) => {
      const page = await as(USERS.acmeRequester);
      const res = await page.request.get(path);
      expect(res.status(), path).toBe(200);
    });
  }
  test("/portal/tickets/%25E0 is not found", async ({ as }) => {
    const page = await as(USERS.acmeRequester);
    expect((await page.request.get("/portal/tickets/%25E0")).status()).toBe(404);
  });
});

test.describe("[api] route handlers answer 4xx with a message on malformed input", () => {
  for (const path of ["/api/tickets/search?q=SUP-1%00", "/api/tickets/search?q=%00printer", `/api/tickets/search?q=a&exclude=${DASHES}`, "/api/staff/search?q=ma%00", "/api/staff/search?limit=500", "/api/staff/search?for=mention&ticket=nope", "/api/staff/search?for=everyone", "/api/tags/search?q=n%00", `/api/tags/search?q=${"x".repeat(60)}`]) {
    test(`${path} is a 400 with a message`, async ({ as }) => {
      const page = await as(USERS.acmeAgent);
      const res = await page.request.get(path);
      expect(res.status(), path).toBe(400);
      const body = await res.json();
      expect(body.message, path).toMatch(/[a-z] [a-z]/i);
    });
  }

  const exports = [
    ["/desk/export?q=%00", "q", "Text cannot contain a NUL character"],
    ["/desk/export?tag=%00", "tag", "Text cannot contain a NUL character"],
    ["/desk/export?createdFrom=0000-01-01", "createdFrom", "The date must be between 1900 and 9999"],
    [`/desk/export?assignee=${DASHES}`, "assignee", null],
    ["/desk/export?status=bogus", "status", null],
  ] as const;
  for (const [path, field, message] of exports) {
    test(`${path} is refused with a 400 before anything streams`, async ({ as }) => {
      const page = await as(USERS.acmeAgent);
      const res = await page.request.get(path);
      expect(res.status(), path).toBe(400);
      expect(res.headers()["content-type"]).not.toContain("text/csv");
      const text = await res.text();
      expect(text).toContain(field);
      if (message) expect(text).toContain(message);
    });
  }

  test("a valid export still streams the CSV and writes its audit row", async ({ as }) => {
    const page = await as(USERS.acmeAgent);
    const count = async () => Number((await sql<{ n: string }>(`SELECT count(*) AS n FROM "AuditLog" WHERE action = 'desk.export'`))[0]!.n);
    const before = await count();
    const res = await page.request.get("/desk/export?status=open&q=printer");
    expect(res.status()).toBe(200);
    expect(res.headers()["content-type"]).toContain("text/csv");
    expect((await res.text()).split(/\r?\n/)[0]).toBe("number,title,status,priority,requester,assignee,project,created,updated");
    await expect.poll(count).toBe(before + 1);
  });

  for (const path of ["/api/attachments/%25E0", `/api/attachments/${DASHES}`, "/api/attachments/%00"]) {
    test(`${path} is not found`, async ({ as }) => {
      const page = await as(USERS.acmeAgent);
      expect((await page.request.get(path)).status(), path).toBe(404);
    });
  }

  test("an upload with a NUL in its target is a 400", async ({ as }) => {
    const page = await as(USERS.acmeAgent);
    const res = await page.request.post("/api/uploads?ticketId=%00&purpose=ticket", { headers: { "X-Filename": "a.txt", "Content-Type": "text/plain" }, data: "hello" });
    expect(res.status()).toBe(400);
  });
});
