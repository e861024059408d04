import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createTicket } from "@/lib/domain/tickets/create-ticket";
import { addComment } from "@/lib/domain/tickets/add-comment";
import { transitionTicket } from "@/lib/domain/tickets/transition-ticket";
import { setAssignees } from "@/lib/domain/tickets/assign-ticket";
import { expectAppError, seededDemo, type Demo, type DemoEmail } from "@/test/integration/helpers";
import { notifyComment, notifyMentions } from "./hooks";
import { notify } from "./notify";
import { listNotifications, markAllRead, markRead, unreadCount } from "./inbox";
import { setWatching } from "./watchers";
import { getNotificationPreferences, saveNotificationPreferences } from "./preferences";

let demo: Demo;
let assetId: string;
const a = (email: DemoEmail) => demo.actors[email];
const id = (email: DemoEmail) => demo.actors[email].id;

beforeEach(async () => {
  demo = await seededDemo();
  assetId = (await db.asset.findFirstOrThrow({ where: { organizationId: demo.acme.id }, select: { id: true } })).id;
});

/** What each person got: in-app rows and e-mails, by e-mail address. */
async function inbox(email: DemoEmail) {
  const userId = id(email);
  const notifications = await db.notification.findMany({ where: { userId }, orderBy: { createdAt: "asc" } });
  const mails = await db.outboxMessage.findMany({ where: { to: email }, orderBy: { createdAt: "asc" } });
  return { notifications, mails, events: notifications.map((n) => n.event) };
}

async function everyoneTold() {
  const rows = await db.notification.findMany({ select: { userId: true, event: true } });
  const users = await db.user.findMany({ select: { id: true, email: true } });
  const email = new Map(users.map((u) => [u.id, u.email]));
  return rows.map((r) => `${email.get(r.userId)}:${r.event}`).sort();
}

async function version(ticketId: string) {
  return (await db.ticket.findUniqueOrThrow({ where: { id: ticketId }, select: { version: true } })).version;
}

async function ritasTicket(title = "Printer on fire") {
  const t = await createTicket(a("requester@acme.test"), { requestType: "support", title });
  // Start from a clean slate: creation told the triage agent.
  await db.notification.deleteMany();
  await db.outboxMessage.deleteMany();
  return t;
}

