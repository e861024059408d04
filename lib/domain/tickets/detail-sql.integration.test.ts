// The ticket page's hand-written statement (detail-sql.ts) against the Prisma
// include it replaced, kept here as the reference: for every demo user × every
// ticket of both organizations, in the desk's and the portal's cut, both must
// return the same rows, fields, values, Dates and order — and the same "not
// found". The fixture adds what the demo lacks (an edited comment, a mention,
// an internal note with a file, a pending upload, tags, items), and the test
// counts the cells and the relations it compared so that it cannot pass empty.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { isStaff } from "@/lib/auth/permissions";
import { uuidv7 } from "@/lib/ids";
import { DEMO_EMAILS, seededDemo, type Demo } from "@/test/integration/helpers";
import { loadTicketDetail, type DetailFilter } from "./detail-sql";
import { canSeeInternal, ticketScope } from "./policy";

let demo: Demo;
const person = { select: { id: true, name: true } } as const;

/** The include getTicketDetail ran through Prisma, with tie-breakers where it had none (the statement orders those). */
function prismaDetail(actor: Actor, number: string, f: DetailFilter) {
  return db.ticket.findFirst({
    where: { ...ticketScope(actor), number, ...(f.ownOnly ? { requesterId: actor.id } : {}) },
    include: {
      project: { select: { id: true, key: true, name: true, workflow: true } },
      requester: person,
      assignees: { include: { user: person }, orderBy: [{ isPrimary: "desc" }, { assignedAt: "asc" }, { userId: "asc" }] },
      watchers: { include: { user: person }, orderBy: [{ createdAt: "asc" }, { userId: "asc" }] },
      tags: { include: { tag: true }, orderBy: [{ tag: { name: "asc" } }, { tagId: "asc" }] },
      column: { select: { id: true, name: true, color: true, category: true } },
      asset: { select: { id: true, tag: true, name: true } },
      customer: { select: { id: true, name: true } },
      approvedBy: person,
      acceptedBy: person,
      reviewer: person,
      items: { orderBy: [{ position: "asc" }, { id: "asc" }] },
      comments: {
        where: f.internal ? {} : { type: { not: "internal_note" } },
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
        include: {
          author: person,
          revisions: { where: f.staffView ? {} : { id: { in: [] } }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], select: { id: true, body: true, createdAt: true, editedBy: person } },
          mentions: { where: f.internal ? {} : { userId: { in: [] } }, orderBy: [{ createdAt: "asc" }, { userId: "asc" }], select: { userId: true, user: person } },
        },
      },
      history: { where: f.internal ? {} : { internal: false }, orderBy: [{ createdAt: "asc" }, { id: "asc" }], include: { actor: person } },
      attachments: {
        where: f.internal ? { pending: false } : { pending: false, OR: [{ commentId: null }, { comment: { type: { not: "internal_note" } } }] },
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
        select: { id: true, commentId: true, originalName: true, size: true, mimeType: true, createdAt: true, uploadedBy: person },
      },
    },
  });
}

beforeAll(async () => {
  demo = await seededDemo();
  const acme = demo.acme.id;
  const ticket = await db.ticket.findFirstOrThrow({ where: { organizationId: acme, project: { key: "SUP" } }, orderBy: { seq: "asc" } });
  const change = await db.ticket.findFirstOrThrow({ where: { organizationId: acme, project: { key: "CHG" } }, orderBy: { seq: "asc" } });
  const agent = demo.actors["agent@acme.test"].id;
  const manager = demo.actors["manager@acme.test"].id;
  const at = (s: number) => new Date(Date.UTC(2026, 10, 20, 9, 0, s, 120));
  const publicId = uuidv7();
  const noteId = uuidv7();
  await db.comment.createMany({
    data: [
      { id: publicId, organizationId: acme, ticketId: ticket.id, authorId: agent, type: "comment", body: "Edited reply", editedAt: at(5), version: 2, createdAt: at(1), updatedAt: at(5) },
      { id: noteId, organizationId: acme, ticketId: ticket.id, authorId: agent, type: "internal_note", body: "Note for @Maria", createdAt: at(2), updatedAt: at(2) },
    ],
  });
  await db.commentRevision.createMany({
    data: [
      { id: uuidv7(), organizationId: acme, commentId: publicId, body: "First words", editedById: agent, createdAt: at(3) },
      { id: uuidv7(), organizationId: acme, commentId: publicId, body: "Second words", editedById: null, createdAt: at(4) },
    ],
  });
  await db.commentMention.create({ data: { organizationId: acme, commentId: noteId, userId: manager, createdAt: at(2) } });
  const file = (name: string, commentId: string | null, pending: boolean, s: number) => ({
    id: uuidv7(), organizationId: acme, ticketId: ticket.id, commentId, uploadedById: agent, originalName: name, sha256: "0".repeat(64),
    size: 1000 + s, mimeType: "text/plain", pending, createdAt: at(s),
  });
  await db.attachment.createMany({ data: [file("public.txt", publicId, false, 6), file("note.txt", noteId, false, 7), file("ticket.txt", null, false, 8), file("draft.txt", null, true, 9)] });
  const tags = await Promise.all(
    ["zeta", "alpha"].map((name) => db.tag.upsert({ where: { organizationId_name: { organizationId: acme, name } }, create: { organizationId: acme, name }, update: {} })),
  );
  await db.ticketTag.createMany({ data: tags.map((t) => ({ ticketId: ticket.id, tagId: t.id, organizationId: acme })), skipDuplicates: true });
  await db.ticketHistory.create({ data: { organizationId: acme, ticketId: ticket.id, actorId: agent, action: "field_change", field: "priority", oldValue: "normal", newValue: "high", internal: true, createdAt: at(10) } });
  await db.changeItem.createMany({
    data: [1, 0].map((position) => ({
      organizationId: acme, ticketId: change.id, position, action: "add" as const, componentType: "memory", quantity: 2, specifications: { size: "64GB", createdAt: "not a date" },
      validationStatus: "valid" as const, fulfilled: position === 1, fulfilledAt: position === 1 ? at(11) : null, createdAt: at(11), updatedAt: at(11),
    })),
  });
}, 120_000);

