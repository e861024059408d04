import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { seededDemo, expectAppError, type Demo } from "@/test/integration/helpers";
import { createCannedResponse } from "./create";
import { updateCannedResponse } from "./update";
import { deleteCannedResponse } from "./delete";
import { listCannedResponses } from "./list";
import { renderCannedResponse } from "./render";
import { DUPLICATE_TITLE } from "./access";

let demo: Demo;
const a = (email: keyof Demo["actors"]) => demo.actors[email];

beforeAll(async () => {
  demo = await seededDemo();
});

async function vpnTicket() {
  return db.ticket.findFirstOrThrow({ where: { organizationId: demo.acme.id, title: "VPN disconnects every 10 minutes" }, select: { id: true, number: true } });
}

describe("canned responses: who may manage what", () => {
  it("the demo seed gives Acme organization-wide responses (and Globex none)", async () => {
    const acme = await listCannedResponses(a("agent@acme.test"));
    expect(acme.organization.map((r) => r.title)).toContain("Greeting");
    expect(acme.personal).toEqual([]);
    expect(acme.canManageOrganization).toBe(false);
    expect((await listCannedResponses(a("agent@globex.test"))).organization).toEqual([]);
  });

  it("an agent keeps personal responses; only their owner lists, edits and deletes them", async () => {
    const agent = a("agent@acme.test");
    const mine = await createCannedResponse(agent, { title: "My sign-off", body: "Cheers, {{agent.name}}", scope: "personal" });
    expect(mine.ownerId).toBe(agent.id);
    expect((await listCannedResponses(agent)).personal.map((r) => r.id)).toEqual([mine.id]);
    // Another staff member — even the organization admin — neither sees nor touches it.
    for (const other of [a("manager@acme.test"), a("admin@acme.test"), a("admin@globex.test")]) {
      expect((await listCannedResponses(other)).personal.map((r) => r.id)).not.toContain(mine.id);
      await expectAppError(updateCannedResponse(other, { id: mine.id, title: "x", body: "y" }), "NOT_FOUND");
      await expectAppError(deleteCannedResponse(other, { id: mine.id }), "NOT_FOUND");
    }
    const saved = await updateCannedResponse(agent, { id: mine.id, title: "My sign-off v2", body: "Best, {{agent.name}}" });
    expect(saved).toMatchObject({ title: "My sign-off v2", body: "Best, {{agent.name}}" });
    await deleteCannedResponse(agent, { id: mine.id });
    expect(await db.cannedResponse.count({ where: { id: mine.id } })).toBe(0);
  });

  it("organization-wide responses need org.manage to create, edit and delete, and are audited", async () => {
    const agent = a("agent@acme.test");
    const admin = a("admin@acme.test");
    await expectAppError(createCannedResponse(agent, { title: "Org one", body: "x", scope: "organization" }), "FORBIDDEN");
    const row = await createCannedResponse(admin, { title: "Org one", body: "Hello {{requester.name}}", scope: "organization" });
    expect(row.ownerId).toBeNull();
    expect((await listCannedResponses(agent)).organization.map((r) => r.id)).toContain(row.id);
    await expectAppError(updateCannedResponse(agent, { id: row.id, title: "Hijack", body: "x" }), "FORBIDDEN");
    await expectAppError(deleteCannedResponse(agent, { id: row.id }), "FORBIDDEN");
    // Another organization's admin: not found, not forbidden.
    await expectAppError(updateCannedResponse(a("admin@globex.test"), { id: row.id, title: "x", body: "y" }), "NOT_FOUND");
    await updateCannedResponse(admin, { id: row.id, title: "Org one (edited)", body: "Hi" });
    await deleteCannedResponse(admin, { id: row.id });
    const audits = await db.auditLog.findMany({ where: { entityId: row.id }, orderBy: { createdAt: "asc" }, select: { action: true, actorId: true } });
    expect(audits.map((x) => x.action)).toEqual(["canned_response.created", "canned_response.updated", "canned_response.deleted"]);
  });

  it("requesters cannot list, create or use canned responses", async () => {
    const requester = a("requester@acme.test");
    await expectAppError(listCannedResponses(requester), "FORBIDDEN");
    await expectAppError(createCannedResponse(requester, { title: "Mine", body: "x", scope: "personal" }), "FORBIDDEN");
    const greeting = await db.cannedResponse.findFirstOrThrow({ where: { organizationId: demo.acme.id, title: "Greeting" } });
    await expectAppError(renderCannedResponse(requester, { ticketId: (await vpnTicket()).id, cannedResponseId: greeting.id }), "FORBIDDEN");
  });
});

