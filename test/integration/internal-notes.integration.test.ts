// Internal notes never reach requesters (issue 5, DESIGN §5): one test per
// path — the portal ticket page's data, server-action responses, search, the
// history view, exports and the revisions of edited notes. (Notifications and
// attachments have their own leak tests with those features.)
import { beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { addComment } from "@/lib/domain/tickets/add-comment";
import { getTicketDetail } from "@/lib/domain/tickets/queries";
import { describeHistory } from "@/lib/domain/tickets/history-text";
import { deskPage } from "@/lib/domain/desk/desk-query";
import { deskCsv } from "@/lib/domain/desk/export";
import { editComment } from "@/lib/domain/comments/edit-comment";
import { formatMention } from "@/lib/domain/comments/mention-token";
import { parseDeskQuery } from "@/lib/validation/desk";
import { seededDemo, type Demo } from "./helpers";
import { signInAs } from "./session";

// The real server actions, with the session resolved to the actor under test.
vi.mock("@/lib/auth/actor", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/lib/auth/actor")>()),
  getActor: (await import("./session")).sessionActor,
}));
const { addCommentAction, transitionTicketAction } = await import("@/lib/actions/tickets");
const { editCommentAction, markSolutionAction, recordTicketViewAction } = await import("@/lib/actions/comments");
const { renderCannedResponseAction } = await import("@/lib/actions/canned-responses");

// Distinctive words, so a match anywhere is unambiguous (and searchable).
const NOTE = "Internal: the requester's manager approved overtime, zanzibarquokka";
const NOTE_V2 = "Internal: overtime approved, escalate to vendor, marmalades";
const PUBLIC = "We are rolling out a fix tonight, pangolinfiddle";
const SECRETS = ["zanzibarquokka", "marmalades", "overtime", "escalate to vendor"];

let demo: Demo;
let ticket: { id: string; number: string };
let noteId: string;
let requester: Actor;

function expectNoSecret(value: unknown) {
  const text = typeof value === "string" ? value : JSON.stringify(value);
  for (const s of SECRETS) expect(text, `leaked "${s}"`).not.toContain(s);
}

beforeAll(async () => {
  demo = await seededDemo();
  requester = demo.actors["requester@acme.test"];
  ticket = await db.ticket.findFirstOrThrow({ where: { organizationId: demo.acme.id, title: "VPN disconnects every 10 minutes" }, select: { id: true, number: true } });
  const agent = demo.actors["agent@acme.test"];
  await addComment(agent, { ticketId: ticket.id, body: PUBLIC });
  const note = await addComment(agent, { ticketId: ticket.id, body: `${NOTE} ${formatMention(demo.actors["manager@acme.test"])}`, internal: true });
  noteId = note.id;
  // Edited, so the first text lives on as a revision.
  await editComment(agent, { commentId: noteId, body: NOTE_V2, version: 1 });
  // A technician assigned to the ticket: staff, but without ticket.view_internal.
  await db.ticketAssignee.create({ data: { ticketId: ticket.id, userId: demo.actors["tech@acme.test"].id, organizationId: demo.acme.id } });
});

