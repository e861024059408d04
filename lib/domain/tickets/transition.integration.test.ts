import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createTicket } from "./create-ticket";
import { transitionTicket } from "./transition-ticket";
import { setAssignees } from "./assign-ticket";
import { updateTicket } from "./update-ticket";
import { describeHistory } from "./history-text";
import { fulfilItem } from "@/lib/domain/changes/fulfil-item";
import { expectAppError, seededDemo, type Demo } from "@/test/integration/helpers";

let demo: Demo;
let assetId: string;

beforeAll(async () => {
  demo = await seededDemo();
  assetId = (await db.asset.findFirstOrThrow({ where: { organizationId: demo.acme.id }, select: { id: true } })).id;
});

const a = (email: keyof Demo["actors"]) => demo.actors[email];

async function version(id: string) {
  return (await db.ticket.findUniqueOrThrow({ where: { id }, select: { version: true } })).version;
}

async function pendingChange(requester: keyof Demo["actors"], items = [{ action: "add" as const, componentType: "ram", componentRef: "Samsung 32GB DDR4", quantity: 2 }]) {
  const t = await createTicket(a(requester), { requestType: "change", title: "Add RAM", assetId, items, submit: true });
  expect(t.status).toBe("pending");
  return t;
}

describe("separation of duties on PostgreSQL", () => {
  it("a manager who requested a change cannot approve or reject it; another approver can", async () => {
    const t = await pendingChange("manager@acme.test");
    const v = await version(t.id);
    const e = await expectAppError(transitionTicket(a("manager@acme.test"), { ticketId: t.id, to: "approved", version: v }), "FORBIDDEN");
    expect(e.message).toMatch(/requested this change/);
    await expectAppError(transitionTicket(a("manager@acme.test"), { ticketId: t.id, to: "rejected", version: v, reason: "no" }), "FORBIDDEN");
    await transitionTicket(a("admin@acme.test"), { ticketId: t.id, to: "approved", version: v });
    const after = await db.ticket.findUniqueOrThrow({ where: { id: t.id } });
    expect(after.status).toBe("approved");
    expect(after.approvedById).toBe(a("admin@acme.test").id);
  });

  it("an admin (ticket.manage) cannot approve their own request either", async () => {
    const t = await createTicket(a("admin@acme.test"), { projectKey: "CHG", title: "Admin's own change", assetId, items: [{ action: "add", componentType: "ram", componentRef: "x", quantity: 1 }], submit: true });
    await expectAppError(transitionTicket(a("admin@acme.test"), { ticketId: t.id, to: "approved", version: await version(t.id) }), "FORBIDDEN");
    expect((await db.ticket.findUniqueOrThrow({ where: { id: t.id } })).status).toBe("pending");
  });

  it("the approver can never become the sole assignee, nor deploy", async () => {
    const t = await pendingChange("requester@acme.test");
    await transitionTicket(a("manager@acme.test"), { ticketId: t.id, to: "approved", version: await version(t.id) });
    const manager = a("manager@acme.test");
    await expectAppError(setAssignees(a("admin@acme.test"), { ticketId: t.id, version: await version(t.id), assigneeIds: [manager.id] }), "FORBIDDEN");
    // With a second assignee the approver may help, but still not deploy.
    await setAssignees(a("admin@acme.test"), { ticketId: t.id, version: await version(t.id), assigneeIds: [a("tech@acme.test").id, manager.id] });
    await transitionTicket(a("tech@acme.test"), { ticketId: t.id, to: "in_progress", version: await version(t.id) });
    const item = await db.changeItem.findFirstOrThrow({ where: { ticketId: t.id } });
    await fulfilItem(a("tech@acme.test"), { ticketId: t.id, itemId: item.id, version: await version(t.id), fulfilledWith: "Samsung 32GB DDR4" });
    await expectAppError(transitionTicket(manager, { ticketId: t.id, to: "deployed", version: await version(t.id) }), "FORBIDDEN");
  });
});