describe("events reach the right people, never the actor", () => {
  it("ticket_created: the project's triage agents (in the app and by e-mail), not the requester", async () => {
    const t = await createTicket(a("requester@acme.test"), { requestType: "support", title: "Monitor is dead" });
    expect(await everyoneTold()).toEqual(["agent@acme.test:ticket_created"]);
    const agent = await inbox("agent@acme.test");
    expect(agent.notifications[0]).toMatchObject({ ticketId: t.id, title: `New ticket ${t.number}`, readAt: null });
    expect(agent.mails).toHaveLength(1);
    expect(agent.mails[0]!.subject).toBe(`[${t.number}] New ticket ${t.number}`);
    expect(agent.mails[0]!.text).toContain(`/tickets/${t.number}`);
    expect(agent.mails[0]!.text).not.toContain("/portal/");
    expect((await inbox("requester@acme.test")).mails).toHaveLength(0);
  });

  it("a triage agent who opens a ticket themselves is not told", async () => {
    await createTicket(a("agent@acme.test"), { requestType: "support", title: "Own ticket" });
    expect(await everyoneTold()).toEqual([]);
    expect(await db.outboxMessage.count()).toBe(0);
  });

  it("assigned: the new assignees, not the assigner; the requester (a watcher) hears of it as a watcher update", async () => {
    const t = await ritasTicket();
    await setAssignees(a("admin@acme.test"), { ticketId: t.id, version: await version(t.id), assigneeIds: [id("agent@acme.test"), id("tech@acme.test"), id("admin@acme.test")] });
    expect(await everyoneTold()).toEqual(["agent@acme.test:assigned", "requester@acme.test:watcher_update", "tech@acme.test:assigned"]);
    const rita = await inbox("requester@acme.test");
    expect(rita.notifications[0]!.body).toContain("Sam Agent");
    expect(rita.mails[0]!.text).toContain(`/portal/tickets/${t.number}`);
    // Re-saving the same assignees is not a new assignment.
    await db.notification.deleteMany();
    await setAssignees(a("admin@acme.test"), { ticketId: t.id, version: await version(t.id), assigneeIds: [id("agent@acme.test"), id("tech@acme.test"), id("manager@acme.test")] });
    expect(await everyoneTold()).toEqual(["manager@acme.test:assigned", "requester@acme.test:watcher_update"]);
  });

  it("approval_needed: the project's approvers (ticket.approve members), never the requester", async () => {
    await createTicket(a("requester@acme.test"), { requestType: "change", title: "More RAM", assetId, items: [{ action: "add", componentType: "ram", componentRef: "32GB", quantity: 2 }], submit: true });
    expect(await everyoneTold()).toEqual(["admin@acme.test:approval_needed", "manager@acme.test:approval_needed"]);
    await db.notification.deleteMany();
    // A manager's own request: only the other approver is asked.
    await createTicket(a("manager@acme.test"), { requestType: "change", title: "Manager's change", assetId, items: [{ action: "add", componentType: "ram", componentRef: "32GB", quantity: 2 }], submit: true });
    expect(await everyoneTold()).toEqual(["admin@acme.test:approval_needed"]);
  });

  it("approval_needed: approvers are found by role, and only among the project's members", async () => {
    const chg = await db.project.findFirstOrThrow({ where: { organizationId: demo.acme.id, workflow: "change" }, select: { id: true } });
    await db.projectMember.delete({ where: { projectId_userId: { projectId: chg.id, userId: id("manager@acme.test") } } });
    // A role given ticket.approve later brings its users in (the agent is a CHG member).
    const agentRole = await db.user.findUniqueOrThrow({ where: { id: id("agent@acme.test") }, select: { roleId: true } });
    const role = await db.role.findUniqueOrThrow({ where: { id: agentRole.roleId } });
    await db.role.update({ where: { id: role.id }, data: { permissions: [...role.permissions, "ticket.approve"] } });
    await createTicket(a("requester@acme.test"), { requestType: "change", title: "More disk", assetId, items: [{ action: "add", componentType: "storage", componentRef: "2TB", quantity: 1 }], submit: true });
    expect(await everyoneTold()).toEqual(["admin@acme.test:approval_needed", "agent@acme.test:approval_needed"]);
  });

  it("submitting a draft asks the approvers; approve and reject tell the requester, a rejection with its reason", async () => {
    const draft = await createTicket(a("requester@acme.test"), { requestType: "change", title: "Add a GPU", assetId, items: [{ action: "add", componentType: "gpu", componentRef: "A100", quantity: 1 }] });
    await db.notification.deleteMany();
    await transitionTicket(a("requester@acme.test"), { ticketId: draft.id, to: "pending", version: await version(draft.id) });
    expect(await everyoneTold()).toEqual(["admin@acme.test:approval_needed", "manager@acme.test:approval_needed"]);

    await db.notification.deleteMany();
    await db.outboxMessage.deleteMany();
    await transitionTicket(a("manager@acme.test"), { ticketId: draft.id, to: "rejected", version: await version(draft.id), reason: "Use the analytics cluster instead." });
    expect(await everyoneTold()).toEqual(["requester@acme.test:rejected"]);
    const rita = await inbox("requester@acme.test");
    expect(rita.notifications[0]!.body).toContain("Reason: Use the analytics cluster instead.");
    expect(rita.mails[0]!.text).toContain("Use the analytics cluster instead.");

    await transitionTicket(a("requester@acme.test"), { ticketId: draft.id, to: "pending", version: await version(draft.id) });
    await db.notification.deleteMany();
    await transitionTicket(a("admin@acme.test"), { ticketId: draft.id, to: "approved", version: await version(draft.id) });
    // Nobody is assigned: those who may assign hear it is ready (technicians cannot see it until assigned).
    expect(await everyoneTold()).toEqual(["agent@acme.test:ready_to_assign", "manager@acme.test:ready_to_assign", "requester@acme.test:approved"]);
  });

  it("status_change: the requester hears of a staff move; a requester's own move tells nobody but watchers", async () => {
    const t = await ritasTicket();
    await transitionTicket(a("agent@acme.test"), { ticketId: t.id, to: "in_progress", version: await version(t.id) });
    expect(await everyoneTold()).toEqual(["requester@acme.test:status_change"]);
    const rita = await inbox("requester@acme.test");
    expect(rita.notifications[0]!.title).toBe(`${t.number} is now In progress`);
    expect(rita.mails[0]!.subject).toBe(`[${t.number}] ${t.number} is now In progress`);
  });

  it("public_reply: a staff reply reaches the requester once (not again as a watcher); the requester's reply reaches the assignees", async () => {
    const t = await ritasTicket();
    await addComment(a("agent@acme.test"), { ticketId: t.id, body: "Please restart the printer." });
    expect(await everyoneTold()).toEqual(["requester@acme.test:public_reply"]);
    const rita = await inbox("requester@acme.test");
    expect(rita.notifications[0]).toMatchObject({ title: `Sam Agent replied on ${t.number}`, body: "Please restart the printer." });
    expect(rita.mails).toHaveLength(1);
    expect(rita.mails[0]!.text).toContain(`/portal/tickets/${t.number}`);

    await setAssignees(a("admin@acme.test"), { ticketId: t.id, version: await version(t.id), assigneeIds: [id("tech@acme.test")] });
    await db.notification.deleteMany();
    await addComment(a("requester@acme.test"), { ticketId: t.id, body: "Restarted, still jams." });
    // The tech is assigned; the agent commented before, so watches the ticket.
    expect(await everyoneTold()).toEqual(["agent@acme.test:watcher_update", "tech@acme.test:public_reply"]);
  });
});