describe("internal notes never reach requesters", () => {
  it("the portal ticket page's data: no internal comments, revisions, mentions or internal history", async () => {
    for (const opts of [{ ownOnly: true, requesterView: true }, {}]) {
      const detail = await getTicketDetail(requester, ticket.number, opts);
      expect(detail.comments.map((c) => c.type)).not.toContain("internal_note");
      expect(detail.comments.some((c) => c.body === PUBLIC)).toBe(true);
      expect(detail.comments.flatMap((c) => c.revisions)).toEqual([]);
      expect(detail.comments.flatMap((c) => c.mentions)).toEqual([]);
      expect(detail.history.filter((h) => h.internal)).toEqual([]);
      expect(detail.history.some((h) => h.newValue === noteId)).toBe(false);
      expectNoSecret(detail);
    }
    // Staff viewing their own request on the portal get the requester's view too.
    const agentOnPortal = await getTicketDetail(demo.actors["agent@acme.test"], ticket.number, { requesterView: true });
    expectNoSecret(agentOnPortal);
    // The same call for staff does include it (the test can fail).
    expect(JSON.stringify(await getTicketDetail(demo.actors["agent@acme.test"], ticket.number))).toContain("marmalades");
  });

  it("staff without ticket.view_internal do not get internal notes either", async () => {
    const detail = await getTicketDetail(demo.actors["tech@acme.test"], ticket.number);
    expect(detail.comments.map((c) => c.type)).not.toContain("internal_note");
    expectNoSecret(detail);
  });

  it("server-action responses carry no internal text", async () => {
    signInAs(requester);
    const results = [
      await addCommentAction({ ticketId: ticket.id, body: "Thanks, any news?" }),
      await addCommentAction({ ticketId: ticket.id, body: "sneaky", internal: true }),
      await editCommentAction({ commentId: noteId, body: "overwrite", version: 2 }),
      await markSolutionAction({ commentId: noteId, solution: true }),
      await recordTicketViewAction({ ticketId: ticket.id }),
      await renderCannedResponseAction({ ticketId: ticket.id, cannedResponseId: noteId }),
      await transitionTicketAction({ ticketId: ticket.id, to: "closed", version: 1 }),
    ];
    expect(results[0]).toMatchObject({ ok: true });
    expect(results[1]).toMatchObject({ ok: false, code: "FORBIDDEN" });
    expect(results[2]).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(results[3]).toMatchObject({ ok: false, code: "FORBIDDEN" });
    expect(results[4]).toMatchObject({ ok: true });
    for (const r of results) expectNoSecret(r);
    // The note is untouched.
    expect((await db.comment.findUniqueOrThrow({ where: { id: noteId } })).body).toBe(NOTE_V2);
    signInAs(null);
  });

  it("search: requester-scope and technician searches never match internal text", async () => {
    const search = (actor: Actor, q: string) => deskPage(actor, { filters: parseDeskQuery(new URLSearchParams({ q })) });
    for (const actor of [requester, demo.actors["tech@acme.test"]]) {
      // Public text of the same ticket is found (so the search itself works)…
      expect((await search(actor, "pangolinfiddle")).rows.map((r) => r.number)).toEqual([ticket.number]);
      // …internal text, current or earlier, is not.
      expect((await search(actor, "marmalades")).rows).toEqual([]);
      expect((await search(actor, "zanzibarquokka")).rows).toEqual([]);
    }
    expect((await search(demo.actors["agent@acme.test"], "marmalades")).rows.map((r) => r.number)).toEqual([ticket.number]);
  });

  it("the history view: no internal rows for requesters, and no sentence ever prints a note's text", async () => {
    const staff = await getTicketDetail(demo.actors["agent@acme.test"], ticket.number);
    const sentences = staff.history.map((h) => `${describeHistory(h)} ${h.comment ?? ""}`);
    expect(sentences).toContain("Sam Agent added an internal note ");
    expect(sentences).toContain("Sam Agent edited a comment ");
    expectNoSecret(sentences);
    const portal = await getTicketDetail(requester, ticket.number, { ownOnly: true, requesterView: true });
    const portalSentences = portal.history.map((h) => describeHistory(h));
    expect(portalSentences.join("\n")).not.toMatch(/internal note/);
    expect(portalSentences).not.toContain("Sam Agent edited a comment");
  });

  it("exports: the desk CSV never contains internal text, whoever exports and whatever the filter", async () => {
    const exportCsv = async (actor: Actor, params: Record<string, string>) => {
      let text = "";
      for await (const chunk of deskCsv(actor, parseDeskQuery(new URLSearchParams(params)))) text += chunk;
      return text;
    };
    for (const actor of [requester, demo.actors["tech@acme.test"], demo.actors["agent@acme.test"], demo.actors["admin@acme.test"]]) {
      expectNoSecret(await exportCsv(actor, {}));
    }
    expect(await exportCsv(requester, { q: "marmalades" })).not.toContain(ticket.number);
    expect(await exportCsv(demo.actors["agent@acme.test"], { q: "marmalades" })).toContain(ticket.number);
  });

  it("revisions of an edited internal note are never shown to requesters", async () => {
    const staff = await getTicketDetail(demo.actors["agent@acme.test"], ticket.number);
    expect(staff.comments.find((c) => c.id === noteId)!.revisions.map((r) => r.body)[0]).toContain("zanzibarquokka");
    const portal = await getTicketDetail(requester, ticket.number, { ownOnly: true, requesterView: true });
    expect(portal.comments.find((c) => c.id === noteId)).toBeUndefined();
    expectNoSecret(portal.comments);
    // Nor through a technician (staff without view_internal).
    expectNoSecret((await getTicketDetail(demo.actors["tech@acme.test"], ticket.number)).comments);
  });
});
