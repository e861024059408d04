import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createTicket } from "./create-ticket";
import { listTickets } from "./queries";
import { TERMINAL_STATUSES } from "./workflow";
import { seededDemo, type Demo } from "@/test/integration/helpers";

// /portal: a requester searches and filters their own requests (issue 14).

let demo: Demo;
beforeAll(async () => {
  demo = await seededDemo();
});

describe("the portal's own requests, searched and filtered", () => {
  it("finds the requester's tickets by a word of the title (any case) or the number, and never another requester's", async () => {
    const rita = demo.actors["requester@acme.test"];
    const rob = demo.actors["requester2@acme.test"];
    const mine = await createTicket(rita, { requestType: "support", title: "Quokka scanner jams on page two" });
    await createTicket(rob, { requestType: "support", title: "Quokka scanner is Rob's too" });
    const byWord = await listTickets(rita, { ownOnly: true, q: "QUOKKA" });
    expect(byWord.rows.map((r) => r.number)).toEqual([mine.number]);
    const byNumber = await listTickets(rita, { ownOnly: true, q: mine.number.toLowerCase() });
    expect(byNumber.rows.map((r) => r.number)).toEqual([mine.number]);
    expect((await listTickets(rita, { ownOnly: true, q: "no ticket says this" })).rows).toEqual([]);
  });

  it("keeps open or closed work only, and pages through a filter", async () => {
    const rita = demo.actors["requester@acme.test"];
    const all = await listTickets(rita, { ownOnly: true, limit: 100 });
    const open = await listTickets(rita, { ownOnly: true, state: "open", limit: 100 });
    const closed = await listTickets(rita, { ownOnly: true, state: "closed", limit: 100 });
    expect(open.rows.length).toBeGreaterThan(0);
    expect(closed.rows.length).toBeGreaterThan(0);
    expect(open.rows.length + closed.rows.length).toBe(all.rows.length);
    const terminal: readonly string[] = TERMINAL_STATUSES;
    expect(open.rows.every((r) => !terminal.includes(r.status))).toBe(true);
    expect(closed.rows.every((r) => terminal.includes(r.status))).toBe(true);
    // Page by page with the filter: the same rows, in the same order.
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Awaited<ReturnType<typeof listTickets>> = await listTickets(rita, { ownOnly: true, state: "open", limit: 2, cursor });
      seen.push(...page.rows.map((r) => r.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(open.rows.map((r) => r.id));
    expect(await db.ticket.count({ where: { requesterId: rita.id, deletedAt: null, status: { notIn: [...TERMINAL_STATUSES] } } })).toBeGreaterThanOrEqual(open.rows.length);
  });
});