describe("internal notes never reach requesters", () => {
  const SECRET = "supplier discount code QX-7781";

  it("an internal note goes only to watchers holding ticket.view_internal; no requester row or e-mail carries its text", async () => {
    const t = await ritasTicket();
    await setAssignees(a("admin@acme.test"), { ticketId: t.id, version: await version(t.id), assigneeIds: [id("tech@acme.test")] });
    await setWatching(a("manager@acme.test"), { ticketId: t.id, watch: true });
    await setWatching(a("tech@acme.test"), { ticketId: t.id, watch: true });
    await db.notification.deleteMany();
    await db.outboxMessage.deleteMany();

    await addComment(a("agent@acme.test"), { ticketId: t.id, body: `Internal: ${SECRET}`, internal: true });
    // Rita watches (her own request), the tech watches but cannot see internal notes.
    expect(await everyoneTold()).toEqual(["manager@acme.test:watcher_update"]);
    const manager = await inbox("manager@acme.test");
    expect(manager.notifications[0]!.title).toBe(`Sam Agent added an internal note on ${t.number}`);
    expect(manager.notifications[0]!.body).toContain(SECRET);

    for (const email of ["requester@acme.test", "requester2@acme.test", "tech@acme.test"] as const) {
      const got = await inbox(email);
      expect(got.notifications, email).toHaveLength(0);
      expect(got.mails, email).toHaveLength(0);
    }
    const leaks = await db.outboxMessage.findMany({ where: { to: { not: "manager@acme.test" }, OR: [{ text: { contains: "QX-7781" } }, { subject: { contains: "QX-7781" } }] } });
    expect(leaks).toEqual([]);
    const rowLeaks = await db.notification.findMany({ where: { userId: { not: id("manager@acme.test") }, OR: [{ title: { contains: "QX-7781" } }, { body: { contains: "QX-7781" } }] } });
    expect(rowLeaks).toEqual([]);
  });

  it("mentions in an internal note reach mentioned staff with view_internal only — not requesters, not a technician, not another organization", async () => {
    const t = await ritasTicket();
    await setAssignees(a("admin@acme.test"), { ticketId: t.id, version: await version(t.id), assigneeIds: [id("tech@acme.test")] });
    await db.notification.deleteMany();
    await db.outboxMessage.deleteMany();
    const told = await db.$transaction((tx) =>
      notifyMentions(tx, {
        ticket: t,
        actorId: id("agent@acme.test"),
        comment: { body: `@Maria ${SECRET}`, internal: true },
        userIds: [id("manager@acme.test"), id("tech@acme.test"), id("requester@acme.test"), id("agent@globex.test"), id("agent@acme.test")],
      }),
    );
    expect(told).toEqual([id("manager@acme.test")]);
    expect(await everyoneTold()).toEqual(["manager@acme.test:mention"]);
    expect((await inbox("manager@acme.test")).mails[0]!.text).toContain(SECRET);
  });

  it("one activity, one notification: a mentioned watcher gets the mention, whichever call comes first", async () => {
    const t = await ritasTicket();
    await setWatching(a("manager@acme.test"), { ticketId: t.id, watch: true });
    for (const mentionFirst of [true, false]) {
      await db.notification.deleteMany();
      await db.outboxMessage.deleteMany();
      await db.$transaction(async (tx) => {
        const input = { ticket: t, actorId: id("agent@acme.test"), comment: { body: "@Maria have a look", internal: true } };
        if (mentionFirst) await notifyMentions(tx, { ...input, userIds: [id("manager@acme.test")] });
        await notifyComment(tx, { ticket: t, actor: a("agent@acme.test"), comment: input.comment });
        if (!mentionFirst) await notifyMentions(tx, { ...input, userIds: [id("manager@acme.test")] });
      });
      expect(await everyoneTold(), `mention first: ${mentionFirst}`).toEqual(["manager@acme.test:mention"]);
      expect(await db.outboxMessage.count({ where: { to: "manager@acme.test" } })).toBe(1);
    }
  });

  it("a requester of another organization is never told, even when named as a recipient", async () => {
    const t = await ritasTicket();
    await db.$transaction((tx) => notify(tx, { event: "assigned", ticket: t, actorId: id("admin@acme.test"), recipients: [id("requester@globex.test"), id("agent@globex.test")] }));
    await db.$transaction((tx) => notify(tx, { event: "watcher_update", ticket: t, actorId: id("admin@acme.test"), comment: { body: "hello", internal: false } }));
    const globex = await db.user.findMany({ where: { organizationId: demo.globex.id }, select: { id: true, email: true } });
    expect(await db.notification.count({ where: { userId: { in: globex.map((u) => u.id) } } })).toBe(0);
    expect(await db.outboxMessage.count({ where: { to: { in: globex.map((u) => u.email) } } })).toBe(0);
  });

  it("a watcher who can no longer see the ticket is not told", async () => {
    const t = await ritasTicket();
    // Rob is a requester: Rita's ticket is not his, whatever the watcher table says.
    await db.watcher.create({ data: { ticketId: t.id, userId: id("requester2@acme.test"), organizationId: demo.acme.id } });
    await addComment(a("agent@acme.test"), { ticketId: t.id, body: "Public answer" });
    expect(await everyoneTold()).toEqual(["requester@acme.test:public_reply"]);
  });
});

