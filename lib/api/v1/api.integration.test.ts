import { afterAll, beforeAll, describe, expect, it } from "vitest";
import Ajv2020 from "ajv/dist/2020";
import addFormats from "ajv-formats";
import { db } from "@/lib/db";
import { createApiToken, revokeApiToken } from "@/lib/domain/api-tokens/tokens";
import { createTicket } from "@/lib/domain/tickets/create-ticket";
import { addComment } from "@/lib/domain/tickets/add-comment";
import { seededDemo, type Demo } from "@/test/integration/helpers";
import { OPERATIONS } from "./registry";
import { openApiDocument } from "./openapi";
import { dispatch, match } from "./router";
import type { Method } from "./operation";

// /api/v1 end to end below HTTP: each operation's route handler called with
// a real Request and a real token on a real PostgreSQL. Every answer of a
// documented status is validated against the OpenAPI document itself (the
// contract), and the file fails unless every documented operation answered
// at least once with a success.

let demo: Demo;
const tokens: Record<string, string> = {};
const actor = (email: keyof Demo["actors"]) => demo.actors[email];
const doc = openApiDocument() as { paths: Record<string, Record<string, { responses: Record<string, { content?: { "application/json": { schema: object } } }> }>>; components: object };
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);
ajv.addSchema({ $id: "doc", components: doc.components });
const succeeded = new Set<string>();

async function tokenFor(email: keyof Demo["actors"], scope: "read" | "write" = "write"): Promise<string> {
  const key = `${email}:${scope}`;
  tokens[key] ??= (await createApiToken(actor(email), { name: `test ${key}`, expires: "30", scope })).secret;
  return tokens[key]!;
}

interface Answer {
  status: number;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  headers: Headers;
}

/** Sends a request through the API's router (as the route handler does) and checks the answer against the document. */
async function api(token: string | null, method: string, path: string, opts: { body?: unknown; raw?: string; headers?: Record<string, string> } = {}): Promise<Answer> {
  const [pathname] = path.split("?");
  const found = match(method, pathname!);
  if (!found || !("op" in found)) throw new Error(`No documented operation for ${method} ${path}`);
  const headers: Record<string, string> = { ...(token ? { Authorization: `Bearer ${token}` } : {}), ...(opts.body !== undefined || opts.raw !== undefined ? { "Content-Type": "application/json" } : {}), ...opts.headers };
  const request = new Request(`http://localhost/api/v1${path}`, { method, headers, ...(opts.raw !== undefined ? { body: opts.raw } : opts.body !== undefined ? { body: JSON.stringify(opts.body) } : {}) });
  const res = await dispatch(method as Method, request);
  const text = await res.text();
  const body = text && (res.headers.get("content-type") ?? "").includes("json") ? JSON.parse(text) : text || null;
  expect(res.status, `${method} ${path}: ${text}`).toBeLessThan(500);
  checkContract(found.op, res.status, body, `${method} ${path}`);
  return { status: res.status, body, headers: res.headers };
}

/** Holds an answer to the document: its status documented, its body valid against the documented schema. */
function checkContract(op: (typeof OPERATIONS)[number], status: number, body: unknown, what: string) {
  const documented = doc.paths[op.spec.path]![op.spec.method.toLowerCase()]!.responses[String(status)];
  expect(documented, `${what} answered ${status}, which ${op.spec.operationId} does not document`).toBeDefined();
  const schema = documented!.content?.["application/json"]?.schema;
  if (schema) {
    const validate = ajv.compile(rebase(schema));
    expect(validate(body), `${what} → ${status} does not match the document: ${ajv.errorsText(validate.errors)}\n${JSON.stringify(body)}`).toBe(true);
  }
  if (status < 300) succeeded.add(op.spec.operationId);
}

/** A schema from the document with its #/components refs pointing at the registered document. */
function rebase(schema: object): object {
  return JSON.parse(JSON.stringify(schema).replaceAll('"#/components/', '"doc#/components/'));
}

let supTicket: { id: string; number: string };
let otherRequesters: { id: string; number: string };
let globexTicket: { id: string; number: string };

beforeAll(async () => {
  demo = await seededDemo();
  supTicket = await createTicket(actor("requester@acme.test"), { requestType: "support", title: "API: printer on fire", description: "Smoke" });
  otherRequesters = await createTicket(actor("requester2@acme.test"), { requestType: "support", title: "API: requester2's own", description: "Mine" });
  globexTicket = await createTicket(actor("requester@globex.test"), { requestType: "support", title: "API: Globex secret", description: "Theirs" });
  await addComment(actor("agent@acme.test"), { ticketId: supTicket.id, body: "Internal: vendor bug 4711", internal: true });
  await addComment(actor("agent@acme.test"), { ticketId: supTicket.id, body: "We are looking into it." });
});

afterAll(() => {
  // The contract covers the whole API: every documented operation answered with a success at least once.
  expect([...succeeded].sort()).toEqual(OPERATIONS.map((o) => o.spec.operationId).sort());
});

