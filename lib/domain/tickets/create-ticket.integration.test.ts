import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { CreateTicketInput } from "@/lib/validation/ticket";
import { addMember } from "@/prisma/factories";
import { createTicket } from "./create-ticket";
import { actorFor, expectAppError, seededDemo, writeFootprint, type Demo } from "@/test/integration/helpers";

// createTicket refuses bad input with VALIDATION and per-field messages, takes
// no field a requester may not set (DESIGN §2: no mass assignment), creates
// only in the actor's own projects, and writes nothing when it refuses.

let demo: Demo;
beforeAll(async () => {
  demo = await seededDemo();
});

const requester = () => demo.actors["requester@acme.test"];
const ok = { requestType: "support", title: "Printer jams", description: "Every morning", priority: "high" } as const;

describe("refusals write nothing", () => {
  it.each<[string, Record<string, unknown>, string]>([
    ["an empty title", { ...ok, title: "" }, "title"],
    ["a blank title", { ...ok, title: "   " }, "title"],
    ["a 10,000-character title", { ...ok, title: "x".repeat(10_000) }, "title"],
    ["a missing title", { requestType: "support" }, "title"],
    ["an unknown priority", { ...ok, priority: "urgent" }, "priority"],
    ["a status (mass assignment)", { ...ok, status: "closed" }, "status"],
    ["an organizationId (mass assignment)", { ...ok, organizationId: "00000000-0000-7000-8000-000000000000" }, "organizationId"],
    ["a requesterId (mass assignment)", { ...ok, requesterId: "00000000-0000-7000-8000-000000000000" }, "requesterId"],
    ["an assigneeId (mass assignment)", { ...ok, assigneeId: "00000000-0000-7000-8000-000000000000" }, "assigneeId"],
    ["a number (mass assignment)", { ...ok, number: "SUP-1" }, "number"],
    ["a ticket type the project cannot hold", { ...ok, type: "bug" }, "type"],
    ["change items on a support request", { ...ok, items: [{ action: "add", componentType: "ram", quantity: 1 }] }, "items"],
    ["no request type and no project", { title: "Where does this go?" }, "requestType"],
  ])("%s → VALIDATION on that field", async (_label, input, field) => {
    const before = await writeFootprint();
    const error = await expectAppError(createTicket(requester(), input as CreateTicketInput), "VALIDATION");
    expect(Object.keys(error.fieldErrors ?? {})).toContain(field);
    expect(error.fieldErrors?.[field]?.[0]).toEqual(expect.any(String));
    expect(await writeFootprint()).toEqual(before);
  });

  it("a requester asking for a project they are not a member of (ENG) gets a projectKey error", async () => {
    const before = await writeFootprint();
    const error = await expectAppError(createTicket(requester(), { ...ok, requestType: undefined, projectKey: "ENG" }), "VALIDATION");
    expect(error.fieldErrors?.projectKey).toEqual(expect.arrayContaining([expect.any(String)]));
    expect(await writeFootprint()).toEqual(before);
  });

  it("a Globex requester asking for Acme's project reads exactly like a project that does not exist", async () => {
    const globex = demo.actors["requester@globex.test"];
    const before = await writeFootprint();
    const acmeOnly = await expectAppError(createTicket(globex, { projectKey: "CHG", title: "Into Acme's change project" }), "VALIDATION");
    const missing = await expectAppError(createTicket(globex, { projectKey: "NOPE", title: "Into nowhere" }), "VALIDATION");
    const notMember = await expectAppError(createTicket(requester(), { projectKey: "ENG", title: "Not a member" }), "VALIDATION");
    expect(acmeOnly.fieldErrors).toEqual({ projectKey: expect.any(Array) });
    expect(acmeOnly.fieldErrors).toEqual(missing.fieldErrors);
    expect(acmeOnly.fieldErrors).toEqual(notMember.fieldErrors);
    // Globex has no change project: the request type is refused too.
    const change = await expectAppError(createTicket(globex, { requestType: "change", title: "A change" }), "VALIDATION");
    expect(Object.keys(change.fieldErrors ?? {})).toEqual(["requestType"]);
    expect(await writeFootprint()).toEqual(before);
  });

  it("a project key resolves inside the actor's organization: Globex's admin asking for SUP gets Globex's SUP", async () => {
    const t = await createTicket(demo.actors["admin@globex.test"], { projectKey: "SUP", title: "Globex admin request" });
    const stored = await db.ticket.findUniqueOrThrow({ where: { id: t.id }, select: { organizationId: true, project: { select: { organizationId: true } } } });
    expect(stored.organizationId).toBe(demo.globex.id);
    expect(stored.project.organizationId).toBe(demo.globex.id);
    expect(t.number).toBe("SUP-3");
  });

  it("a change request naming another organization's asset is refused like an unknown asset", async () => {
    const globexAsset = await db.asset.create({ data: { organizationId: demo.globex.id, tag: "GLX-001", name: "globex-db-01" } });
    const before = await writeFootprint();
    const foreign = await expectAppError(createTicket(requester(), { requestType: "change", title: "Upgrade their server", assetId: globexAsset.id }), "VALIDATION");
    const unknown = await expectAppError(
      createTicket(requester(), { requestType: "change", title: "Upgrade no server", assetId: "00000000-0000-7000-8000-000000000000" }),
      "VALIDATION",
    );
    expect(Object.keys(foreign.fieldErrors ?? {})).toEqual(["assetId"]);
    expect(foreign.fieldErrors).toEqual(unknown.fieldErrors);
    expect(await writeFootprint()).toEqual(before);
  });

  it("a user whose role lacks ticket.create is FORBIDDEN, even with a valid request", async () => {
    const role = await db.role.create({ data: { organizationId: demo.acme.id, name: "Viewer", permissions: ["ticket.view_own", "ticket.comment"] } });
    const user = await db.user.create({ data: { organizationId: demo.acme.id, email: "viewer@acme.test", name: "Vera Viewer", roleId: role.id } });
    await addMember(db, await demo.project(demo.acme.id, "SUP"), user.id);
    const viewer = await actorFor(user.email);
    const before = await writeFootprint();
    await expectAppError(createTicket(viewer, ok), "FORBIDDEN");
    await expectAppError(createTicket(viewer, { ...ok, title: "" }), "FORBIDDEN");
    expect(await writeFootprint()).toEqual(before);
  });
});

