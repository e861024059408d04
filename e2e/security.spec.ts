import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import path from "node:path";
import type { AddressInfo } from "node:net";
import { request as playwrightRequest, type APIRequestContext } from "@playwright/test";
import { test, expect, signIn, submitSignIn, signInAlert, uniqueSuffix, DEMO_PASSWORD, GENERIC_SIGN_IN_ERROR, USERS } from "./support/fixtures";
import { cloneUser, sql } from "./support/db";
import { startSecondInstance } from "./support/second-instance";

// Issue 11: the doors found from outside — open redirect after sign-in,
// sessions that outlived sign-out, no brute-force limit, no security headers.

const PORT = Number(process.env.E2E_PORT ?? 3100);
const ORIGIN = `http://localhost:${PORT}`;

/** Signs in through next-auth's credentials endpoint, as the login form does; true when a session was opened. */
async function apiSignIn(api: APIRequestContext, email: string, password = DEMO_PASSWORD): Promise<boolean> {
  const { csrfToken } = (await (await api.get("/api/auth/csrf")).json()) as { csrfToken: string };
  await api.post("/api/auth/callback/credentials", { form: { csrfToken, email, password, json: "true" }, maxRedirects: 0 });
  const session = (await (await api.get("/api/auth/session")).json()) as { user?: { email?: string } };
  return session.user?.email === email;
}

test.describe("[security] after sign-in only same-site paths are followed", () => {
  const evil = ["%2F%09%2Fevil.example%2F", "%2F%09%5Cevil.example%2F", "%2F%0A%2Fevil.example%2F", "%2F%2Fevil.example", "%2F.%2F%2Fevil.example", "https%3A%2F%2Fevil.example%2F"];

  for (const raw of evil) {
    test(`[security] a signed-in user opening /login?callbackUrl=${raw} stays on this site`, async ({ as }) => {
      const page = await as(USERS.acmeAgent);
      const response = await page.goto(`/login?callbackUrl=${raw}`);
      expect(response?.status()).toBeLessThan(500);
      expect(new URL(page.url()).origin).toBe(ORIGIN);
    });
  }

  test("[security] signing in through the form with a tab-smuggled callback lands on the desk, not evil.example", async ({ anonymous }) => {
    const page = await anonymous();
    await page.goto("/login?callbackUrl=%2F%09%2Fevil.example%2F");
    await page.getByLabel("Email").fill(USERS.acmeAgent);
    await page.getByLabel("Password").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(/\/desk$/);
    expect(new URL(page.url()).origin).toBe(ORIGIN);
  });

  test("[security] a same-site callback is still followed", async ({ anonymous }) => {
    const page = await anonymous();
    await page.goto("/login?callbackUrl=%2Fnotifications");
    await page.getByLabel("Email").fill(USERS.acmeRequester);
    await page.getByLabel("Password").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(/\/notifications$/);
  });
});

