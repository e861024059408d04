import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { defineAction } from "@/lib/actions/safe-action";
import { addCommentSchema } from "@/lib/validation/ticket";
import { addComment } from "./add-comment";
import { createTicket } from "./create-ticket";
import { getTicketDetail, listTickets, loadTicketForActor } from "./queries";
import { expectAppError, seededDemo, writeFootprint, type Demo, type DemoEmail } from "@/test/integration/helpers";

// DESIGN §1: an id from another organization behaves exactly like an id that
// does not exist — "not found", never "forbidden", and nothing is written.

let demo: Demo;
let acmeTicket: { id: string; number: string };
const TITLE = "Acme secret: payroll server migration";

/** The server action as lib/actions/tickets.ts defines it, with the session injected. */
const replyAs = (actor: Actor) => defineAction(async () => actor, addCommentSchema, async (a, input) => ({ id: (await addComment(a, input)).id }));

beforeAll(async () => {
  demo = await seededDemo();
  acmeTicket = await createTicket(demo.actors["requester@acme.test"], { requestType: "support", title: TITLE, description: "Only Acme may read this." });
});

describe("another organization's ticket is not found", () => {
  it("the Acme ticket is numbered above Globex's SUP-1 and SUP-2", () => {
    const n = Number(/^SUP-(\d+)$/.exec(acmeTicket.number)?.[1]);
    expect(n).toBeGreaterThan(2);
  });

  const outsiders: DemoEmail[] = ["agent@globex.test", "admin@globex.test", "requester@globex.test", "requester2@acme.test"];

  it.each(outsiders)("%s cannot read it by number or by id", async (email) => {
    const actor = demo.actors[email];
    await expectAppError(getTicketDetail(actor, acmeTicket.number), "NOT_FOUND");
    await expectAppError(getTicketDetail(actor, acmeTicket.number, { requesterView: true, ownOnly: true }), "NOT_FOUND");
    await expectAppError(loadTicketForActor(actor, acmeTicket.id, { id: true, title: true }), "NOT_FOUND");
    const { rows } = await listTickets(actor, { limit: 100 });
    expect(rows.map((r) => r.title)).not.toContain(TITLE);
    expect(rows.map((r) => r.number)).not.toContain(acmeTicket.number);
  });

  it.each(outsiders)("%s cannot reply to it, directly or through the action, and nothing is written", async (email) => {
    const actor = demo.actors[email];
    const before = await writeFootprint();
    const ticketBefore = await db.ticket.findUniqueOrThrow({ where: { id: acmeTicket.id } });

    const direct = await expectAppError(addComment(actor, { ticketId: acmeTicket.id, body: "Hello from outside" }), "NOT_FOUND");
    await expectAppError(addComment(actor, { ticketId: acmeTicket.id, body: "Sneaky note", internal: true }), "NOT_FOUND");
    const viaAction = await replyAs(actor)({ ticketId: acmeTicket.id, body: "Hello from outside" });
    expect(viaAction).toMatchObject({ ok: false, code: "NOT_FOUND" });

    // Indistinguishable from an id that does not exist at all (no existence oracle).
    const missing = await expectAppError(addComment(actor, { ticketId: randomUUID(), body: "Hello" }), "NOT_FOUND");
    expect(direct.message).toBe(missing.message);
    expect(viaAction).toEqual(await replyAs(actor)({ ticketId: randomUUID(), body: "Hello from outside" }));

    expect(await writeFootprint()).toEqual(before);
    expect(await db.comment.count({ where: { ticketId: acmeTicket.id } })).toBe(0);
    expect(await db.ticket.findUniqueOrThrow({ where: { id: acmeTicket.id } })).toEqual(ticketBefore);
  });

  it("a Globex number that also exists in Acme resolves to the Globex ticket only", async () => {
    const globexAdmin = demo.actors["admin@globex.test"];
    const sup1 = await getTicketDetail(globexAdmin, "SUP-1");
    expect(sup1.organizationId).toBe(demo.globex.id);
    expect(sup1.title).toMatch(/^Globex:/);
    const acmeSup1 = await getTicketDetail(demo.actors["admin@acme.test"], "SUP-1");
    expect(acmeSup1.organizationId).toBe(demo.acme.id);
    expect(acmeSup1.id).not.toBe(sup1.id);
  });

  it("the requester and Acme staff do see it (the refusals above are about scope, not a broken ticket)", async () => {
    for (const email of ["requester@acme.test", "agent@acme.test", "admin@acme.test"] as const) {
      const t = await getTicketDetail(demo.actors[email], acmeTicket.number);
      expect(t.id, email).toBe(acmeTicket.id);
    }
    const res = await replyAs(demo.actors["agent@acme.test"])({ ticketId: acmeTicket.id, body: "On it." });
    expect(res.ok).toBe(true);
    expect(await db.comment.count({ where: { ticketId: acmeTicket.id } })).toBe(1);
  });
});