describe("preferences", () => {
  it("none writes nothing; e-mail only writes an outbox message and no in-app row; in-app only no e-mail", async () => {
    const t = await ritasTicket();
    await saveNotificationPreferences(a("requester@acme.test"), { public_reply: "none", status_change: "email" });
    await addComment(a("agent@acme.test"), { ticketId: t.id, body: "First answer" });
    let rita = await inbox("requester@acme.test");
    // Opting out of replies leaves the watcher update of the same activity (she watches her request).
    expect(rita.events).toEqual(["watcher_update"]);

    await saveNotificationPreferences(a("requester@acme.test"), { watcher_update: "none" });
    await db.notification.deleteMany();
    await db.outboxMessage.deleteMany();
    await addComment(a("agent@acme.test"), { ticketId: t.id, body: "Second answer" });
    rita = await inbox("requester@acme.test");
    expect(rita.notifications).toHaveLength(0);
    expect(rita.mails).toHaveLength(0);

    await transitionTicket(a("agent@acme.test"), { ticketId: t.id, to: "in_progress", version: await version(t.id) });
    rita = await inbox("requester@acme.test");
    expect(rita.notifications).toHaveLength(0);
    expect(rita.mails.map((m) => m.subject)).toEqual([`[${t.number}] ${t.number} is now In progress`]);

    await saveNotificationPreferences(a("requester@acme.test"), { status_change: "in_app" });
    await db.outboxMessage.deleteMany();
    await transitionTicket(a("agent@acme.test"), { ticketId: t.id, to: "resolved", version: await version(t.id) });
    rita = await inbox("requester@acme.test");
    expect(rita.events).toEqual(["status_change"]);
    expect(rita.mails).toHaveLength(0);
  });

  it("defaults to both; a requester cannot set staff-only events; a bad channel is refused", async () => {
    expect(await getNotificationPreferences(a("requester@acme.test"))).toEqual({ approved: "both", rejected: "both", public_reply: "both", status_change: "both", watcher_update: "both" });
    const e = await expectAppError(saveNotificationPreferences(a("requester@acme.test"), { assigned: "none" }), "VALIDATION");
    expect(e.fieldErrors).toEqual({ assigned: ["You do not receive this notification"] });
    const bad = await expectAppError(saveNotificationPreferences(a("agent@acme.test"), { mention: "pigeon" as never }), "VALIDATION");
    expect(bad.fieldErrors?.mention).toBeDefined();
    await expectAppError(saveNotificationPreferences(a("agent@acme.test"), { nonsense: "both" } as never), "VALIDATION");
    expect(await db.notificationPreference.count()).toBe(0);
    const saved = await saveNotificationPreferences(a("agent@acme.test"), { mention: "email" });
    expect(saved.mention).toBe("email");
    expect(saved.assigned).toBe("both");
  });
});