describe("authentication", () => {
  it("no token, a malformed one, an unknown one: 401 with a Bearer challenge; a cookie is never read", async () => {
    for (const token of [null, "nope", "hd_pat_" + "x".repeat(43)]) {
      const res = await api(token, "GET", "/me");
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe("UNAUTHENTICATED");
      expect(res.headers.get("www-authenticate")).toMatch(/^Bearer realm="api"/);
    }
  });

  it("GET /me is the token's user with live permissions; a role change shows at once; revoked or deactivated stops it", async () => {
    const token = await tokenFor("tech@acme.test", "read");
    const me = await api(token, "GET", "/me");
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ email: "tech@acme.test", token: { scope: "read" } });
    expect(me.body.permissions).not.toContain("org.manage");

    const tech = await db.user.findUniqueOrThrow({ where: { email: "tech@acme.test" }, select: { id: true, roleId: true } });
    const agentRole = await db.role.findFirstOrThrow({ where: { organizationId: demo.acme.id, name: "Agent" }, select: { id: true } });
    await db.user.update({ where: { id: tech.id }, data: { roleId: agentRole.id } });
    try {
      expect((await api(token, "GET", "/me")).body.role).toBe("Agent");
    } finally {
      await db.user.update({ where: { id: tech.id }, data: { roleId: tech.roleId } });
    }

    await db.user.update({ where: { id: tech.id }, data: { active: false } });
    try {
      expect((await api(token, "GET", "/me")).status).toBe(401);
    } finally {
      await db.user.update({ where: { id: tech.id }, data: { active: true } });
    }
    const revoked = (await createApiToken(actor("tech@acme.test"), { name: "to revoke", expires: "7", scope: "read" }));
    expect((await api(revoked.secret, "GET", "/me")).status).toBe(200);
    await revokeApiToken(actor("tech@acme.test"), { tokenId: revoked.token.id });
    expect((await api(revoked.secret, "GET", "/me")).status).toBe(401);
  });

  it("a read-only token is refused every write (403) before anything is read or written", async () => {
    const token = await tokenFor("agent@acme.test", "read");
    const before = await db.ticket.count();
    const res = await api(token, "POST", "/tickets", { body: { project: "SUP", title: "From a read token", description: "x" } });
    expect(res.status).toBe(403);
    expect(res.body.error.message).toMatch(/read-only/);
    expect(await db.ticket.count()).toBe(before);
    expect((await api(token, "POST", `/tickets/${supTicket.number}/replies`, { body: { body: "hi" } })).status).toBe(403);
  });
});

