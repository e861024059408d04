import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { addMember, createProject, seedTicket } from "@/prisma/factories";
import { ticketScope } from "./policy";
import { createTicket } from "./create-ticket";
import { actorFor, seededDemo, type Demo, type DemoEmail } from "@/test/integration/helpers";

// Row scope (DESIGN §2, STYLE "Authorization"): what each role may see, read
// through ticketScope exactly as the pages and actions read it.

let demo: Demo;
const actor = (email: DemoEmail) => demo.actors[email];

async function visibleIds(a: Actor, opts?: { includeDeleted?: boolean }): Promise<string[]> {
  const rows = await db.ticket.findMany({ where: ticketScope(a, opts), select: { id: true } });
  return rows.map((r) => r.id).sort();
}

/** The expected set, computed with plain SQL rather than Prisma filters. */
async function idsWhere(sql: string, ...params: unknown[]): Promise<string[]> {
  const rows = await db.$queryRawUnsafe<{ id: string }[]>(`SELECT id::text AS id FROM "Ticket" WHERE ${sql}`, ...params);
  return rows.map((r) => r.id).sort();
}

let hiddenProjectTicket: string;
let techOwnTicket: string;
let deletedTicket: string;

beforeAll(async () => {
  demo = await seededDemo();
  const acme = demo.acme;
  const admin = actor("admin@acme.test");

  // A project the agent (and manager, tech, requesters) are not members of.
  const ops = await createProject(db, acme, { key: "OPS", name: "Operations", workflow: "support", members: [{ id: admin.id }] });
  hiddenProjectTicket = (await seedTicket(db, { project: ops, requesterId: admin.id, title: "OPS: rotate the backup keys" })).id;

  // The technician's own request, assigned to someone else.
  techOwnTicket = (
    await createTicket(actor("tech@acme.test"), { projectKey: "SUP", title: "Tech: my docking station is dead" })
  ).id;
  const agentId = actor("agent@acme.test").id;
  await db.ticket.update({ where: { id: techOwnTicket }, data: { assigneeId: agentId, assignees: { create: { userId: agentId, organizationId: acme.id, isPrimary: true } } } });

  // Soft-deleted: requested by requester@, assigned to tech@, in SUP; nobody may see it.
  const sup = await demo.project(acme.id, "SUP");
  deletedTicket = (
    await seedTicket(db, {
      project: sup,
      requesterId: actor("requester@acme.test").id,
      title: "Deleted: old printer request",
      assigneeIds: [actor("tech@acme.test").id],
      extra: { deletedAt: new Date(), deletedById: admin.id },
    })
  ).id;
});

