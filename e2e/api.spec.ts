import { createHash, randomBytes } from "node:crypto";
import AxeBuilder from "@axe-core/playwright";
import { test, expect, uniqueSuffix, USERS } from "./support/fixtures";
import { sql } from "./support/db";

// /api/v1 over HTTP on the production server (issue 15): a bearer token acts
// as its user; a browser session's cookie is never enough; what the API
// creates is on the desk; the documentation renders.

/** A token for `email` written as /settings/tokens would (only its SHA-256 stored); returns the secret. */
async function tokenFor(email: string, scope: "read" | "write"): Promise<string> {
  const secret = `hd_pat_${randomBytes(32).toString("base64url")}`;
  await sql(
    `INSERT INTO "ApiToken" ("id", "organizationId", "userId", "name", "prefix", "tokenHash", "scope", "createdAt")
     SELECT gen_random_uuid(), u."organizationId", u."id", $2, $3, $4, $5::"ApiTokenScope", now() FROM "User" u WHERE u."email" = $1`,
    [email, `e2e ${uniqueSuffix()}`, secret.slice(0, 13), createHash("sha256").update(secret).digest("hex"), scope],
  );
  return secret;
}

test("[api] a token reads and writes as its user; the ticket it creates is on the agent's desk; a signed-in browser's cookie gets 401", async ({ as, playwright, baseURL }) => {
  const api = await playwright.request.newContext({ baseURL });
  const requester = await tokenFor(USERS.acmeRequester, "write");
  const auth = { Authorization: `Bearer ${requester}` };

  const me = await api.get("/api/v1/me", { headers: auth });
  expect(me.status()).toBe(200);
  expect(await me.json()).toMatchObject({ email: USERS.acmeRequester, token: { scope: "write" } });

  const title = `Created over HTTP ${uniqueSuffix()}`;
  const created = await api.post("/api/v1/tickets", { headers: auth, data: { project: "SUP", title, description: "From monitoring", priority: "high" } });
  expect(created.status()).toBe(201);
  const ticket = await created.json();
  expect(created.headers()["location"]).toBe(`/api/v1/tickets/${ticket.number}`);
  expect(created.headers()["etag"]).toBe('"1"');

  const agent = await as(USERS.acmeAgent);
  await agent.goto(`/desk?q=${encodeURIComponent(title)}`);
  await expect(agent.getByRole("link", { name: title })).toBeVisible();

  // The agent's browser session is signed in, but the API never reads its cookie.
  const fromBrowser = await agent.request.get("/api/v1/me");
  expect(fromBrowser.status()).toBe(401);
  expect(fromBrowser.headers()["www-authenticate"]).toMatch(/^Bearer/);

  // A read-only token reads but never writes.
  const readOnly = { Authorization: `Bearer ${await tokenFor(USERS.acmeAgent, "read")}` };
  expect((await api.get(`/api/v1/tickets/${ticket.number}`, { headers: readOnly })).status()).toBe(200);
  const refused = await api.post(`/api/v1/tickets/${ticket.number}/replies`, { headers: readOnly, data: { body: "Looking" } });
  expect(refused.status()).toBe(403);
  expect((await refused.json()).error.code).toBe("FORBIDDEN");

  // Globex's token: Acme's ticket does not exist.
  const globex = { Authorization: `Bearer ${await tokenFor("agent@globex.test", "write")}` };
  expect((await api.get(`/api/v1/tickets/${ticket.number}`, { headers: globex })).status()).toBe(404);
  await api.dispose();
});

test("[api] malformed requests over HTTP are 4xx in the one error shape, never 500", async ({ playwright, baseURL }) => {
  const api = await playwright.request.newContext({ baseURL });
  const auth = { Authorization: `Bearer ${await tokenFor(USERS.acmeAgent, "write")}` };
  const cases: [string, () => Promise<{ status(): number; json(): Promise<unknown> }>][] = [
    ["not JSON", () => api.post("/api/v1/tickets", { headers: { ...auth, "Content-Type": "application/json" }, data: "{oops" })],
    ["text/plain", () => api.post("/api/v1/tickets", { headers: { ...auth, "Content-Type": "text/plain" }, data: "{}" })],
    ["a NUL in the title", () => api.post("/api/v1/tickets", { headers: auth, data: { project: "SUP", title: "a\u0000b" } })],
    ["limit=1000", () => api.get("/api/v1/tickets?limit=1000", { headers: auth })],
    ["a junk cursor", () => api.get("/api/v1/tickets?cursor=%E0%A4", { headers: auth })],
    ["a %-escape in the path", () => api.get("/api/v1/tickets/%E0%A4", { headers: auth })],
    ["a 60-character ref", () => api.get(`/api/v1/tickets/${"A".repeat(61)}`, { headers: auth })],
    ["If-Match garbage", () => api.patch("/api/v1/tickets/SUP-1", { headers: { ...auth, "If-Match": "x" }, data: { priority: "low" } })],
    ["a bearer with spaces", () => api.get("/api/v1/me", { headers: { Authorization: "Bearer a b c" } })],
  ];
  for (const [label, run] of cases) {
    const res = await run();
    expect(res.status(), label).toBeGreaterThanOrEqual(400);
    expect(res.status(), label).toBeLessThan(500);
    const body = (await res.json().catch(() => null)) as { error?: { code: string; message: string } } | null;
    if (res.status() !== 404 || body) expect(body?.error?.message, label).toEqual(expect.any(String));
  }
  await api.dispose();
});

test("[api] /api/docs lists every operation from the document, readable signed out, and passes axe", async ({ page, playwright, baseURL }) => {
  const api = await playwright.request.newContext({ baseURL });
  const doc = (await (await api.get("/api/v1/openapi.json")).json()) as { openapi: string; paths: Record<string, Record<string, { operationId: string }>> };
  expect(doc.openapi).toBe("3.1.0");
  await page.goto("/api/docs");
  await expect(page.getByRole("heading", { name: "API documentation", level: 1 })).toBeVisible();
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      await expect(page.getByRole("article", { name: new RegExp(`^${method}\\s*/api/v1${path.replace(/[{}]/g, "\\$&")}\\s*—`, "i") }), op.operationId).toBeVisible();
    }
  }
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
  await api.dispose();
});