describe("tickets", () => {
  it("lists the caller's scope with the desk's filters, search and cursor; requesters only their own", async () => {
    const agent = await tokenFor("agent@acme.test");
    const page1 = await api(agent, "GET", "/tickets?limit=2&sort=created");
    expect(page1.status).toBe(200);
    expect(page1.body.data).toHaveLength(2);
    expect(page1.body.next_cursor).toEqual(expect.any(String));
    const page2 = await api(agent, "GET", `/tickets?limit=2&sort=created&cursor=${encodeURIComponent(page1.body.next_cursor)}`);
    expect(page2.body.data.map((t: { id: string }) => t.id)).not.toContain(page1.body.data[0].id);

    const searched = await api(agent, "GET", "/tickets?q=printer%20on%20fire&status=answered,open");
    expect(searched.body.data.map((t: { number: string }) => t.number)).toContain(supTicket.number);
    const globexSearch = await api(agent, "GET", "/tickets?q=Globex%20secret");
    expect(globexSearch.body.data).toEqual([]);

    const requester = await tokenFor("requester@acme.test");
    const own = await api(requester, "GET", "/tickets?limit=100");
    const numbers = own.body.data.map((t: { number: string }) => t.number);
    expect(numbers).toContain(supTicket.number);
    expect(numbers).not.toContain(otherRequesters.number);
    expect(own.body.data.every((t: { requester: { id: string }; team_id: string | null }) => t.requester.id === actor("requester@acme.test").id && t.team_id === null)).toBe(true);
  });

  it("malformed list parameters are 400 with the field named, never a 500", async () => {
    const agent = await tokenFor("agent@acme.test");
    for (const [q, field] of [
      ["limit=0", "limit"],
      ["limit=101", "limit"],
      ["limit=abc", "limit"],
      ["status=bogus", "status"],
      ["sort=sideways", "sort"],
      ["created_from=2026-13-45", "created_from"],
      ["assignee=not-a-uuid", "assignee"],
      ["bogus=1", "bogus"],
      ["cursor=junk", "cursor"],
      ["sort=number&cursor=WyJ1cGRhdGVkIl0", "cursor"],
    ] as const) {
      const res = await api(agent, "GET", `/tickets?${q}`);
      expect(res.status, q).toBe(400);
      expect(Object.keys(res.body.error.fields ?? {}), q).toContain(field);
    }
  });

  it("creates (201, Location, ETag), reads by number or id, and another organization's or requester's ticket is 404", async () => {
    const requester = await tokenFor("requester@acme.test");
    const created = await api(requester, "POST", "/tickets", { body: { project: "SUP", title: "Created through the API", description: "Hello", priority: "high" } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ title: "Created through the API", priority: "high", status: "open", version: 1, project: { key: "SUP" } });
    expect(created.headers.get("location")).toBe(`/api/v1/tickets/${created.body.number}`);
    expect(created.headers.get("etag")).toBe('"1"');
    const history = await db.ticketHistory.findMany({ where: { ticketId: created.body.id }, select: { action: true } });
    expect(history.map((h) => h.action)).toEqual(["created"]);

    expect((await api(requester, "GET", `/tickets/${created.body.number}`)).body.id).toBe(created.body.id);
    expect((await api(requester, "GET", `/tickets/${created.body.id}`)).body.number).toBe(created.body.number);
    expect((await api(requester, "GET", `/tickets/${created.body.number.toLowerCase()}`)).status).toBe(200);

    for (const [token, ref] of [
      [requester, otherRequesters.number],
      [requester, globexTicket.id],
      [await tokenFor("agent@globex.test"), supTicket.id],
      [await tokenFor("agent@globex.test"), supTicket.number],
      [requester, "SUP-999999"],
      [requester, "%00"],
    ] as const) {
      const res = await api(token, "GET", `/tickets/${encodeURIComponent(ref)}`);
      expect(res.status, ref).toBe(404);
      expect(JSON.stringify(res.body)).not.toContain("Globex secret");
    }
  });

  it("refuses bad bodies whole: not JSON 400, unknown or invalid fields 422 with snake_case names, a project the caller cannot use 422", async () => {
    const requester = await tokenFor("requester@acme.test");
    const before = await db.ticket.count();
    expect((await api(requester, "POST", "/tickets", { raw: "{not json" })).status).toBe(400);
    expect((await api(requester, "POST", "/tickets", { raw: "{}", headers: { "Content-Type": "text/plain" } })).status).toBe(400);
    const unknown = await api(requester, "POST", "/tickets", { body: { project: "SUP", title: "x", status: "closed" } });
    expect(unknown.status).toBe(422);
    expect(unknown.body.error.fields).toHaveProperty("status");
    const empty = await api(requester, "POST", "/tickets", { body: { project: "SUP", title: "" } });
    expect(empty.status).toBe(422);
    expect(empty.body.error.fields).toHaveProperty("title");
    const eng = await api(requester, "POST", "/tickets", { body: { project: "ENG", title: "Not a member" } });
    expect(eng.status).toBe(422);
    expect(eng.body.error.fields).toHaveProperty("project_key");
    const nul = await api(requester, "POST", "/tickets", { body: { project: "SUP", title: "a\u0000b" } });
    expect(nul.status).toBe(422);
    expect(await db.ticket.count()).toBe(before);
  });

  it("PATCH needs the version read; a stale one is 409 with current_version; fields the caller may not write refuse the whole body", async () => {
    const agent = await tokenFor("agent@acme.test");
    const t = (await api(agent, "GET", `/tickets/${supTicket.number}`)).body;
    expect((await api(agent, "PATCH", `/tickets/${t.number}`, { body: { priority: "low" } })).status).toBe(422);
    const changed = await api(agent, "PATCH", `/tickets/${t.number}`, { body: { priority: "low" }, headers: { "If-Match": `"${t.version}"` } });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ priority: "low", version: t.version + 1 });
    expect(changed.headers.get("etag")).toBe(`"${t.version + 1}"`);

    const stale = await api(agent, "PATCH", `/tickets/${t.number}`, { body: { priority: "high", version: t.version } });
    expect(stale.status).toBe(409);
    expect(stale.body.error).toMatchObject({ code: "CONFLICT", current_version: t.version + 1 });
    expect((await api(agent, "PATCH", `/tickets/${t.number}`, { body: { priority: "high", version: 1 }, headers: { "If-Match": '"2"' } })).status).toBe(400);
    expect((await api(agent, "PATCH", `/tickets/${t.number}`, { body: { priority: "high" }, headers: { "If-Match": "garbage" } })).status).toBe(400);

    // A requester may edit their own ticket's title, not its priority: the body is refused whole.
    const requester = await tokenFor("requester@acme.test");
    const current = (await api(requester, "GET", `/tickets/${t.number}`)).body;
    const mixed = await api(requester, "PATCH", `/tickets/${t.number}`, { body: { title: "Renamed by requester", priority: "critical", version: current.version } });
    expect([403, 422]).toContain(mixed.status);
    const after = (await api(requester, "GET", `/tickets/${t.number}`)).body;
    expect(after).toMatchObject({ title: current.title, priority: current.priority, version: current.version });
  });

  it("transitions go through the workflow's rules: an allowed move is 200, a disallowed one 409, a stale version 409, a requester's approve 403", async () => {
    const agent = await tokenFor("agent@acme.test");
    const t = (await api(agent, "GET", `/tickets/${supTicket.number}`)).body;
    const moved = await api(agent, "POST", `/tickets/${t.number}/transitions`, { body: { to: "in_progress", version: t.version } });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ status: "in_progress", version: t.version + 1 });
    const stale = await api(agent, "POST", `/tickets/${t.number}/transitions`, { body: { to: "resolved", version: t.version } });
    expect(stale.status).toBe(409);
    const nowhere = await api(agent, "POST", `/tickets/${t.number}/transitions`, { body: { to: "approved", version: t.version + 1 } });
    expect([409, 422]).toContain(nowhere.status);

    const change = await createTicket(actor("requester@acme.test"), { requestType: "change", title: "API: more RAM", description: "x", assetId: null, items: [], submit: false });
    const requester = await tokenFor("requester@acme.test");
    const c = (await api(requester, "GET", `/tickets/${change.number}`)).body;
    const approve = await api(requester, "POST", `/tickets/${c.number}/transitions`, { body: { to: "approved", version: c.version } });
    expect([403, 409]).toContain(approve.status);
    expect((await api(requester, "GET", `/tickets/${c.number}`)).body.status).toBe(c.status);
  });

  it("DELETE moves to the bin for ticket.manage (204, then 404); others 403", async () => {
    const t = await createTicket(actor("requester@acme.test"), { requestType: "support", title: "API: to delete", description: "x" });
    expect((await api(await tokenFor("agent@acme.test"), "DELETE", `/tickets/${t.number}`)).status).toBe(403);
    const admin = await tokenFor("admin@acme.test");
    expect((await api(admin, "DELETE", `/tickets/${t.number}`)).status).toBe(204);
    expect((await api(admin, "GET", `/tickets/${t.number}`)).status).toBe(404);
  });
});

