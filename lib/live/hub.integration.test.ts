import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { createTicket } from "@/lib/domain/tickets/create-ticket";
import { addComment } from "@/lib/domain/tickets/add-comment";
import { softDeleteTicket } from "@/lib/domain/tickets/delete-ticket";
import { readDeskQuery } from "@/lib/validation/desk";
import { seededDemo, type Demo, type DemoEmail } from "@/test/integration/helpers";
import { LiveHub, type StreamHandle, type StreamOptions } from "./hub";
import type { LiveEventName, LiveEvents } from "./events";

// Two hubs on one database stand for two app instances: every notice is heard
// by both, each serves its own streams, and presence crosses between them.
let demo: Demo;
let a: LiveHub;
let b: LiveHub;

type Got = { event: LiveEventName; data: unknown }[];

function recorder(): StreamHandle & { got: Got; closed: boolean } {
  const got: Got = [];
  const h = {
    got,
    closed: false,
    send<E extends LiveEventName>(event: E, data: LiveEvents[E]) {
      got.push({ event, data });
      return true;
    },
    ping: () => true,
    close() {
      h.closed = true;
    },
  };
  return h;
}

async function waitFor(check: () => boolean, ms = 4000): Promise<void> {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error("timed out waiting for a live event");
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Time for any notice of the last write to arrive and be delivered (asserting that something did NOT come). */
async function quiet(...hubs: LiveHub[]): Promise<void> {
  await new Promise((r) => setTimeout(r, 400));
  await Promise.all(hubs.map((h) => h.settled()));
}

const desk = (qs = "") => readDeskQuery(new URLSearchParams(qs)).query;
const actor = (email: DemoEmail): Actor => demo.actors[email];

async function open(hub: LiveHub, email: DemoEmail, topics: Omit<StreamOptions, "actor" | "sessionId">) {
  const h = recorder();
  const close = await hub.open({ actor: actor(email), sessionId: randomUUID(), ...topics }, h);
  return Object.assign(h, { end: close });
}

const ticketEvents = (h: { got: Got }, id: string) => h.got.filter((g) => g.event === "ticket" && (g.data as { id: string }).id === id).map((g) => (g.data as { kind: string }).kind);
const mentions = (h: { got: Got }, event: LiveEventName, id: string) => h.got.some((g) => g.event === event && JSON.stringify(g.data).includes(id));

beforeAll(async () => {
  demo = await seededDemo();
  const reloadActor = async (_s: string, userId: string) => Object.values(demo.actors).find((x) => x.id === userId) ?? null;
  a = new LiveHub({ reloadActor, flushMs: 30, announceMs: 60_000 });
  b = new LiveHub({ reloadActor, flushMs: 30, announceMs: 60_000 });
});

afterAll(async () => {
  await a.stop();
  await b.stop();
});

describe("the live hub", () => {
  it("tells each viewer of a new ticket what their scope and view allow, on either instance", async () => {
    const agentDesk = await open(a, "agent@acme.test", { desk: desk() });
    const lowDesk = await open(b, "agent@acme.test", { desk: desk("priority=low") });
    const techDesk = await open(a, "tech@acme.test", { desk: desk() });
    const globexDesk = await open(b, "agent@globex.test", { desk: desk() });
    const requesterPortal = await open(b, "requester@acme.test", { portal: true });
    const otherRequester = await open(a, "requester2@acme.test", { portal: true });
    const sup = await demo.project(demo.acme.id, "SUP");
    const board = await open(a, "agent@acme.test", { boardProjectId: sup.id });

    const t = await createTicket(actor("requester@acme.test"), { projectKey: "SUP", title: "Live: printer on fire", description: "Smoke", priority: "high" });

    await waitFor(() => mentions(agentDesk, "desk", t.id) && mentions(requesterPortal, "portal", t.id) && mentions(board, "board", t.id));
    const deskEvent = agentDesk.got.find((g) => g.event === "desk")!.data as LiveEvents["desk"];
    expect(deskEvent.matched).toContain(t.id);
    await quiet(a, b);
    // The other desk hears of it, but its view (priority low) does not show it.
    const low = lowDesk.got.filter((g) => g.event === "desk").map((g) => g.data as LiveEvents["desk"]);
    expect(low.flatMap((e) => e.matched)).not.toContain(t.id);
    // A technician sees only tickets assigned to them; another organization and another requester hear nothing of it.
    for (const h of [techDesk, globexDesk, otherRequester]) expect(JSON.stringify(h.got), "no mention of the ticket").not.toContain(t.id);
    // The triage agents were notified: their bells hear it.
    const notified = await db.notification.findMany({ where: { ticketId: t.id }, select: { userId: true } });
    if (notified.some((n) => n.userId === actor("agent@acme.test").id)) expect(agentDesk.got.some((g) => g.event === "notice")).toBe(true);
    for (const h of [agentDesk, lowDesk, techDesk, globexDesk, requesterPortal, otherRequester, board]) h.end();
  });

  it("never tells a requester of an internal note, and tells them of a public reply", async () => {
    const t = await createTicket(actor("requester@acme.test"), { projectKey: "SUP", title: "Live: notes", description: "…" });
    // The creation's own notice is heard before the pages open.
    await quiet(a, b);
    const requesterPage = await open(a, "requester@acme.test", { ticketId: t.id });
    const requesterList = await open(b, "requester@acme.test", { portal: true });
    const agentPage = await open(b, "agent@acme.test", { ticketId: t.id });

    await addComment(actor("agent@acme.test"), { ticketId: t.id, body: "Internal: the printer is haunted", internal: true });
    await waitFor(() => ticketEvents(agentPage, t.id).includes("comment"));
    await quiet(a, b);
    expect(ticketEvents(requesterPage, t.id)).toEqual([]);
    expect(mentions(requesterList, "portal", t.id)).toBe(false);

    await addComment(actor("agent@acme.test"), { ticketId: t.id, body: "We are on it" });
    await waitFor(() => ticketEvents(requesterPage, t.id).includes("comment") && mentions(requesterList, "portal", t.id));
    for (const h of [requesterPage, requesterList, agentPage]) h.end();
  });

  it("shows staff who else is on a ticket page across instances, never to requesters", async () => {
    const t = await createTicket(actor("requester@acme.test"), { projectKey: "SUP", title: "Live: presence", description: "…" });
    const agentOnA = await open(a, "agent@acme.test", { ticketId: t.id });
    const managerOnB = await open(b, "manager@acme.test", { ticketId: t.id });
    const requesterOnB = await open(b, "requester@acme.test", { ticketId: t.id });
    const last = (h: { got: Got }) => [...h.got].reverse().find((g) => g.event === "presence")?.data as LiveEvents["presence"] | undefined;

    await waitFor(() => !!last(managerOnB)?.viewers.some((v) => v.name === actor("agent@acme.test").name));
    await waitFor(() => !!last(agentOnA)?.viewers.some((v) => v.name === actor("manager@acme.test").name));
    await a.replying(actor("agent@acme.test"), t.id, true);
    await waitFor(() => !!last(managerOnB)?.viewers.some((v) => v.id === actor("agent@acme.test").id && v.replying));
    await a.replying(actor("agent@acme.test"), t.id, false);
    await waitFor(() => !!last(managerOnB)?.viewers.some((v) => v.id === actor("agent@acme.test").id && !v.replying));
    // Leaving the page: gone for the others.
    agentOnA.end();
    await waitFor(() => !last(managerOnB)?.viewers.some((v) => v.id === actor("agent@acme.test").id));
    expect(requesterOnB.got.filter((g) => g.event === "presence")).toEqual([]);
    managerOnB.end();
    requesterOnB.end();
  });

  it("tells those who saw a ticket that it was deleted", async () => {
    const t = await createTicket(actor("requester@acme.test"), { projectKey: "SUP", title: "Live: delete me", description: "…" });
    const agentPage = await open(a, "agent@acme.test", { ticketId: t.id });
    const agentDesk = await open(b, "agent@acme.test", { desk: desk() });
    await softDeleteTicket(actor("admin@acme.test"), { ticketId: t.id });
    await waitFor(() => ticketEvents(agentPage, t.id).includes("removed"));
    await waitFor(() => agentDesk.got.some((g) => g.event === "desk" && (g.data as LiveEvents["desk"]).removed.includes(t.id)));
    agentPage.end();
    agentDesk.end();
  });

  it("reads a stream's actor again and ends the stream of a closed session", async () => {
    const hub = new LiveHub({ flushMs: 30, actorTtlMs: 0, reloadActor: async () => null });
    const h = await open(hub, "agent@acme.test", { desk: desk() });
    await createTicket(actor("requester@acme.test"), { projectKey: "SUP", title: "Live: after sign-out", description: "…" });
    await waitFor(() => h.closed);
    expect(h.got.filter((g) => g.event === "desk")).toEqual([]);
    expect(hub.size).toBe(0);
    await hub.stop();
  });
});