describe("ticketScope", () => {
  it("a requester sees exactly the tickets they requested", async () => {
    for (const email of ["requester@acme.test", "requester2@acme.test", "requester@globex.test"] as const) {
      const a = actor(email);
      const seen = await visibleIds(a);
      expect(seen.length, email).toBeGreaterThan(0);
      expect(seen, email).toEqual(await idsWhere(`"requesterId" = $1::uuid AND "deletedAt" IS NULL`, a.id));
    }
    // The two Acme requesters share projects but not tickets.
    const r1 = new Set(await visibleIds(actor("requester@acme.test")));
    const r2 = await visibleIds(actor("requester2@acme.test"));
    expect(r2.filter((id) => r1.has(id))).toEqual([]);
    const titles = await db.ticket.findMany({ where: ticketScope(actor("requester2@acme.test")), select: { title: true } });
    expect(titles.map((t) => t.title)).toEqual(["E-mail bounces from the sales mailbox"]);
  });

  it("a technician sees tickets assigned to them and their own requests, nothing else", async () => {
    const tech = actor("tech@acme.test");
    const seen = await visibleIds(tech);
    const expected = await idsWhere(
      `"deletedAt" IS NULL AND ("requesterId" = $1::uuid OR id IN (SELECT "ticketId" FROM "TicketAssignee" WHERE "userId" = $1::uuid))`,
      tech.id,
    );
    expect(seen).toEqual(expected);
    expect(seen).toContain(techOwnTicket);
    // The seed assigns tech@ three change tickets and three kanban cards.
    expect(seen.length).toBe(7);
    // Another requester's ticket assigned to the agent is out of scope.
    const agentsWork = await idsWhere(`"assigneeId" = $1::uuid AND "requesterId" <> $2::uuid`, actor("agent@acme.test").id, tech.id);
    expect(agentsWork.length).toBeGreaterThan(0);
    expect(seen.filter((id) => agentsWork.includes(id))).toEqual([]);
  });

  it("view_all covers the projects the agent is a member of, not the others", async () => {
    const agent = actor("agent@acme.test");
    const seen = await visibleIds(agent);
    expect(seen).toEqual(
      await idsWhere(
        `"deletedAt" IS NULL AND "projectId" IN (SELECT "projectId" FROM "ProjectMember" WHERE "userId" = $1::uuid)`,
        agent.id,
      ),
    );
    expect(seen).not.toContain(hiddenProjectTicket);
    expect(await visibleIds(actor("manager@acme.test"))).not.toContain(hiddenProjectTicket);
    expect(await visibleIds(actor("admin@acme.test"))).toContain(hiddenProjectTicket);
  });

  it("becoming a member of a project brings its tickets into view", async () => {
    const ops = await demo.project(demo.acme.id, "OPS");
    await addMember(db, ops, actor("agent@acme.test").id);
    try {
      const agent = await actorFor("agent@acme.test");
      expect(await visibleIds(agent)).toContain(hiddenProjectTicket);
    } finally {
      await db.projectMember.delete({ where: { projectId_userId: { projectId: ops.id, userId: actor("agent@acme.test").id } } });
    }
  });

  it("an admin sees every live ticket of their organization", async () => {
    const seen = await visibleIds(actor("admin@acme.test"));
    expect(seen).toEqual(await idsWhere(`"organizationId" = $1::uuid AND "deletedAt" IS NULL`, demo.acme.id));
    // 8 support + 8 change + 5 kanban seeded, plus OPS and the tech's request.
    expect(seen.length).toBe(23);
  });

  it("nobody sees a ticket of the other organization", async () => {
    const globexTickets = await idsWhere(`"organizationId" = $1::uuid`, demo.globex.id);
    const acmeTickets = await idsWhere(`"organizationId" = $1::uuid`, demo.acme.id);
    expect(globexTickets.length).toBe(2);
    for (const email of ["admin@acme.test", "manager@acme.test", "agent@acme.test", "tech@acme.test", "requester@acme.test", "requester2@acme.test"] as const) {
      const seen = await visibleIds(actor(email));
      expect(seen.filter((id) => globexTickets.includes(id)), email).toEqual([]);
    }
    for (const email of ["admin@globex.test", "agent@globex.test", "requester@globex.test"] as const) {
      const seen = await visibleIds(actor(email));
      expect(seen.filter((id) => acmeTickets.includes(id)), email).toEqual([]);
    }
    expect(await visibleIds(actor("admin@globex.test"))).toEqual(globexTickets);
    expect(await visibleIds(actor("agent@globex.test"))).toEqual(globexTickets);
  });

  it("soft-deleted tickets are invisible to everyone, even their requester, assignee and admin", async () => {
    for (const email of ["requester@acme.test", "tech@acme.test", "agent@acme.test", "admin@acme.test"] as const) {
      expect(await visibleIds(actor(email)), email).not.toContain(deletedTicket);
    }
    // …unless a caller explicitly asks for deleted rows (the trash view).
    expect(await visibleIds(actor("admin@acme.test"), { includeDeleted: true })).toContain(deletedTicket);
    // Soft delete never widens anything across organizations.
    expect(await visibleIds(actor("admin@globex.test"), { includeDeleted: true })).not.toContain(deletedTicket);
  });

  it("a role without any view permission sees nothing, not even its own or assigned tickets", async () => {
    const acme = demo.acme;
    const sup = await demo.project(acme.id, "SUP");
    for (const [name, permissions] of [
      ["Reporter", ["ticket.create", "ticket.comment", "reports.view"]],
      ["Typo role", ["ticket.view-all", "ticket.viewown", "TICKET.VIEW_ALL"]],
      ["Empty role", []],
    ] as const) {
      const role = await db.role.create({ data: { organizationId: acme.id, name, permissions: [...permissions] } });
      const user = await db.user.create({
        data: { organizationId: acme.id, email: `${name.replace(/\W/g, "").toLowerCase()}@acme.test`, name, roleId: role.id },
      });
      await addMember(db, sup, user.id);
      await seedTicket(db, { project: sup, requesterId: user.id, title: `${name}'s own ticket`, assigneeIds: [user.id] });
      const a = await actorFor(user.email);
      expect(await visibleIds(a), name).toEqual([]);
      expect(await db.ticket.count({ where: ticketScope(a) }), name).toBe(0);
    }
  });

  it("permissions come from the role row: granting view_all to a requester's role widens their scope", async () => {
    const r2 = actor("requester2@acme.test");
    const user = await db.user.findUniqueOrThrow({ where: { id: r2.id }, select: { roleId: true } });
    const role = await db.role.findUniqueOrThrow({ where: { id: user.roleId } });
    await db.role.update({ where: { id: role.id }, data: { permissions: [...role.permissions, "ticket.view_all"] } });
    try {
      const widened = await visibleIds(await actorFor(r2.email));
      expect(widened).toEqual(
        await idsWhere(`"deletedAt" IS NULL AND ("requesterId" = $1::uuid OR "projectId" IN (SELECT "projectId" FROM "ProjectMember" WHERE "userId" = $1::uuid))`, r2.id),
      );
      expect(widened.length).toBeGreaterThan(1);
    } finally {
      await db.role.update({ where: { id: role.id }, data: { permissions: role.permissions } });
    }
    expect(await visibleIds(await actorFor(r2.email))).toHaveLength(1);
  });
});
