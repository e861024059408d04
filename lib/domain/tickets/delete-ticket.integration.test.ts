import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { softDeleteTicket } from "./delete-ticket";
import { createTicket } from "./create-ticket";
import { expectAppError, seededDemo, type Demo } from "@/test/integration/helpers";

// Found by the bad-input table (issue 11): deleteTicketAction with a version the
// ticket never had still deleted it — the version was read and then ignored.
let demo: Demo;
beforeAll(async () => {
  demo = await seededDemo();
});

async function fresh(title: string) {
  const t = await createTicket(demo.actors["requester@acme.test"], { requestType: "support", title, description: "", priority: "normal" });
  return db.ticket.findUniqueOrThrow({ where: { id: t.id }, select: { id: true, version: true } });
}

describe("soft delete", () => {
  it("with a stale version is a conflict and deletes nothing", async () => {
    const t = await fresh("Stale delete");
    await expectAppError(softDeleteTicket(demo.actors["admin@acme.test"], { ticketId: t.id, version: t.version + 5 }), "CONFLICT");
    expect((await db.ticket.findUniqueOrThrow({ where: { id: t.id }, select: { deletedAt: true } })).deletedAt).toBeNull();
    expect(await db.ticketHistory.count({ where: { ticketId: t.id, action: "deleted" } })).toBe(0);
  });

  it("with the version seen deletes once, with its history row; again is not found", async () => {
    const t = await fresh("Current delete");
    await softDeleteTicket(demo.actors["admin@acme.test"], { ticketId: t.id, version: t.version });
    const row = await db.ticket.findUniqueOrThrow({ where: { id: t.id }, select: { deletedAt: true, deletedById: true, version: true } });
    expect(row.deletedAt).not.toBeNull();
    expect(row.deletedById).toBe(demo.actors["admin@acme.test"].id);
    expect(row.version).toBe(t.version + 1);
    expect(await db.ticketHistory.count({ where: { ticketId: t.id, action: "deleted" } })).toBe(1);
    await expectAppError(softDeleteTicket(demo.actors["admin@acme.test"], { ticketId: t.id, version: row.version }), "NOT_FOUND");
  });
});