describe("the ticket page's other buttons, and links", () => {
  it("assign, accept, transfer, PUT status and close run the page's rules", async () => {
    const t = await createTicket(actor("requester@acme.test"), { requestType: "support", title: "API: buttons", description: "x" });
    const agent = await tokenFor("agent@acme.test");
    const tech = actor("tech@acme.test");
    let cur = (await api(agent, "GET", `/tickets/${t.number}`)).body;
    const assigned = await api(agent, "POST", `/tickets/${t.number}/assign`, { body: { assignee_ids: [tech.id], version: cur.version } });
    expect(assigned.status).toBe(200);
    expect(assigned.body.assignee).toMatchObject({ id: tech.id });
    // A requester may not assign.
    const requester = await tokenFor("requester@acme.test");
    expect((await api(requester, "POST", `/tickets/${t.number}/assign`, { body: { assignee_ids: [], version: assigned.body.version } })).status).toBe(403);

    const techToken = await tokenFor("tech@acme.test");
    const accepted = await api(techToken, "POST", `/tickets/${t.number}/accept`, { body: {} });
    expect(accepted.status).toBe(200);
    expect(await db.ticket.findUniqueOrThrow({ where: { id: t.id }, select: { acceptedById: true } })).toEqual({ acceptedById: tech.id });
    const transferred = await api(techToken, "POST", `/tickets/${t.number}/transfer`, { body: { to_user_id: actor("agent@acme.test").id, version: accepted.body.version } });
    // Handed away: the technician no longer sees the ticket, so the answer is 204 without it.
    expect(transferred.status).toBe(204);
    cur = (await api(agent, "GET", `/tickets/${t.number}`)).body;
    expect(cur.assignee).toMatchObject({ id: actor("agent@acme.test").id });

    const status = await api(agent, "PUT", `/tickets/${t.number}/status`, { body: { status: "in_progress" }, headers: { "If-Match": `"${cur.version}"` } });
    expect(status.status).toBe(200);
    expect(status.body.status).toBe("in_progress");
    const closed = await api(agent, "POST", `/tickets/${t.number}/close`, { body: { version: status.body.version } });
    expect([200, 409]).toContain(closed.status);
    if (closed.status === 200) expect(closed.body.status).toBe("closed");
    const history = await db.ticketHistory.findMany({ where: { ticketId: t.id }, select: { action: true } });
    expect(history.map((h) => h.action)).toEqual(expect.arrayContaining(["created", "assigned", "accepted", "unassigned", "status_change"]));
  });

  it("relationships as seed 000: link a child, list from both sides, unlink; another organization's target is 404; requesters cannot link", async () => {
    const parent = await createTicket(actor("requester@acme.test"), { requestType: "support", title: "API: parent", description: "x" });
    const child = await createTicket(actor("requester@acme.test"), { requestType: "support", title: "API: child", description: "x" });
    const agent = await tokenFor("agent@acme.test");
    const link = await api(agent, "POST", `/tickets/${child.number}/relationships`, { body: { target_ticket_id: parent.id, relationship_type: "child" } });
    expect(link.status).toBe(201);
    expect(link.body).toMatchObject({ target_ticket_id: parent.id, target_subject: "API: parent", relationship_type: "child", side: "child_of" });
    const fromParent = await api(agent, "GET", `/tickets/${parent.number}/relationships`);
    expect(fromParent.body.relationships).toEqual([expect.objectContaining({ id: link.body.id, target_ticket_id: child.id, relationship_type: "parent", side: "parent_of" })]);

    expect((await api(agent, "POST", `/tickets/${child.number}/relationships`, { body: { target_ticket_id: globexTicket.id, relationship_type: "related" } })).status).toBe(404);
    const requester = await tokenFor("requester@acme.test");
    expect((await api(requester, "POST", `/tickets/${child.number}/relationships`, { body: { target_ticket_id: parent.number, relationship_type: "related" } })).status).toBe(403);
    expect((await api(await tokenFor("agent@globex.test"), "GET", `/tickets/${parent.id}/relationships`)).status).toBe(404);
    // A link id under another ticket of the caller's is not found there.
    expect((await api(agent, "DELETE", `/tickets/${supTicket.number}/relationships/${link.body.id}`)).status).toBe(404);

    expect((await api(agent, "DELETE", `/tickets/${parent.number}/relationships/${link.body.id}`)).status).toBe(204);
    expect((await api(agent, "GET", `/tickets/${child.number}/relationships`)).body.relationships).toEqual([]);
  });
});

