import { describe, expect, it } from "vitest";
import { buildMessage, excerpt, ticketLink, type MessageContext } from "./messages";

const ticket = { number: "SUP-12", title: "Printer jams" };
const requester = { staff: false, seesInternal: false };
const agent = { staff: true, seesInternal: true };
const tech = { staff: true, seesInternal: false };
const SECRET = "root password is hunter2";
const URL = "https://desk.example.test/";

const all = (m: ReturnType<typeof buildMessage>) => [m.title, m.body, m.subject, m.text].join("\n");

describe("buildMessage", () => {
  it("links staff to /tickets/N and requesters to /portal/tickets/N, in the app and in the e-mail", () => {
    const ctx: MessageContext = { event: "status_change", ticket, actorName: "Sam Agent", status: { from: "open", to: "resolved" } };
    const forRequester = buildMessage(ctx, requester, URL);
    expect(forRequester.link).toBe("/portal/tickets/SUP-12");
    expect(forRequester.text).toContain("https://desk.example.test/portal/tickets/SUP-12");
    expect(forRequester.title).toBe("SUP-12 is now Resolved");
    expect(forRequester.body).toBe("Sam Agent moved “Printer jams” from Open to Resolved.");
    expect(buildMessage(ctx, agent, URL).link).toBe("/tickets/SUP-12");
    expect(forRequester.subject).toBe("[SUP-12] SUP-12 is now Resolved");
  });

  it("a transfer names the team and its reason", () => {
    const m = buildMessage({ event: "team_transfer", ticket, actorName: "Sam Agent", teamName: "Network", reason: "Switch port  is dead" }, agent, URL);
    expect(m.title).toBe("SUP-12 was transferred to Network team");
    expect(m.body).toBe("Sam Agent transferred “Printer jams” to Network team. Reason: Switch port is dead");
    expect(m.text).toContain("A ticket is given or transferred to a team you belong to.");
    expect(buildMessage({ event: "team_transfer", ticket, actorName: "Sam Agent", teamName: "Network team" }, agent, URL).body).toBe("Sam Agent transferred “Printer jams” to Network team.");
  });

  it("a public reply carries an excerpt of the reply", () => {
    const m = buildMessage({ event: "public_reply", ticket, actorName: "Sam Agent", comment: { body: "Try   turning it\noff and on.", internal: false } }, requester, URL);
    expect(m.title).toBe("Sam Agent replied on SUP-12");
    expect(m.body).toBe("Try turning it off and on.");
    expect(m.text).toContain("Try turning it off and on.");
  });

  it("never puts internal-note text in anything for a reader without ticket.view_internal", () => {
    const note = { body: SECRET, internal: true };
    for (const event of ["watcher_update", "public_reply", "mention"] as const) {
      for (const reader of [requester, tech]) {
        const m = buildMessage({ event, ticket, actorName: "Sam Agent", comment: note }, reader, URL);
        expect(all(m), `${event} for ${JSON.stringify(reader)}`).not.toContain("hunter2");
        expect(all(m)).not.toMatch(/internal note/i);
      }
    }
    const staff = buildMessage({ event: "watcher_update", ticket, actorName: "Sam Agent", comment: note }, agent, URL);
    expect(staff.title).toBe("Sam Agent added an internal note on SUP-12");
    expect(staff.body).toBe(SECRET);
  });

  it("a rejection tells the reason; an approval and an assignment say who", () => {
    const rejected = buildMessage({ event: "rejected", ticket, actorName: "Maria Manager", reason: "Use the analytics cluster." }, requester, URL);
    expect(rejected.title).toBe("SUP-12 was rejected");
    expect(rejected.body).toContain("Reason: Use the analytics cluster.");
    expect(buildMessage({ event: "approved", ticket, actorName: "Maria Manager" }, requester, URL).body).toBe("Maria Manager approved “Printer jams”.");
    expect(buildMessage({ event: "assigned", ticket, actorName: "Ada Admin" }, agent, URL).title).toBe("SUP-12 was assigned to you");
    const watcher = buildMessage({ event: "watcher_update", cause: "assigned", assigneeNames: ["Sam Agent"], ticket, actorName: "Ada Admin" }, requester, URL);
    expect(watcher.body).toBe("Ada Admin assigned “Printer jams” to Sam Agent.");
  });

  it("a watcher update about a move reads like the move", () => {
    const m = buildMessage({ event: "watcher_update", cause: "status_change", ticket, actorName: null, status: { from: "in_progress", to: "on_hold" } }, agent, URL);
    expect(m.title).toBe("SUP-12 is now On hold");
    expect(m.body).toBe("Someone moved “Printer jams” from In progress to On hold.");
    expect(m.text).toContain("You are watching this ticket.");
  });

  it("keeps texts short", () => {
    const long = "word ".repeat(200);
    const m = buildMessage({ event: "public_reply", ticket, actorName: "Sam", comment: { body: long, internal: false } }, requester, URL);
    expect(m.body.length).toBeLessThanOrEqual(280);
    expect(m.body.endsWith("…")).toBe(true);
    expect(excerpt("a\n\n b")).toBe("a b");
  });

  it("encodes ticket numbers in links", () => {
    expect(ticketLink("TKT-20261122-0001", true)).toBe("/tickets/TKT-20261122-0001");
    expect(ticketLink("A B", false)).toBe("/portal/tickets/A%20B");
  });
});