describe("the ticket page's statement reads what Prisma's include read", () => {
  it("for every demo user × ticket, on the desk and on the portal", async () => {
    const tickets = await db.ticket.findMany({ select: { number: true, organizationId: true }, orderBy: [{ organizationId: "asc" }, { seq: "asc" }] });
    expect(tickets.length).toBeGreaterThan(20);
    let cells = 0;
    let found = 0;
    const seen = { revisions: 0, mentions: 0, attachments: 0, tags: 0, watchers: 0, items: 0, internal: 0, assignees: 0 };
    for (const email of DEMO_EMAILS) {
      const actor = demo.actors[email];
      const cuts: DetailFilter[] = [{ internal: false, staffView: false, ownOnly: true }];
      if (isStaff(actor)) cuts.push({ internal: canSeeInternal(actor), staffView: true, ownOnly: false });
      for (const t of tickets) {
        for (const cut of cuts) {
          const [mine, theirs] = await Promise.all([loadTicketDetail(actor, t.number, cut), prismaDetail(actor, t.number, cut)]);
          expect(mine, `${email} ${t.number} ${JSON.stringify(cut)}`).toEqual(theirs);
          cells++;
          if (!mine) continue;
          found++;
          seen.revisions += mine.comments.reduce((n, c) => n + c.revisions.length, 0);
          seen.mentions += mine.comments.reduce((n, c) => n + c.mentions.length, 0);
          seen.internal += mine.comments.filter((c) => c.type === "internal_note").length;
          seen.attachments += mine.attachments.length;
          seen.tags += mine.tags.length;
          seen.watchers += mine.watchers.length;
          seen.items += mine.items.length;
          seen.assignees += mine.assignees.length;
          for (const c of mine.comments) expect(c.createdAt).toBeInstanceOf(Date);
        }
      }
    }
    // Every cell compared, most of them a ticket the viewer sees and some not; every relation met with rows.
    expect(cells).toBe(tickets.length * DEMO_EMAILS.reduce((n, e) => n + (isStaff(demo.actors[e]) ? 2 : 1), 0));
    expect(found).toBeGreaterThan(50);
    expect(found).toBeLessThan(cells);
    for (const [relation, n] of Object.entries(seen)) expect(n, relation).toBeGreaterThan(0);
  }, 120_000);

  it("reads stored timestamps as the same instants, to the millisecond", async () => {
    const agent = demo.actors["agent@acme.test"];
    const t = await db.ticket.findFirstOrThrow({ where: { organizationId: demo.acme.id, project: { key: "SUP" } }, orderBy: { seq: "asc" } });
    const detail = await loadTicketDetail(agent, t.number, { internal: true, staffView: true, ownOnly: false });
    const edited = detail!.comments.find((c) => c.body === "Edited reply")!;
    expect(edited.editedAt!.toISOString()).toBe("2026-11-20T09:00:05.120Z");
    expect(edited.revisions.map((r) => r.body)).toEqual(["Second words", "First words"]);
    expect(detail!.tags.map((x) => x.tag.name)).toEqual(expect.arrayContaining(["alpha", "zeta"]));
  });
});