describe("the thread", () => {
  it("internal notes for staff who may read them, never for the requester; paged by cursor", async () => {
    const agent = await tokenFor("agent@acme.test");
    const staff = await api(agent, "GET", `/tickets/${supTicket.number}/replies`);
    expect(staff.status).toBe(200);
    expect(staff.body.data.map((r: { body: string }) => r.body)).toContain("Internal: vendor bug 4711");
    const requester = await tokenFor("requester@acme.test");
    const own = await api(requester, "GET", `/tickets/${supTicket.number}/replies`);
    expect(JSON.stringify(own.body)).not.toContain("vendor bug");
    expect(own.body.data.map((r: { body: string }) => r.body)).toContain("We are looking into it.");

    const first = await api(agent, "GET", `/tickets/${supTicket.number}/replies?limit=1`);
    expect(first.body.data).toHaveLength(1);
    const second = await api(agent, "GET", `/tickets/${supTicket.number}/replies?limit=1&cursor=${first.body.next_cursor}`);
    expect(second.body.data[0].id).not.toBe(first.body.data[0].id);
    expect((await api(agent, "GET", `/tickets/${supTicket.number}/replies?cursor=garbage`)).status).toBe(400);
  });

  it("a system comment names another ticket by its number only to those who may see it, as on the ticket page", async () => {
    const original = await createTicket(actor("requester2@acme.test"), { requestType: "support", title: "API: the original", description: "x" });
    const duplicate = await createTicket(actor("requester@acme.test"), { requestType: "support", title: "API: the duplicate", description: "x" });
    const agent = await tokenFor("agent@acme.test");
    expect((await api(agent, "POST", `/tickets/${duplicate.number}/relationships`, { body: { target_ticket_id: original.id, relationship_type: "duplicate", close_duplicate: true } })).status).toBe(201);
    const system = (r: { data: { type: string; body: string }[] }) => r.data.filter((c) => c.type === "system").map((c) => c.body);
    expect(system((await api(agent, "GET", `/tickets/${duplicate.number}/replies`)).body)).toEqual([`Closed as a duplicate of ${original.number}`]);
    const theirs = system((await api(await tokenFor("requester@acme.test"), "GET", `/tickets/${duplicate.number}/replies`)).body);
    expect(theirs).toEqual(["Closed as a duplicate of another ticket"]);
    expect(JSON.stringify(theirs)).not.toContain(original.id);
  });

  it("replies as the composer does; a requester cannot write an internal note; another requester's ticket is 404", async () => {
    const requester = await tokenFor("requester@acme.test");
    const reply = await api(requester, "POST", `/tickets/${supTicket.number}/replies`, { body: { body: "Still on fire." } });
    expect(reply.status).toBe(201);
    expect(reply.body).toMatchObject({ type: "comment", body: "Still on fire.", author: { id: actor("requester@acme.test").id } });
    const note = await api(requester, "POST", `/tickets/${supTicket.number}/replies`, { body: { body: "Sneaky", internal: true } });
    expect([403, 422]).toContain(note.status);
    expect(await db.comment.count({ where: { body: "Sneaky" } })).toBe(0);
    expect((await api(requester, "POST", `/tickets/${otherRequesters.number}/replies`, { body: { body: "Not mine" } })).status).toBe(404);
    expect((await api(requester, "POST", `/tickets/${supTicket.number}/replies`, { body: { body: "" } })).status).toBe(422);
  });
});

