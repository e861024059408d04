import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { addComment } from "@/lib/domain/tickets/add-comment";
import { getTicketDetail } from "@/lib/domain/tickets/queries";
import { seededDemo, expectAppError, writeFootprint, type Demo } from "@/test/integration/helpers";
import { formatMention } from "./mention-token";
import { mentionCandidates, PUBLIC_MENTION_MESSAGE } from "./mentions";
import { editComment } from "./edit-comment";

let demo: Demo;
const a = (email: keyof Demo["actors"]) => demo.actors[email];
let ticket: { id: string; number: string; organizationId: string; projectId: string; requesterId: string; assignees: { userId: string }[] };
let outsider: { id: string; name: string };

beforeAll(async () => {
  demo = await seededDemo();
  ticket = await db.ticket.findFirstOrThrow({
    where: { organizationId: demo.acme.id, title: "VPN disconnects every 10 minutes" },
    select: { id: true, number: true, organizationId: true, projectId: true, requesterId: true, assignees: { select: { userId: true } } },
  });
  // An Acme agent who is not a member of SUP: staff, but the ticket is outside their scope.
  const agentRole = await db.role.findFirstOrThrow({ where: { organizationId: demo.acme.id, builtIn: "agent" } });
  outsider = await db.user.create({ data: { organizationId: demo.acme.id, email: "outsider@acme.test", name: "Olga Outsider", roleId: agentRole.id }, select: { id: true, name: true } });
});

const m = (email: keyof Demo["actors"]) => formatMention(a(email));

describe("@mentions in internal notes", () => {
  it("keeps only staff of the organization who may read the ticket's internal notes", async () => {
    const made_up = randomUUID();
    const body = [
      `Can you check this ${m("manager@acme.test")}?`,
      `${m("admin@acme.test")} too`,
      m("tech@acme.test"), // staff, but no view_internal and not assigned
      m("requester@acme.test"), // not staff
      m("agent@globex.test"), // another organization
      formatMention(outsider), // staff without the ticket in scope
      `@[Ghost](${made_up})`, // nobody
      m("agent@acme.test"), // the author
      m("manager@acme.test"), // twice
    ].join(" ");
    const c = await addComment(a("agent@acme.test"), { ticketId: ticket.id, body, internal: true });
    expect(c.mentionedUserIds.sort()).toEqual([a("manager@acme.test").id, a("admin@acme.test").id].sort());
    const stored = await db.commentMention.findMany({ where: { commentId: c.id }, select: { userId: true, organizationId: true } });
    expect(stored.map((s) => s.userId).sort()).toEqual([a("manager@acme.test").id, a("admin@acme.test").id].sort());
    expect(stored.every((s) => s.organizationId === demo.acme.id)).toBe(true);
    // The thread resolves exactly those, for staff.
    const detail = await getTicketDetail(a("manager@acme.test"), ticket.number);
    expect(detail.comments.find((x) => x.id === c.id)!.mentions.map((x) => x.user.name).sort()).toEqual(["Ada Admin", "Maria Manager"]);
  });

  it("the mentioned are notified (event mention) with the tokens as plain @Name; nobody else gets a mention", async () => {
    const c = await addComment(a("agent@acme.test"), {
      ticketId: ticket.id,
      body: `Budget question for ${m("manager@acme.test")}, not for ${m("agent@globex.test")} or ${m("requester@acme.test")}`,
      internal: true,
    });
    expect(c.mentionedUserIds).toEqual([a("manager@acme.test").id]);
    const notes = await db.notification.findMany({ where: { ticketId: ticket.id, event: "mention", createdAt: { gte: c.createdAt } }, select: { userId: true, body: true, title: true } });
    expect(notes.map((n) => n.userId)).toEqual([a("manager@acme.test").id]);
    expect(notes[0]!.title).toContain("Sam Agent mentioned you");
    expect(`${notes[0]!.title} ${notes[0]!.body}`).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/);
    expect(notes[0]!.body).toContain("@Maria Manager");
    // No requester and no other organization hears of the note at all.
    const everyone = await db.notification.findMany({ where: { ticketId: ticket.id, createdAt: { gte: c.createdAt } }, select: { userId: true } });
    const ids = everyone.map((n) => n.userId);
    for (const u of [a("requester@acme.test"), a("agent@globex.test")]) expect(ids).not.toContain(u.id);
  });

  it("an assigned technician without view_internal is still not mentionable; with it, they are", async () => {
    const tech = a("tech@acme.test");
    await db.ticketAssignee.create({ data: { ticketId: ticket.id, userId: tech.id, organizationId: demo.acme.id } });
    const t = { ...ticket, assignees: [...ticket.assignees, { userId: tech.id }] };
    expect((await mentionCandidates(a("agent@acme.test"), t)).map((u) => u.id)).not.toContain(tech.id);
    const techRole = await db.role.findFirstOrThrow({ where: { organizationId: demo.acme.id, builtIn: "technician" } });
    await db.role.update({ where: { id: techRole.id }, data: { permissions: { push: "ticket.view_internal" } } });
    try {
      expect((await mentionCandidates(a("agent@acme.test"), t)).map((u) => u.id)).toContain(tech.id);
      const c = await addComment(a("agent@acme.test"), { ticketId: ticket.id, body: `ping ${m("tech@acme.test")}`, internal: true });
      expect(c.mentionedUserIds).toEqual([tech.id]);
    } finally {
      await db.role.update({ where: { id: techRole.id }, data: { permissions: techRole.permissions } });
      await db.ticketAssignee.delete({ where: { ticketId_userId: { ticketId: ticket.id, userId: tech.id } } });
    }
  });

  it("the composer's suggestions are the same people, never the writer, requesters or other organizations", async () => {
    const names = (await mentionCandidates(a("agent@acme.test"), ticket)).map((u) => u.name);
    expect(names).toEqual(["Ada Admin", "Maria Manager"]);
    expect(await mentionCandidates(a("requester@acme.test"), ticket)).toEqual([]);
  });

  it("a public reply carrying a mention token is refused on the body field, writing nothing", async () => {
    const before = await writeFootprint();
    const e = await expectAppError(addComment(a("agent@acme.test"), { ticketId: ticket.id, body: `Thanks ${m("manager@acme.test")}`, internal: false }), "VALIDATION");
    expect(e.fieldErrors?.body).toEqual([PUBLIC_MENTION_MESSAGE]);
    expect(await writeFootprint()).toEqual(before);
    // Typed "@Maria" text is just text.
    await addComment(a("agent@acme.test"), { ticketId: ticket.id, body: "Thanks @Maria", internal: false });
  });

  it("an edit that adds a mention records and returns only the newly mentioned", async () => {
    const c = await addComment(a("agent@acme.test"), { ticketId: ticket.id, body: `hi ${m("manager@acme.test")}`, internal: true });
    const r = await editComment(a("agent@acme.test"), { commentId: c.id, body: `hi ${m("manager@acme.test")} and ${m("admin@acme.test")}`, version: 1 });
    expect(r.mentionedUserIds).toEqual([a("admin@acme.test").id]);
    expect(await db.commentMention.count({ where: { commentId: c.id } })).toBe(2);
  });
});