describe("canned responses: validation", () => {
  it("titles are unique per scope, ignoring case, with the message on the title field", async () => {
    const agent = a("agent@acme.test");
    const manager = a("manager@acme.test");
    const e = await expectAppError(createCannedResponse(a("admin@acme.test"), { title: "  greeting ", body: "dup", scope: "organization" }), "VALIDATION");
    expect(e.fieldErrors?.title).toEqual([DUPLICATE_TITLE]);
    // The same title is fine in another scope: a personal "Greeting", and another agent's.
    const mine = await createCannedResponse(agent, { title: "Greeting", body: "my own", scope: "personal" });
    await createCannedResponse(manager, { title: "Greeting", body: "the manager's", scope: "personal" });
    const dup = await expectAppError(createCannedResponse(agent, { title: "GREETING", body: "again", scope: "personal" }), "VALIDATION");
    expect(dup.fieldErrors?.title).toEqual([DUPLICATE_TITLE]);
    const other = await createCannedResponse(agent, { title: "Other", body: "x", scope: "personal" });
    const rename = await expectAppError(updateCannedResponse(agent, { id: other.id, title: "greeting", body: "x" }), "VALIDATION");
    expect(rename.fieldErrors?.title).toEqual([DUPLICATE_TITLE]);
    // Saving a response under its own title is not a clash.
    await updateCannedResponse(agent, { id: mine.id, title: "Greeting", body: "my own, edited" });
  });

  it("the database refuses a duplicate title in a scope even if the check is bypassed", async () => {
    const agent = a("agent@acme.test");
    await expect(db.cannedResponse.create({ data: { organizationId: demo.acme.id, ownerId: null, title: "GREETING", body: "race" } })).rejects.toThrow();
    await expect(db.cannedResponse.create({ data: { organizationId: demo.acme.id, ownerId: agent.id, title: "greeting", body: "race" } })).rejects.toThrow();
  });

  it("empty or overlong fields and unknown fields are field errors", async () => {
    const agent = a("agent@acme.test");
    const e = await expectAppError(createCannedResponse(agent, { title: " ", body: "", scope: "personal" }), "VALIDATION");
    expect(Object.keys(e.fieldErrors ?? {}).sort()).toEqual(["body", "title"]);
    const long = await expectAppError(createCannedResponse(agent, { title: "x".repeat(101), body: "x", scope: "personal" }), "VALIDATION");
    expect(long.fieldErrors?.title?.[0]).toMatch(/at most 100/);
    const extra = await expectAppError(createCannedResponse(agent, { title: "t", body: "b", scope: "personal", ownerId: a("manager@acme.test").id } as never), "VALIDATION");
    expect(extra.fieldErrors?.ownerId).toBeDefined();
    const scope = await expectAppError(createCannedResponse(agent, { title: "t", body: "b", scope: "everyone" } as never), "VALIDATION");
    expect(scope.fieldErrors?.scope).toBeDefined();
  });
});

describe("canned responses: filled for a ticket", () => {
  it("fills the placeholders with what the agent may see", async () => {
    const agent = a("agent@acme.test");
    const ticket = await vpnTicket();
    const row = await createCannedResponse(agent, {
      title: "All placeholders",
      body: "{{requester.name}} <{{requester.email}}> {{ticket.number}} {{ticket.title}} {{agent.name}} {{agent.email}}",
      scope: "personal",
    });
    const { text } = await renderCannedResponse(agent, { ticketId: ticket.id, cannedResponseId: row.id });
    expect(text).toBe(`Rita Requester <requester@acme.test> ${ticket.number} VPN disconnects every 10 minutes Sam Agent {{agent.email}}`);
  });

  it("never fills a staff requester's e-mail", async () => {
    const agent = a("agent@acme.test");
    const eng = await db.ticket.findFirstOrThrow({ where: { organizationId: demo.acme.id, project: { key: "ENG" } }, select: { id: true } });
    const row = await createCannedResponse(agent, { title: "Mail", body: "{{requester.name}} {{requester.email}}", scope: "personal" });
    const { text } = await renderCannedResponse(agent, { ticketId: eng.id, cannedResponseId: row.id });
    expect(text).toBe("Ada Admin {{requester.email}}");
    expect(text).not.toContain("admin@acme.test");
  });

  it("another staff member's personal response, another organization's ticket: not found", async () => {
    const agent = a("agent@acme.test");
    const managers = await createCannedResponse(a("manager@acme.test"), { title: "Manager only", body: "secret wording", scope: "personal" });
    const ticket = await vpnTicket();
    await expectAppError(renderCannedResponse(agent, { ticketId: ticket.id, cannedResponseId: managers.id }), "NOT_FOUND");
    const greeting = await db.cannedResponse.findFirstOrThrow({ where: { organizationId: demo.acme.id, title: "Greeting", ownerId: null } });
    const err = await expectAppError(renderCannedResponse(a("agent@globex.test"), { ticketId: ticket.id, cannedResponseId: greeting.id }), "NOT_FOUND");
    expect(err).toBeInstanceOf(AppError);
    const globexTicket = await db.ticket.findFirstOrThrow({ where: { organizationId: demo.globex.id }, select: { id: true } });
    await expectAppError(renderCannedResponse(agent, { ticketId: globexTicket.id, cannedResponseId: greeting.id }), "NOT_FOUND");
  });
});