describe("a change's items", () => {
  it("the requester adds, changes, checks and removes items on their draft, each validated against the asset; a stale version is 409; another requester 404", async () => {
    const asset = await db.asset.findFirstOrThrow({ where: { organizationId: demo.acme.id, tag: "SRV-001" }, select: { id: true } });
    const change = await createTicket(actor("requester@acme.test"), { requestType: "change", title: "API: NIC swap", description: "x", assetId: asset.id, items: [], submit: false });
    const requester = await tokenFor("requester@acme.test");
    const empty = await api(requester, "GET", `/tickets/${change.number}/items`);
    expect(empty.body).toMatchObject({ data: [], ticket_version: expect.any(Number) });

    const added = await api(requester, "POST", `/tickets/${change.number}/items`, {
      body: { action: "replace", component_type: "nic", current_value: "1GbE onboard", requested_value: "Intel X710 10GbE", version: empty.body.ticket_version },
    });
    expect(added.status).toBe(201);
    expect(added.body.data).toHaveLength(1);
    expect(added.body.data[0].validation.status).toBe("invalid");
    expect(added.body.data[0].validation.message).toMatch(/Onboard 1GbE/);

    const checked = await api(requester, "POST", `/tickets/${change.number}/items/validate`, { body: { items: [{ action: "replace", component_type: "nic", current_value: "Onboard 1GbE", requested_value: "Intel X710", quantity: 1 }, { action: "launch" }] } });
    expect(checked.status).toBe(200);
    expect(checked.body.data.map((r: { status: string }) => r.status)).toEqual(["valid", "invalid"]);

    const fixed = await api(requester, "PATCH", `/tickets/${change.number}/items/${added.body.data[0].id}`, { body: { current_value: "Onboard 1GbE", version: added.body.ticket_version } });
    expect(fixed.status).toBe(200);
    expect(fixed.body.data[0]).toMatchObject({ current_value: "Onboard 1GbE", requested_value: "Intel X710 10GbE", validation: { status: "valid" } });
    const stale = await api(requester, "PATCH", `/tickets/${change.number}/items/${fixed.body.data[0].id}`, { body: { quantity: 2, version: added.body.ticket_version } });
    expect(stale.status).toBe(409);
    expect(stale.body.error.current_version).toBe(fixed.body.ticket_version);

    expect((await api(await tokenFor("requester2@acme.test"), "GET", `/tickets/${change.number}/items`)).status).toBe(404);
    expect((await api(requester, "POST", `/tickets/${change.number}/items`, { body: { action: "add", component_type: "ram", quantity: 99, version: fixed.body.ticket_version } })).status).toBe(422);
    expect((await api(requester, "POST", `/tickets/${supTicket.number}/items`, { body: { action: "add", component_type: "ram", version: 1 } })).status).toBe(422);

    const removed = await api(requester, "DELETE", `/tickets/${change.number}/items/${fixed.body.data[0].id}?version=${fixed.body.ticket_version}`);
    expect(removed.status).toBe(200);
    expect(removed.body.data).toEqual([]);
    const history = await db.ticketHistory.findMany({ where: { ticketId: change.id, action: { in: ["item_added", "item_removed", "item_updated"] } }, select: { action: true } });
    expect(history.length).toBeGreaterThanOrEqual(3);
  });

  it("fulfilment: only the assignee, only while in progress", async () => {
    const asset = await db.asset.findFirstOrThrow({ where: { organizationId: demo.acme.id, tag: "SRV-001" }, select: { id: true } });
    const change = await createTicket(actor("requester@acme.test"), {
      requestType: "change",
      title: "API: more RAM",
      description: "x",
      assetId: asset.id,
      items: [{ action: "add", componentType: "ram", quantity: 2, requestedValue: "32GB DDR4" }],
      submit: true,
    });
    const items = (await api(await tokenFor("agent@acme.test"), "GET", `/tickets/${change.number}/items`)).body;
    const tech = await tokenFor("tech@acme.test");
    // Pending: nobody fulfils yet.
    expect([403, 404, 409]).toContain((await api(tech, "POST", `/tickets/${change.number}/items/${items.data[0].id}/fulfil`, { body: { version: items.ticket_version } })).status);
    const manager = await tokenFor("manager@acme.test");
    let t = (await api(manager, "GET", `/tickets/${change.number}`)).body;
    t = (await api(manager, "POST", `/tickets/${change.number}/transitions`, { body: { to: "approved", version: t.version } })).body;
    t = (await api(manager, "POST", `/tickets/${change.number}/assign`, { body: { assignee_ids: [actor("tech@acme.test").id], version: t.version } })).body;
    const started = await api(tech, "POST", `/tickets/${change.number}/transitions`, { body: { to: "in_progress", version: t.version } });
    expect(started.status).toBe(200);
    const agent = await tokenFor("agent@acme.test");
    expect((await api(agent, "POST", `/tickets/${change.number}/items/${items.data[0].id}/fulfil`, { body: { version: started.body.version } })).status).toBe(403);
    const done = await api(tech, "POST", `/tickets/${change.number}/items/${items.data[0].id}/fulfil`, { body: { fulfilled_with: "2 × Samsung 32GB", version: started.body.version } });
    expect(done.status).toBe(200);
    expect(done.body.data[0]).toMatchObject({ fulfilled: true, fulfilled_with: "2 × Samsung 32GB" });
  });
});