test.describe("[security] sessions end on the server", () => {
  test("[security] after sign-out the old session cookie opens neither /portal nor /api/notifications", async ({ anonymous, playwright }) => {
    const page = await anonymous();
    await signIn(page, USERS.acmeRequester);
    const kept = await page.context().storageState();
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.waitForURL(/\/login/);

    // The cookie as it was before sign-out, replayed by someone who kept it.
    const replay = await playwright.request.newContext({ baseURL: ORIGIN, storageState: kept });
    const portal = await replay.get("/portal", { maxRedirects: 0 });
    expect(portal.status()).toBe(307);
    expect(portal.headers()["location"]).toMatch(/\/login/);
    expect((await replay.get("/api/notifications")).status()).toBe(401);
    await replay.dispose();

    const [row] = await sql<{ n: number }>(`SELECT count(*)::int AS n FROM "AuditLog" a JOIN "User" u ON u.id = a."actorId" WHERE u.email = $1 AND a.action = 'auth.sign_out'`, [USERS.acmeRequester]);
    expect(row!.n).toBeGreaterThan(0);
  });

  test("[security] changing the password signs out every other browser, not this one", async ({ anonymous }) => {
    const email = `pw-change-${uniqueSuffix()}@acme.test`;
    await cloneUser(USERS.acmeRequester, email, "Pat Password");
    const here = await anonymous();
    const there = await anonymous();
    await signIn(here, email);
    await signIn(there, email);

    await here.goto("/settings/password");
    await here.getByLabel("Current password").fill("not-my-password");
    await here.getByLabel("New password", { exact: true }).fill("another-password-9");
    await here.getByLabel("Confirm new password").fill("another-password-9");
    await here.getByRole("button", { name: "Change password" }).click();
    // A wrong current password: message next to the field, input kept.
    await expect(here.getByLabel("Current password")).toHaveAccessibleDescription("This is not your current password");
    await expect(here.getByLabel("New password", { exact: true })).toHaveValue("another-password-9");

    await here.getByLabel("Current password").fill(DEMO_PASSWORD);
    await here.getByRole("button", { name: "Change password" }).click();
    await expect(here.getByRole("status")).toContainText("Your password has been changed. One other browser was signed out.");

    await there.goto("/portal");
    await expect(there).toHaveURL(/\/login/);
    await here.goto("/portal");
    await expect(here.getByRole("heading", { name: "My requests" })).toBeVisible();

    const fresh = await anonymous();
    await submitSignIn(fresh, email, DEMO_PASSWORD);
    await expect(signInAlert(fresh)).toHaveText(GENERIC_SIGN_IN_ERROR);
    await signIn(fresh, email, "another-password-9");
  });
});

test.describe("[security] sign-in limits are shared by every instance", () => {
  test("[security] wrong passwords spread over two app instances lock the account on both; the message stays generic", async () => {
    test.setTimeout(120_000);
    const email = `brute-${uniqueSuffix()}@acme.test`;
    await cloneUser(USERS.acmeRequester, email, "Brute Force Target"); // not staff: other specs count the staff they see
    // The second instance is told it is served over HTTPS: it also shows HSTS.
    const second = await startSecondInstance(PORT + 50, { APP_URL: "https://helpdesk.example.test" });
    const a = await playwrightRequest.newContext({ baseURL: ORIGIN });
    const b = await playwrightRequest.newContext({ baseURL: second.baseURL });
    try {
      // Five wrong passwords, alternating between the instances.
      for (let i = 0; i < 5; i++) expect(await apiSignIn(i % 2 ? b : a, email, `guess-${i}`)).toBe(false);
      // The right password now fails on both, though neither saw five failures itself.
      expect(await apiSignIn(a, email)).toBe(false);
      expect(await apiSignIn(b, email)).toBe(false);

      const rows = await sql<{ reason: string; limit: string | null }>(
        `SELECT data->>'reason' AS reason, data->>'limit' AS limit FROM "AuditLog" WHERE action = 'auth.sign_in_failed' AND data->>'email' = $1 ORDER BY "createdAt", id`,
        [email],
      );
      expect(rows.map((r) => r.reason)).toEqual(["wrong_password", "wrong_password", "wrong_password", "wrong_password", "wrong_password", "locked", "locked"]);
      expect(rows[4]!.limit).toBe("account");

      // Only the instance told it is served over HTTPS sends HSTS.
      const hsts = (await b.get("/login")).headers()["strict-transport-security"];
      expect(hsts).toMatch(/max-age=\d+/);
      expect((await a.get("/login")).headers()["strict-transport-security"]).toBeUndefined();

      // When the lock has passed (moved into the past here), the right password works again — on either instance.
      await sql(`UPDATE "SignInThrottle" SET "lockedUntil" = now() AT TIME ZONE 'UTC' - interval '1 second' WHERE key = $1`, [`account:${email}`]);
      expect(await apiSignIn(b, email)).toBe(true);
    } finally {
      await a.dispose();
      await b.dispose();
      await second.stop();
      // Leave the loopback address's count as it was for the other specs.
      await sql(`DELETE FROM "SignInThrottle" WHERE key LIKE 'address:%'`);
    }
  });

  test("[security] the sign-in form says the same thing while an account is locked", async ({ anonymous }) => {
    const email = `locked-form-${uniqueSuffix()}@acme.test`;
    await cloneUser(USERS.acmeRequester, email, "Locked Form");
    await sql(`INSERT INTO "SignInThrottle" (key, failures, "lastFailureAt", "lockedUntil") VALUES ($1, 9, now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC' + interval '10 minutes')`, [`account:${email}`]);
    const page = await anonymous();
    await submitSignIn(page, email, DEMO_PASSWORD);
    await expect(signInAlert(page)).toHaveText(GENERIC_SIGN_IN_ERROR);
    await expect(page).toHaveURL(/\/login/);
  });
});

