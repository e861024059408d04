import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { seededDemo, expectAppError, type Demo } from "@/test/integration/helpers";
import { recordTicketView } from "./view-count";

let demo: Demo;
beforeAll(async () => {
  demo = await seededDemo();
});

describe("ticket view count", () => {
  it("counts each view with a single update that leaves version, updatedAt and history alone", async () => {
    const t = await db.ticket.findFirstOrThrow({ where: { organizationId: demo.acme.id, title: "VPN disconnects every 10 minutes" } });
    const historyBefore = await db.ticketHistory.count({ where: { ticketId: t.id } });
    expect(await recordTicketView(demo.actors["agent@acme.test"], t.id)).toBe(t.viewCount + 1);
    expect(await recordTicketView(demo.actors["requester@acme.test"], t.id)).toBe(t.viewCount + 2);
    const after = await db.ticket.findUniqueOrThrow({ where: { id: t.id } });
    expect(after.viewCount).toBe(t.viewCount + 2);
    expect(after.version).toBe(t.version);
    expect(after.updatedAt).toEqual(t.updatedAt);
    expect(await db.ticketHistory.count({ where: { ticketId: t.id } })).toBe(historyBefore);
  });

  it("a ticket outside the viewer's scope is not found and not counted", async () => {
    const t = await db.ticket.findFirstOrThrow({ where: { organizationId: demo.acme.id, title: "E-mail bounces from the sales mailbox" } });
    // requester@acme did not request it; Globex cannot see Acme at all.
    await expectAppError(recordTicketView(demo.actors["requester@acme.test"], t.id), "NOT_FOUND");
    await expectAppError(recordTicketView(demo.actors["agent@globex.test"], t.id), "NOT_FOUND");
    expect((await db.ticket.findUniqueOrThrow({ where: { id: t.id } })).viewCount).toBe(t.viewCount);
  });
});
