import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { ticketScope } from "@/lib/domain/tickets/policy";
import { DEMO_EMAILS, seededDemo, type Demo } from "@/test/integration/helpers";
import { ticketVisibleTo } from "@/lib/domain/tickets/policy";

let demo: Demo;
beforeAll(async () => {
  demo = await seededDemo();
  // A soft-deleted ticket and one assigned to the technician outside ENG/CHG, so every grant is exercised.
  const sup = await db.ticket.findFirstOrThrow({ where: { organizationId: demo.acme.id, number: "SUP-1" } });
  await db.ticket.update({ where: { id: sup.id }, data: { deletedAt: new Date() } });
  const sup3 = await db.ticket.findFirstOrThrow({ where: { organizationId: demo.acme.id, number: "SUP-3" } });
  await db.ticketAssignee.create({ data: { ticketId: sup3.id, userId: demo.actors["tech@acme.test"].id, organizationId: demo.acme.id } });
});

describe("ticketVisibleTo agrees with ticketScope", () => {
  it("for every demo user and every ticket of both organizations", async () => {
    const tickets = await db.ticket.findMany({ select: { id: true, organizationId: true, projectId: true, requesterId: true, deletedAt: true, assignees: { select: { userId: true } } } });
    expect(tickets.length).toBeGreaterThan(20);
    let visible = 0;
    for (const email of DEMO_EMAILS) {
      const actor = demo.actors[email];
      const inScope = new Set((await db.ticket.findMany({ where: ticketScope(actor), select: { id: true } })).map((t) => t.id));
      for (const t of tickets) {
        const facts = { ...t, deleted: !!t.deletedAt, assigneeIds: t.assignees.map((a) => a.userId) };
        expect(ticketVisibleTo(actor, facts), `${email} / ${t.id}`).toBe(inScope.has(t.id));
        if (inScope.has(t.id)) visible++;
      }
    }
    expect(visible).toBeGreaterThan(0);
  });
});