test.describe("[security] headers on every surface", () => {
  type Who = "agent" | "requester" | "anonymous";
  type Surface = { path: string | (() => Promise<string>); who: Who; kind: "page" | "route"; method?: "GET" | "POST" };
  const requesterTicket = async () => {
    const [row] = await sql<{ number: string }>(
      `SELECT t.number FROM "Ticket" t JOIN "User" u ON u.id = t."requesterId" WHERE u.email = $1 AND t."deletedAt" IS NULL ORDER BY t."createdAt" LIMIT 1`,
      [USERS.acmeRequester],
    );
    return `/portal/tickets/${row!.number}`;
  };
  // Every page and route handler of the build (app-paths-manifest.json), each
  // with a URL to open it by: a new one fails the test until it is listed here.
  const SURFACES: Record<string, Surface> = {
    "/page": { path: "/", who: "agent", kind: "page" },
    "/(auth)/login/page": { path: "/login", who: "anonymous", kind: "page" },
    "/(auth)/forgot-password/page": { path: "/forgot-password", who: "anonymous", kind: "page" },
    // A well-formed link nobody was sent: the page saying the link is not valid.
    "/(auth)/invite/[token]/page": { path: `/invite/${"A".repeat(43)}`, who: "anonymous", kind: "page" },
    "/(auth)/reset/[token]/page": { path: `/reset/${"A".repeat(43)}`, who: "anonymous", kind: "page" },
    "/(auth)/confirm/[token]/page": { path: `/confirm/${"A".repeat(43)}`, who: "anonymous", kind: "page" },
    // Self-registration is off on this server (the installation's default) and Acme has not opened its sign-up page: both answer 404.
    "/(auth)/register/page": { path: "/register", who: "anonymous", kind: "page" },
    "/(auth)/register/[orgSlug]/page": { path: "/register/acme", who: "anonymous", kind: "page" },
    // Administration answers 404 (the not-found page, with its scripts) to everyone without org.manage.
    "/(admin)/admin/page": { path: "/admin", who: "agent", kind: "page" },
    "/(admin)/admin/users/page": { path: "/admin/users", who: "agent", kind: "page" },
    "/(admin)/admin/roles/page": { path: "/admin/roles", who: "agent", kind: "page" },
    "/(admin)/admin/projects/page": { path: "/admin/projects", who: "agent", kind: "page" },
    "/(admin)/admin/projects/[key]/page": { path: "/admin/projects/SUP", who: "agent", kind: "page" },
    "/(admin)/admin/tags/page": { path: "/admin/tags", who: "agent", kind: "page" },
    "/(admin)/admin/assets/page": { path: "/admin/assets", who: "agent", kind: "page" },
    "/(admin)/admin/assets/new/page": { path: "/admin/assets/new", who: "agent", kind: "page" },
    "/(admin)/admin/assets/[id]/page": { path: "/admin/assets/0195f0b4-0000-7000-8000-000000000000", who: "agent", kind: "page" },
    "/(admin)/admin/teams/page": { path: "/admin/teams", who: "agent", kind: "page" },
    "/(admin)/admin/teams/[id]/page": { path: "/admin/teams/0195f0b4-0000-7000-8000-000000000000", who: "agent", kind: "page" },
    "/(admin)/admin/contacts/page": { path: "/admin/contacts", who: "agent", kind: "page" },
    "/(admin)/admin/settings/page": { path: "/admin/settings", who: "agent", kind: "page" },
    "/(admin)/admin/audit/page": { path: "/admin/audit", who: "agent", kind: "page" },
    "/(admin)/admin/tokens/page": { path: "/admin/tokens", who: "agent", kind: "page" },
    "/(admin)/admin/audit/export/route": { path: "/admin/audit/export", who: "agent", kind: "route" },
    "/api/admin/audit/actors/route": { path: "/api/admin/audit/actors?q=ad", who: "agent", kind: "route" },
    "/api/admin/projects/member-candidates/route": { path: "/api/admin/projects/member-candidates?project=SUP&q=ri", who: "agent", kind: "route" },
    "/api/admin/teams/member-candidates/route": { path: "/api/admin/teams/member-candidates?team=0195f0b4-0000-7000-8000-000000000000&q=ma", who: "agent", kind: "route" },
    "/api/admin/contacts/requesters/route": { path: "/api/admin/contacts/requesters?q=ri", who: "agent", kind: "route" },
    "/api/admin/users/[id]/memberships/route": { path: "/api/admin/users/0195f0b4-0000-7000-8000-000000000000/memberships", who: "agent", kind: "route" },
    "/(account)/notifications/page": { path: "/notifications", who: "requester", kind: "page" },
    "/(account)/settings/notifications/page": { path: "/settings/notifications", who: "requester", kind: "page" },
    "/(account)/settings/password/page": { path: "/settings/password", who: "requester", kind: "page" },
    "/(account)/settings/tokens/page": { path: "/settings/tokens", who: "requester", kind: "page" },
    "/(desk)/board/page": { path: "/board", who: "agent", kind: "page" },
    "/(desk)/board/[projectKey]/page": { path: "/board/SUP", who: "agent", kind: "page" },
    "/(desk)/desk/page": { path: "/desk", who: "agent", kind: "page" },
    "/(desk)/settings/canned-responses/page": { path: "/settings/canned-responses", who: "agent", kind: "page" },
    "/(desk)/tickets/[number]/page": { path: "/tickets/SUP-3", who: "agent", kind: "page" },
    "/(portal)/portal/page": { path: "/portal", who: "requester", kind: "page" },
    "/(portal)/portal/new/page": { path: "/portal/new", who: "requester", kind: "page" },
    "/(portal)/portal/tickets/[number]/page": { path: requesterTicket, who: "requester", kind: "page" },
    "/_not-found/page": { path: "/no-such-page", who: "agent", kind: "page" },
    "/(desk)/desk/export/route": { path: "/desk/export", who: "agent", kind: "route" },
    "/api/assets/search/route": { path: "/api/assets/search?q=srv", who: "requester", kind: "route" },
    "/api/assets/[id]/components/route": { path: "/api/assets/0195f0b4-0000-7000-8000-000000000000/components", who: "requester", kind: "route" },
    "/api/changes/check-items/route": { path: "/api/changes/check-items", who: "requester", kind: "route", method: "POST" },
    // Signed out: the stream itself never ends, its refusal does.
    "/api/live/route": { path: "/api/live?ticket=SUP-3", who: "anonymous", kind: "route" },
    "/api/live/presence/route": { path: "/api/live/presence", who: "agent", kind: "route", method: "POST" },
    "/api/board/[projectKey]/cards/route": { path: "/api/board/SUP/cards?ids=", who: "agent", kind: "route" },
    "/api/desk/boxes/route": { path: "/api/desk/boxes", who: "agent", kind: "route" },
    "/api/customers/search/route": { path: "/api/customers/search?q=ini", who: "requester", kind: "route" },
    "/api/canned-responses/search/route": { path: "/api/canned-responses/search?q=greet", who: "agent", kind: "route" },
    "/api/attachments/[id]/route": { path: "/api/attachments/0195f0b4-0000-7000-8000-000000000000", who: "agent", kind: "route" },
    "/api/auth/[...nextauth]/route": { path: "/api/auth/csrf", who: "anonymous", kind: "route" },
    "/api/notifications/route": { path: "/api/notifications", who: "requester", kind: "route" },
    "/api/staff/search/route": { path: "/api/staff/search?q=ma", who: "agent", kind: "route" },
    "/api/tags/search/route": { path: "/api/tags/search?q=net", who: "agent", kind: "route" },
    "/api/tickets/search/route": { path: "/api/tickets/search?q=printer", who: "agent", kind: "route" },
    "/api/uploads/route": { path: "/api/uploads", who: "agent", kind: "route", method: "POST" },
    // /api/v1 answers a signed-out caller 401 (a bearer token is its only credential); /api/docs is a public page.
    "/api/v1/[...path]/route": { path: "/api/v1/me", who: "anonymous", kind: "route" },
    "/api/v1/openapi.json/route": { path: "/api/v1/openapi.json", who: "anonymous", kind: "route" },
    "/api/docs/page": { path: "/api/docs", who: "anonymous", kind: "page" },
    "/icon.svg/route": { path: "/icon.svg", who: "anonymous", kind: "route" },
  };

  function expectConstantHeaders(headers: Record<string, string>, what: string) {
    expect(headers["x-content-type-options"], what).toBe("nosniff");
    expect(headers["x-frame-options"], what).toBe("DENY");
    expect(headers["referrer-policy"], what).toBe("same-origin");
  }

  test("[security] every page and route of the build carries its headers; pages a nonce policy their scripts match", async ({ as, playwright }) => {
    const manifest = JSON.parse(readFileSync(path.join(process.cwd(), ".next/server/app-paths-manifest.json"), "utf8")) as Record<string, string>;
    // The global error page is what a failed render shows: no request may reach it on purpose.
    const built = Object.keys(manifest).filter((k) => k !== "/_global-error/page");
    expect(Object.keys(SURFACES).sort(), "every page and route handler of the build is listed").toEqual(built.sort());

    const clients: Record<Who, APIRequestContext> = {
      agent: await playwright.request.newContext({ baseURL: ORIGIN, storageState: await (await as(USERS.acmeAgent)).context().storageState() }),
      requester: await playwright.request.newContext({ baseURL: ORIGIN, storageState: await (await as(USERS.acmeRequester)).context().storageState() }),
      anonymous: await playwright.request.newContext({ baseURL: ORIGIN }),
    };
    let pagesWithScripts = 0;
    try {
      for (const [key, s] of Object.entries(SURFACES)) {
        const url = typeof s.path === "string" ? s.path : await s.path();
        const client = clients[s.who];
        const r = s.method === "POST" ? await client.post(url, { multipart: {}, maxRedirects: 0 }) : await client.get(url, { maxRedirects: 0 });
        const what = `${key} (${url}: ${r.status()})`;
        expect(r.status(), what).toBeLessThan(500);
        const h = r.headers();
        expectConstantHeaders(h, what);
        const csp = h["content-security-policy"] ?? "";
        if (s.kind === "route") {
          // JSON and files: either the page policy (through the proxy) or none-at-all (uploads, static).
          if (csp) expect(csp, what).toContain("frame-ancestors 'none'");
          continue;
        }
        expect(csp, what).toContain("frame-ancestors 'none'");
        const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
        expect(nonce, what).toBeTruthy();
        if (r.status() >= 300 && r.status() < 400) continue;
        const scripts = [...(await r.text()).matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
        expect(scripts.length, what).toBeGreaterThan(0);
        for (const tag of scripts) expect(tag, `${what}: ${tag}`).toContain(`nonce="${nonce}"`);
        pagesWithScripts++;
      }
      // A fresh nonce per response.
      const first = (await clients.agent.get("/desk")).headers()["content-security-policy"];
      expect((await clients.agent.get("/desk")).headers()["content-security-policy"]).not.toBe(first);
    } finally {
      for (const c of Object.values(clients)) await c.dispose();
    }
    expect(pagesWithScripts).toBeGreaterThanOrEqual(12);
  });

  test("[security] uploads, the signed-out redirect and static files carry the headers too", async ({ as, playwright }) => {
    const page = await as(USERS.acmeAgent);
    const api = await playwright.request.newContext({ baseURL: ORIGIN, storageState: await page.context().storageState() });
    const anonymousApi = await playwright.request.newContext({ baseURL: ORIGIN });
    try {
      const upload = await api.post("/api/uploads", { multipart: {} });
      expect(upload.status()).toBeGreaterThanOrEqual(400);
      expect(upload.status()).toBeLessThan(500);
      expect(upload.headers()["content-security-policy"]).toContain("default-src 'none'");

      // A download keeps the sandboxing policy of its own route (the page policy must not replace it).
      const [ticket] = await sql<{ id: string }>(`SELECT t.id FROM "Ticket" t JOIN "Organization" o ON o.id = t."organizationId" WHERE o.slug = 'acme' AND t.number = 'SUP-3'`);
      const sent = await api.post(`/api/uploads?ticketId=${ticket!.id}&purpose=ticket`, { headers: { "X-Filename": "headers.txt", "Content-Type": "text/plain" }, data: "header check" });
      expect(sent.status()).toBe(201);
      const { attachment } = (await sent.json()) as { attachment: { id: string } };
      const download = await api.get(`/api/attachments/${attachment.id}`);
      expect(download.status()).toBe(200);
      expect(download.headers()["content-security-policy"]).toContain("sandbox");
      expect(download.headers()["content-security-policy"]).not.toContain("nonce-");
      expectConstantHeaders(download.headers(), "download");

      const redirect = await anonymousApi.get("/desk", { maxRedirects: 0 });
      expect(redirect.status()).toBe(307);
      expectConstantHeaders(redirect.headers(), "signed-out redirect");

      const html = await (await api.get("/desk")).text();
      const chunk = /src="(\/_next\/static\/[^"]+\.js)"/.exec(html)?.[1];
      expect(chunk).toBeTruthy();
      expectConstantHeaders((await api.get(chunk!)).headers(), chunk!);
    } finally {
      await api.dispose();
      await anonymousApi.dispose();
    }
  });

  test("[security] a page on another site cannot frame the signed-in portal", async ({ as }) => {
    const page = await as(USERS.acmeRequester);
    const framer: Server = createServer((_req, res) => {
      res.setHeader("Content-Type", "text/html");
      res.end(`<!doctype html><title>framer</title><iframe id="f" src="${ORIGIN}/portal" width="800" height="600"></iframe>`);
    });
    await new Promise<void>((resolve) => framer.listen(0, "127.0.0.1", resolve));
    try {
      const { port } = framer.address() as AddressInfo;
      await page.goto(`http://127.0.0.1:${port}/`);
      const frame = page.frames().find((f) => f !== page.mainFrame());
      expect(frame).toBeTruthy();
      await expect
        .poll(async () => frame!.url(), { timeout: 10_000 })
        .toMatch(/^chrome-error:|^about:blank$/);
      await expect(page.frameLocator("#f").getByRole("heading", { name: "My requests" })).toHaveCount(0);
    } finally {
      framer.close();
    }
  });

  test("[security] pages run under the policy without a single violation", async ({ as }) => {
    const page = await as(USERS.acmeAgent);
    const violations: string[] = [];
    page.on("console", (m) => {
      if (/Content Security Policy|Refused to/i.test(m.text())) violations.push(m.text());
    });
    for (const path of ["/desk", "/board/SUP", "/tickets/SUP-3", "/portal/new", "/settings/password"]) {
      await page.goto(path);
      await page.waitForLoadState("networkidle");
    }
    // Hydrated: the desk's search box takes "/" and the board's cards are draggable only after hydration.
    await page.goto("/desk");
    await expect(page.getByRole("searchbox", { name: "Search" }).or(page.getByLabel("Search"))).toBeVisible();
    expect(violations).toEqual([]);
  });
});