describe("attachments", () => {
  function multipart(name: string, bytes: string, type = "application/octet-stream") {
    const form = new FormData();
    form.set("file", new File([bytes], name, { type }));
    return form;
  }
  async function upload(token: string, path: string, form: FormData) {
    // Encoded as a client would send it (with its Content-Length), then handed to the operation.
    const encoded = new Response(form);
    const body = new Uint8Array(await encoded.arrayBuffer());
    const headers = { "Content-Type": encoded.headers.get("content-type")!, "Content-Length": String(body.length) };
    const found = match("POST", path.split("?")[0]!);
    if (!found || !("op" in found)) throw new Error(`No documented operation for POST ${path}`);
    const op = found.op;
    const res = await dispatch("POST", new Request(`http://localhost/api/v1${path}`, { method: "POST", headers: { Authorization: `Bearer ${token}`, ...headers }, body }));
    const json = await res.json();
    checkContract(op, res.status, json, `POST ${path}`);
    return { status: res.status, body: json };
  }

  it("uploads with the page's checks, lists what the caller may open, downloads; a staged upload goes with a new ticket", async () => {
    const requester = await tokenFor("requester@acme.test");
    const up = await upload(requester, `/tickets/${supTicket.number}/attachments`, multipart("notes.txt", "Printer log\n"));
    expect(up.status).toBe(201);
    expect(up.body).toMatchObject({ name: "notes.txt", mime_type: "text/plain; charset=utf-8", pending: false });
    expect((await upload(requester, `/tickets/${supTicket.number}/attachments`, multipart("setup.exe", "MZ\u0000\u0000"))).status).toBe(415);
    expect((await upload(requester, `/tickets/${supTicket.number}/attachments`, multipart("fake.pdf", "MZ\u0000\u0000"))).status).toBe(415);
    expect((await upload(requester, `/tickets/${otherRequesters.number}/attachments`, multipart("a.txt", "x"))).status).toBe(404);

    const listed = await api(requester, "GET", `/tickets/${supTicket.number}/attachments`);
    expect(listed.body.data.map((a: { id: string }) => a.id)).toContain(up.body.id);
    const file = await api(requester, "GET", `/attachments/${up.body.id}`);
    expect(file.status).toBe(200);
    expect(file.headers.get("content-disposition")).toMatch(/attachment/);
    expect((await api(await tokenFor("agent@globex.test"), "GET", `/attachments/${up.body.id}`)).status).toBe(404);

    const staged = await upload(requester, "/uploads", multipart("photo-notes.txt", "see photo\n"));
    expect(staged.status).toBe(201);
    expect(staged.body.pending).toBe(true);
    const created = await api(requester, "POST", "/tickets", { body: { project: "SUP", title: "With a staged file", description: "x", attachment_ids: [staged.body.id] } });
    expect(created.status).toBe(201);
    expect((await api(requester, "GET", `/tickets/${created.body.number}/attachments`)).body.data.map((a: { id: string }) => a.id)).toEqual([staged.body.id]);
  });
});

describe("projects, tags, staff and notifications", () => {
  it("projects are the caller's (members') with kanban columns; tags and staff for staff only; bounded", async () => {
    const requester = await tokenFor("requester@acme.test");
    const theirs = await api(requester, "GET", "/projects");
    expect(theirs.body.data.map((p: { key: string }) => p.key).sort()).toEqual(["CHG", "SUP"]);
    const agent = await tokenFor("agent@acme.test");
    expect((await api(agent, "GET", "/projects")).body.data.map((p: { key: string }) => p.key).sort()).toEqual(["CHG", "ENG", "SUP"]);
    const columns = await api(agent, "GET", "/projects/eng/columns");
    expect(columns.status).toBe(200);
    expect(columns.body.data.length).toBeGreaterThan(1);
    expect(columns.body.data.map((c: { position: number }) => c.position)).toEqual([...columns.body.data.map((c: { position: number }) => c.position)].sort((a, b) => a - b));
    expect((await api(requester, "GET", "/projects/ENG/columns")).status).toBe(404);
    expect((await api(await tokenFor("agent@globex.test"), "GET", "/projects/ENG/columns")).status).toBe(404);

    const staff = await api(agent, "GET", "/users?q=tech");
    expect(staff.body.data).toEqual([expect.objectContaining({ id: actor("tech@acme.test").id })]);
    expect((await api(agent, "GET", "/users?q=globex")).body.data).toEqual([]);
    expect((await api(requester, "GET", "/users?q=a")).status).toBe(403);
    expect((await api(agent, "GET", "/users?limit=21")).status).toBe(400);
    expect((await api(agent, "GET", "/tags")).status).toBe(200);
    expect((await api(requester, "GET", "/tags")).status).toBe(403);
  });

  it("notifications: the caller's own, marked read one by one or all at once; someone else's is 404", async () => {
    const requester = await tokenFor("requester@acme.test");
    await addComment(actor("agent@acme.test"), { ticketId: supTicket.id, body: "A public answer that notifies the requester." });
    const unread = await api(requester, "GET", "/notifications?unread=true");
    expect(unread.status).toBe(200);
    expect(unread.body.data.length).toBeGreaterThan(0);
    const first = unread.body.data[0];
    expect((await api(await tokenFor("requester2@acme.test"), "POST", `/notifications/${first.id}/read`)).status).toBe(404);
    expect((await api(requester, "POST", `/notifications/${first.id}/read`)).status).toBe(204);
    expect((await api(requester, "GET", "/notifications?unread=true")).body.data.map((n: { id: string }) => n.id)).not.toContain(first.id);
    expect((await api(requester, "POST", "/notifications/read-all")).status).toBe(204);
    expect((await api(requester, "GET", "/notifications?unread=true")).body.data).toEqual([]);
  });
});