describe("compare-and-set", () => {
  it("two concurrent moves of one ticket: exactly one wins, the other gets CONFLICT, one history row", async () => {
    const t = await createTicket(a("requester@acme.test"), { requestType: "support", title: "Race me" });
    const v = await version(t.id);
    const results = await Promise.allSettled([
      transitionTicket(a("agent@acme.test"), { ticketId: t.id, to: "in_progress", version: v }),
      transitionTicket(a("manager@acme.test"), { ticketId: t.id, to: "on_hold", version: v }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const rejected = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(rejected).toHaveLength(1);
    expect(rejected[0].reason.code).toBe("CONFLICT");
    const moves = await db.ticketHistory.count({ where: { ticketId: t.id, action: "status_change" } });
    expect(moves).toBe(1);
    expect((await db.ticket.findUniqueOrThrow({ where: { id: t.id } })).version).toBe(v + 1);
  });

  it("a move from a stale page (old version) is a CONFLICT and changes nothing", async () => {
    const t = await createTicket(a("requester@acme.test"), { requestType: "support", title: "Stale" });
    const v = await version(t.id);
    await updateTicket(a("agent@acme.test"), { ticketId: t.id, version: v, changes: { priority: "high" } });
    await expectAppError(transitionTicket(a("agent@acme.test"), { ticketId: t.id, to: "in_progress", version: v }), "CONFLICT");
    expect((await db.ticket.findUniqueOrThrow({ where: { id: t.id } })).status).toBe("open");
  });
});

describe("moves and their rules", () => {
  it("reject needs a reason, which the requester then sees; resubmit clears it", async () => {
    const t = await pendingChange("requester@acme.test");
    await expectAppError(transitionTicket(a("manager@acme.test"), { ticketId: t.id, to: "rejected", version: await version(t.id) }), "VALIDATION");
    await transitionTicket(a("manager@acme.test"), { ticketId: t.id, to: "rejected", version: await version(t.id), reason: "Use the 64GB modules" });
    const rejected = await db.ticket.findUniqueOrThrow({ where: { id: t.id } });
    expect(rejected.rejectReason).toBe("Use the 64GB modules");
    const history = await db.ticketHistory.findFirstOrThrow({ where: { ticketId: t.id, action: "rejected" } });
    expect(history.comment).toBe("Use the 64GB modules");
    await transitionTicket(a("requester@acme.test"), { ticketId: t.id, to: "pending", version: await version(t.id) });
    const again = await db.ticket.findUniqueOrThrow({ where: { id: t.id } });
    expect(again.status).toBe("pending");
    expect(again.rejectReason).toBeNull();
  });

  it("submit is refused while an item is invalid, with the item's message", async () => {
    const t = await createTicket(a("requester@acme.test"), { requestType: "change", title: "Bad item", assetId, items: [{ action: "remove", componentType: "gpu", componentRef: "A100", quantity: 1 }], submit: false });
    expect(t.status).toBe("draft");
    const e = await expectAppError(transitionTicket(a("requester@acme.test"), { ticketId: t.id, to: "pending", version: await version(t.id) }), "VALIDATION");
    expect(e.fieldErrors?.items?.[0]).toMatch(/has no graphics card \(GPU\) matching "A100"/);
  });

  it("an illegal move is INVALID_TRANSITION; a forbidden one FORBIDDEN; another org's ticket NOT_FOUND", async () => {
    const t = await createTicket(a("requester@acme.test"), { requestType: "support", title: "Rules" });
    const v = await version(t.id);
    await expectAppError(transitionTicket(a("agent@acme.test"), { ticketId: t.id, to: "resolved", version: v }), "INVALID_TRANSITION");
    await expectAppError(transitionTicket(a("requester@acme.test"), { ticketId: t.id, to: "closed", version: v }), "FORBIDDEN");
    await expectAppError(transitionTicket(a("admin@globex.test"), { ticketId: t.id, to: "in_progress", version: v }), "NOT_FOUND");
    expect(await db.ticketHistory.count({ where: { ticketId: t.id, action: "status_change" } })).toBe(0);
  });

  it("support timestamps: resolve sets resolvedAt, close closedAt, reopen clears both", async () => {
    const t = await createTicket(a("requester@acme.test"), { requestType: "support", title: "Timestamps" });
    await transitionTicket(a("agent@acme.test"), { ticketId: t.id, to: "in_progress", version: await version(t.id) });
    await transitionTicket(a("agent@acme.test"), { ticketId: t.id, to: "resolved", version: await version(t.id) });
    expect((await db.ticket.findUniqueOrThrow({ where: { id: t.id } })).resolvedAt).not.toBeNull();
    await transitionTicket(a("requester@acme.test"), { ticketId: t.id, to: "closed", version: await version(t.id) });
    expect((await db.ticket.findUniqueOrThrow({ where: { id: t.id } })).closedAt).not.toBeNull();
    await transitionTicket(a("requester@acme.test"), { ticketId: t.id, to: "open", version: await version(t.id) });
    const reopened = await db.ticket.findUniqueOrThrow({ where: { id: t.id } });
    expect([reopened.status, reopened.resolvedAt, reopened.closedAt]).toEqual(["open", null, null]);
  });

  it("field edits: the reviewer and the target asset are recorded by name and tag, the history reads them in words", async () => {
    const requester = a("requester@acme.test");
    const asset = await db.asset.findFirstOrThrow({ where: { organizationId: demo.acme.id, tag: "SRV-001" } });
    const t = await createTicket(requester, { requestType: "change", title: "Reviewer and asset in words", description: "x" });
    const manager = a("manager@acme.test");
    await updateTicket(a("admin@acme.test"), { ticketId: t.id, version: await version(t.id), changes: { assetId: asset.id, scheduledAt: "2026-12-05T13:30:00.000Z", estimatedMinutes: 90 } });
    await updateTicket(a("admin@acme.test"), { ticketId: t.id, version: await version(t.id), changes: { reviewerId: manager.id } });
    const rows = await db.ticketHistory.findMany({ where: { ticketId: t.id, action: "field_change" }, include: { actor: { select: { name: true } } }, orderBy: { createdAt: "asc" } });
    expect(rows.map((r) => [r.field, r.oldValue, r.newValue])).toEqual(
      expect.arrayContaining([
        ["asset", null, `${asset.tag} · ${asset.name}`],
        ["reviewer", null, manager.name],
      ]),
    );
    const ids = [asset.id, manager.id];
    for (const r of rows) for (const id of ids) expect([r.oldValue, r.newValue]).not.toContain(id);
    const sentences = rows.map((r) => describeHistory(r, { timeZone: "Europe/Berlin" }));
    expect(sentences).toEqual(
      expect.arrayContaining([
        `Ada Admin changed the target asset from nothing to ${asset.tag} · ${asset.name}`,
        "Ada Admin changed the scheduled date from nothing to 2026-12-05 14:30 CET",
        "Ada Admin changed the estimated duration from nothing to 1 h 30 min",
        `Ada Admin changed the final reviewer from nothing to ${manager.name}`,
      ]),
    );
  });

  it("field edits: a body with a field the role may not write is refused whole", async () => {
    const t = await createTicket(a("requester@acme.test"), { requestType: "support", title: "Fields" });
    const v = await version(t.id);
    await expectAppError(updateTicket(a("requester@acme.test"), { ticketId: t.id, version: v, changes: { title: "Mine now" } }), "FORBIDDEN");
    await expectAppError(updateTicket(a("tech@acme.test"), { ticketId: t.id, version: v, changes: { priority: "critical" } }), "NOT_FOUND");
    await updateTicket(a("agent@acme.test"), { ticketId: t.id, version: v, changes: { priority: "critical", tags: ["network"] } });
    const rows = await db.ticketHistory.findMany({ where: { ticketId: t.id, action: { in: ["field_change", "tag_added"] } } });
    expect(rows.map((r) => [r.action, r.field, r.oldValue, r.newValue])).toEqual(
      expect.arrayContaining([
        ["field_change", "priority", "normal", "critical"],
        ["tag_added", null, null, "network"],
      ]),
    );
  });
});
