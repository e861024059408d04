import { describe, expect, it } from "vitest";
import { selectRecipients, exclusionReason, outranks, type Candidate } from "./recipients";
import { channelsOf, eventsFor, NOTIFICATION_EVENTS } from "./events";

const ORG = "org-a";
const person = (userId: string, over: Partial<Candidate> = {}): Candidate => ({
  userId,
  email: `${userId}@acme.test`,
  organizationId: ORG,
  active: true,
  staff: true,
  seesInternal: true,
  seesTicket: true,
  channel: null,
  ...over,
});

describe("selectRecipients", () => {
  it("never tells the actor about their own doing", () => {
    const out = selectRecipients({ event: "public_reply", organizationId: ORG, actorId: "agent", internal: false, candidates: [person("agent"), person("rita", { staff: false, seesInternal: false })] });
    expect(out.map((d) => d.userId)).toEqual(["rita"]);
  });

  it("drops people of another organization, inactive people and people who cannot see the ticket", () => {
    const out = selectRecipients({
      event: "watcher_update",
      organizationId: ORG,
      actorId: null,
      internal: false,
      candidates: [person("other", { organizationId: "org-b" }), person("gone", { active: false }), person("moved", { seesTicket: false }), person("ok")],
    });
    expect(out.map((d) => d.userId)).toEqual(["ok"]);
  });

  it("internal material only reaches holders of ticket.view_internal", () => {
    const input = { event: "watcher_update" as const, organizationId: ORG, actorId: "agent", candidates: [person("rita", { staff: false, seesInternal: false }), person("tech", { seesInternal: false }), person("manager")] };
    expect(selectRecipients({ ...input, internal: true }).map((d) => d.userId)).toEqual(["manager"]);
    expect(selectRecipients({ ...input, internal: false }).map((d) => d.userId)).toEqual(["rita", "tech", "manager"]);
    expect(exclusionReason({ ...input, internal: true }, input.candidates[0]!)).toBe("internal");
  });

  it("staff-only events never reach requesters", () => {
    for (const event of ["mention", "assigned", "approval_needed", "ticket_created"] as const) {
      const out = selectRecipients({ event, organizationId: ORG, actorId: null, internal: false, candidates: [person("rita", { staff: false, seesInternal: false }), person("sam")] });
      expect(out.map((d) => d.userId), event).toEqual(["sam"]);
    }
  });

  it("applies each person's channel: none drops them, email only writes no in-app row, default is both", () => {
    const out = selectRecipients({
      event: "status_change",
      organizationId: ORG,
      actorId: null,
      internal: false,
      candidates: [person("none", { channel: "none" }), person("mail", { channel: "email" }), person("app", { channel: "in_app" }), person("default")],
    });
    expect(out.map((d) => [d.userId, d.inApp, d.byEmail])).toEqual([
      ["mail", false, true],
      ["app", true, false],
      ["default", true, true],
    ]);
  });

  it("lists a person once even when they appear twice", () => {
    const out = selectRecipients({ event: "assigned", organizationId: ORG, actorId: null, internal: false, candidates: [person("sam"), person("sam")] });
    expect(out).toHaveLength(1);
  });
});

describe("event ranks and channels", () => {
  it("a specific event replaces a watcher update for the same activity, never the other way round", () => {
    expect(outranks("mention", "watcher_update")).toBe(true);
    expect(outranks("public_reply", "watcher_update")).toBe(true);
    expect(outranks("watcher_update", "public_reply")).toBe(false);
    expect(outranks("watcher_update", undefined)).toBe(true);
    expect(outranks("status_change", "status_change")).toBe(false);
  });

  it("maps a channel to its deliveries", () => {
    expect(channelsOf("both")).toEqual({ inApp: true, email: true });
    expect(channelsOf("in_app")).toEqual({ inApp: true, email: false });
    expect(channelsOf("email")).toEqual({ inApp: false, email: true });
    expect(channelsOf("none")).toEqual({ inApp: false, email: false });
  });

  it("requesters are offered only the events that can reach them", () => {
    expect(eventsFor(true)).toEqual([...NOTIFICATION_EVENTS]);
    expect(eventsFor(false)).toEqual(["approved", "rejected", "public_reply", "status_change", "watcher_update"]);
  });
});