describe("audit", () => {
  it("every write through the API is audited with its operation; the first use of a token each day once", async () => {
    const me = actor("manager@acme.test");
    const { secret: token, token: row } = await createApiToken(me, { name: "audited", expires: "7", scope: "write" });
    await api(token, "GET", "/me");
    await api(token, "GET", "/me");
    const created = await api(token, "POST", "/tickets", { body: { project: "SUP", title: "Audited", description: "x" } });
    expect(created.status).toBe(201);
    const rows = await db.auditLog.findMany({ where: { actorId: me.id, entityId: row.id, action: { in: ["api.write", "api_token.used"] } }, select: { action: true, data: true } });
    expect(rows.filter((r) => r.action === "api_token.used")).toHaveLength(1);
    expect(rows.filter((r) => r.action === "api.write").map((r) => (r.data as { operation: string }).operation)).toEqual(["createTicket"]);
  });
});

describe("idempotency and rate limits", () => {
  it("a retried creation with the same Idempotency-Key returns the first answer and creates nothing twice; another body with it is 422", async () => {
    const token = await tokenFor("agent@acme.test");
    const body = { project: "SUP", title: "Monitoring: disk full on db-1", description: "Alert 1234" };
    const first = await api(token, "POST", "/tickets", { body, headers: { "Idempotency-Key": "alert-1234" } });
    expect(first.status).toBe(201);
    const again = await api(token, "POST", "/tickets", { body, headers: { "Idempotency-Key": "alert-1234" } });
    expect(again.status).toBe(201);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(again.headers.get("location")).toBe(first.headers.get("location"));
    expect(again.body.id).toBe(first.body.id);
    expect(await db.ticket.count({ where: { title: body.title } })).toBe(1);

    const other = await api(token, "POST", "/tickets", { body: { ...body, title: "Something else" }, headers: { "Idempotency-Key": "alert-1234" } });
    expect(other.status).toBe(422);
    // Keys are per user: another user's same key is a new request.
    const theirs = await api(await tokenFor("manager@acme.test"), "POST", "/tickets", { body, headers: { "Idempotency-Key": "alert-1234" } });
    expect(theirs.status).toBe(201);
    expect(theirs.body.id).not.toBe(first.body.id);
    expect((await api(token, "POST", "/tickets", { body, headers: { "Idempotency-Key": "bad key with spaces" } })).status).toBe(400);

    // A refusal is an answer too: the retry gets the same 422, and still nothing is created.
    const refused = await api(token, "POST", "/tickets", { body: { project: "SUP", title: "" }, headers: { "Idempotency-Key": "empty-title" } });
    expect(refused.status).toBe(422);
    expect((await api(token, "POST", "/tickets", { body: { project: "SUP", title: "" }, headers: { "Idempotency-Key": "empty-title" } })).status).toBe(422);
  });

  it("two retries racing with one key create one ticket", async () => {
    const token = await tokenFor("agent@acme.test");
    const body = { project: "SUP", title: "Monitoring: raced alert", description: "x" };
    const answers = await Promise.all([1, 2, 3].map(() => api(token, "POST", "/tickets", { body, headers: { "Idempotency-Key": "raced-alert" } })));
    for (const a of answers) expect([201, 409]).toContain(a.status);
    expect(await db.ticket.count({ where: { title: body.title } })).toBe(1);
  });

  it("a token past its limit gets 429 with Retry-After; every answer carries RateLimit headers; failed authentications count per IP", async () => {
    const saved = { ...process.env };
    process.env.API_RATE_LIMIT_PER_MINUTE = "3";
    process.env.API_RATE_LIMIT_UNAUTHENTICATED_PER_MINUTE = "2";
    try {
      const { secret } = await createApiToken(actor("agent@acme.test"), { name: "limited", expires: "7", scope: "read" });
      const answers = [];
      for (let i = 0; i < 4; i++) answers.push(await api(secret, "GET", "/me"));
      // The minute may turn between two calls: then the count starts again.
      const limited = answers.filter((a) => a.status === 429);
      expect(answers[0]!.headers.get("ratelimit-limit")).toBe("3");
      expect(answers[0]!.headers.get("ratelimit-remaining")).toBe("2");
      if (limited.length) {
        expect(limited[0]!.headers.get("retry-after")).toMatch(/^\d+$/);
        expect(limited[0]!.body.error.code).toBe("RATE_LIMITED");
      } else {
        expect(answers.some((a) => a.headers.get("ratelimit-remaining") === "0")).toBe(true);
      }
      const ip = { "X-Forwarded-For": "203.0.113.77" };
      const guesses = [];
      for (let i = 0; i < 4; i++) guesses.push((await api(`hd_pat_${"g".repeat(43)}`, "GET", "/me", { headers: ip })).status);
      expect(guesses).toContain(429);
      expect(guesses[0]).toBe(401);
    } finally {
      process.env = saved;
    }
  });
});

describe("the document", () => {
  it("is OpenAPI 3.1 with every operation, each with its security, responses and error shape", () => {
    const d = openApiDocument() as { openapi: string; paths: Record<string, Record<string, { operationId: string; responses: Record<string, unknown> }>> };
    expect(d.openapi).toBe("3.1.0");
    const ids = Object.values(d.paths).flatMap((methods) => Object.values(methods).map((o) => o.operationId));
    expect(ids.sort()).toEqual(OPERATIONS.map((o) => o.spec.operationId).sort());
    for (const methods of Object.values(d.paths)) for (const o of Object.values(methods)) expect(o.responses["401"], o.operationId).toBeDefined();
  });
});