describe("inbox and watching", () => {
  it("lists, counts and marks read only the actor's own notifications", async () => {
    const t = await ritasTicket();
    await addComment(a("agent@acme.test"), { ticketId: t.id, body: "One" });
    await addComment(a("agent@acme.test"), { ticketId: t.id, body: "Two" });
    await addComment(a("requester@acme.test"), { ticketId: t.id, body: "Thanks" });
    const rita = a("requester@acme.test");
    expect(await unreadCount(rita)).toBe(2);
    const items = await listNotifications(rita);
    expect(items.map((i) => i.body)).toEqual(["Two", "One"]);
    expect(items[0]!.href).toBe(`/portal/tickets/${t.number}`);
    const agentItems = await listNotifications(a("agent@acme.test"));
    expect(agentItems[0]!.href).toBe(`/tickets/${t.number}`);

    // Someone else's notification reads as not found and stays unread.
    await expectAppError(markRead(rita, { id: agentItems[0]!.id }), "NOT_FOUND");
    await expectAppError(markRead(a("agent@globex.test"), { id: items[0]!.id }), "NOT_FOUND");
    expect(await unreadCount(a("agent@acme.test"))).toBe(1);

    expect((await markRead(rita, { id: items[0]!.id })).unread).toBe(1);
    expect((await markAllRead(rita)).marked).toBe(1);
    expect(await unreadCount(rita)).toBe(0);
    expect(await unreadCount(a("agent@acme.test"))).toBe(1);
  });

  it("a notification about a ticket the reader can no longer see has no link", async () => {
    const t = await ritasTicket();
    await setAssignees(a("admin@acme.test"), { ticketId: t.id, version: await version(t.id), assigneeIds: [id("tech@acme.test")] });
    expect((await listNotifications(a("tech@acme.test")))[0]!.href).toBe(`/tickets/${t.number}`);
    await setAssignees(a("admin@acme.test"), { ticketId: t.id, version: await version(t.id), assigneeIds: [] });
    expect((await listNotifications(a("tech@acme.test")))[0]!.href).toBeNull();
  });

  it("watch and unwatch write history; tickets out of scope or of another organization are not found", async () => {
    const t = await ritasTicket();
    await setWatching(a("manager@acme.test"), { ticketId: t.id, watch: true });
    await setWatching(a("manager@acme.test"), { ticketId: t.id, watch: true });
    expect(await db.watcher.count({ where: { ticketId: t.id, userId: id("manager@acme.test") } })).toBe(1);
    await setWatching(a("requester@acme.test"), { ticketId: t.id, watch: false });
    expect(await db.watcher.count({ where: { ticketId: t.id, userId: id("requester@acme.test") } })).toBe(0);
    const history = await db.ticketHistory.findMany({ where: { ticketId: t.id, action: { in: ["watcher_added", "watcher_removed"] } }, orderBy: { createdAt: "asc" } });
    expect(history.map((h) => [h.action, h.actorId, h.internal])).toEqual([
      ["watcher_added", id("manager@acme.test"), true],
      ["watcher_removed", id("requester@acme.test"), true],
    ]);
    await expectAppError(setWatching(a("requester2@acme.test"), { ticketId: t.id, watch: true }), "NOT_FOUND");
    await expectAppError(setWatching(a("agent@globex.test"), { ticketId: t.id, watch: true }), "NOT_FOUND");
    expect(await db.watcher.count({ where: { ticketId: t.id, userId: { in: [id("requester2@acme.test"), id("agent@globex.test")] } } })).toBe(0);
  });

  it("staff who comment start watching; the requester and assignees are not added", async () => {
    const t = await ritasTicket();
    await setAssignees(a("admin@acme.test"), { ticketId: t.id, version: await version(t.id), assigneeIds: [id("tech@acme.test")] });
    await addComment(a("manager@acme.test"), { ticketId: t.id, body: "Looking", internal: true });
    await addComment(a("tech@acme.test"), { ticketId: t.id, body: "On my way" });
    await addComment(a("requester@acme.test"), { ticketId: t.id, body: "Thanks" });
    const watchers = await db.watcher.findMany({ where: { ticketId: t.id }, select: { userId: true } });
    expect(watchers.map((w) => w.userId).sort()).toEqual([id("manager@acme.test"), id("requester@acme.test")].sort());
  });
});