describe("a successful creation", () => {
  it("stores the ticket in the actor's organization, records 'created' and makes the requester a watcher", async () => {
    const before = await writeFootprint();
    const t = await createTicket(requester(), { ...ok, title: "  Monitor is upside down  " });
    expect(t.status).toBe("open");
    const stored = await db.ticket.findUniqueOrThrow({ where: { id: t.id } });
    expect(stored).toMatchObject({
      organizationId: demo.acme.id,
      requesterId: requester().id,
      title: "Monitor is upside down",
      priority: "high",
      status: "open",
      type: "request",
      assigneeId: null,
      deletedAt: null,
    });
    expect(stored.slaStartedAt).not.toBeNull();

    const history = await db.ticketHistory.findMany({ where: { ticketId: t.id } });
    expect(history).toEqual([expect.objectContaining({ action: "created", newValue: "open", actorId: requester().id, organizationId: demo.acme.id })]);
    const watchers = await db.watcher.findMany({ where: { ticketId: t.id } });
    expect(watchers).toEqual([expect.objectContaining({ userId: requester().id, organizationId: demo.acme.id })]);

    const after = await writeFootprint();
    expect(after.tickets - before.tickets).toBe(1);
    expect(after.history - before.history).toBe(1);
    expect(after.watchers - before.watchers).toBe(1);
  });

  it("a change request without submit is a draft; the portal's request type picks the organization's change project", async () => {
    const t = await createTicket(requester(), { requestType: "change", title: "Add a disk" });
    expect(t.status).toBe("draft");
    expect(t.number).toMatch(/^TKT-\d{8}-\d{4,}$/);
    const project = await db.project.findUniqueOrThrow({ where: { id: t.projectId }, select: { key: true } });
    expect(project.key).toBe("CHG");
  });

  it("stamps every row with the injected time in UTC, whatever the server's time zone, and a time-ordered id", async () => {
    const now = new Date("2031-03-04T23:30:15.123Z");
    const tz = process.env.TZ;
    process.env.TZ = "America/New_York"; // pg would send a bare Date in local time
    try {
      const t = await createTicket(requester(), { ...ok, title: "Time zone check" }, { now });
      const stored = await db.ticket.findUniqueOrThrow({ where: { id: t.id }, select: { createdAt: true, updatedAt: true, slaStartedAt: true, submittedAt: true } });
      expect(stored).toEqual({ createdAt: now, updatedAt: now, slaStartedAt: now, submittedAt: null });
      const history = await db.ticketHistory.findFirstOrThrow({ where: { ticketId: t.id }, select: { createdAt: true } });
      expect(history.createdAt).toEqual(now);
      expect(parseInt(t.id.replaceAll("-", "").slice(0, 12), 16)).toBe(now.getTime());
    } finally {
      if (tz === undefined) delete process.env.TZ;
      else process.env.TZ = tz;
    }
  });

  it("a submitted change with items writes the items in the same statement, in order, with their validation", async () => {
    const asset = await db.asset.findFirstOrThrow({ where: { organizationId: demo.acme.id }, select: { id: true } });
    const t = await createTicket(requester(), {
      requestType: "change",
      title: "Two items",
      assetId: asset.id,
      submit: false,
      items: [
        { action: "add", componentType: " RAM ", quantity: 2, requestedValue: "32GB" },
        { action: "remove", componentType: "gpu", quantity: 9 },
      ],
    });
    const items = await db.changeItem.findMany({ where: { ticketId: t.id }, orderBy: { position: "asc" } });
    expect(items.map((i) => [i.position, i.action, i.componentType, i.quantity, i.requestedValue, i.organizationId])).toEqual([
      [0, "add", "ram", 2, "32GB", demo.acme.id],
      [1, "remove", "gpu", 9, null, demo.acme.id],
    ]);
    expect(items[1].validationStatus).toBe("invalid");
  });

  it("new cards go to the bottom of their column: each creation ranks after the last", async () => {
    const a = await createTicket(requester(), { ...ok, title: "Rank one" });
    const b = await createTicket(requester(), { ...ok, title: "Rank two" });
    const [ra, rb] = await Promise.all([a, b].map((t) => db.ticket.findUniqueOrThrow({ where: { id: t.id }, select: { rank: true } })));
    const last = await db.ticket.findFirstOrThrow({ where: { projectId: a.projectId, status: "open" }, orderBy: [{ rank: "desc" }, { id: "desc" }], select: { id: true } });
    expect(ra.rank < rb.rank).toBe(true);
    expect(last.id).toBe(b.id);
  });
});
