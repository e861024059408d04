import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/auth/actor";
import { createTicket } from "@/lib/domain/tickets/create-ticket";
import { setAssignees } from "@/lib/domain/tickets/assign-ticket";
import { transitionTicket } from "@/lib/domain/tickets/transition-ticket";
import { purgeTicket, softDeleteTicket } from "@/lib/domain/tickets/delete-ticket";
import { awaitingApprovalSql, readyToAssignSql, ticketScopeSql } from "@/lib/domain/tickets/policy";
import { TERMINAL_STATUSES } from "@/lib/domain/tickets/workflow";
import { myTeamsSql } from "@/lib/domain/teams/queue-sql";
import { seedTicket } from "@/prisma/factories";
import { DEMO_EMAILS, seededDemo, type Demo } from "@/test/integration/helpers";
import { deskBoxes } from "./desk-query";

// The desk boxes read TicketCount, which triggers on Ticket keep (migration
// 20261201180000_ticket_counts). These tests hold it to the tickets
// themselves after every kind of write, and the boxes to a count of the
// tickets in scope, ticket by ticket, as the desk counted before.

let demo: Demo;
beforeAll(async () => {
  demo = await seededDemo();
});

/** TicketCount summed over its shards, against the same grouping counted from the tickets. */
async function drift() {
  return db.$queryRaw<{ key: string; kept: number; actual: number }[]>`
    WITH kept AS (
      SELECT "organizationId", "projectId", "status", "priority", "unassigned", sum("n")::int AS n
        FROM "TicketCount" GROUP BY 1, 2, 3, 4, 5),
    actual AS (
      SELECT "organizationId", "projectId", "status", "priority", "assigneeId" IS NULL AS "unassigned", count(*)::int AS n
        FROM "Ticket" WHERE "deletedAt" IS NULL GROUP BY 1, 2, 3, 4, 5)
    SELECT concat_ws('/', coalesce(k."projectId", a."projectId"), coalesce(k."status", a."status"), coalesce(k."priority", a."priority"), coalesce(k."unassigned", a."unassigned")) AS key,
           coalesce(k.n, 0) AS kept, coalesce(a.n, 0) AS actual
      FROM kept k FULL JOIN actual a USING ("organizationId", "projectId", "status", "priority", "unassigned")
     WHERE coalesce(k.n, 0) <> coalesce(a.n, 0)`;
}

/** The boxes counted ticket by ticket over the viewer's scope: what deskBoxes must equal. */
async function countedOneByOne(actor: Actor) {
  const live = Prisma.sql`t."status" NOT IN (${Prisma.join(TERMINAL_STATUSES.map((s) => Prisma.sql`${s}::"TicketStatus"`))})`;
  const [row] = await db.$queryRaw<Record<string, bigint>[]>`
    SELECT count(*) FILTER (WHERE t."assigneeId" IS NULL) AS "unassigned",
           count(*) FILTER (WHERE t."status" = 'in_progress') AS "in_progress",
           count(*) FILTER (WHERE t."status" IN ('open', 'pending')) AS "new",
           count(*) FILTER (WHERE t."priority" = 'critical') AS "critical",
           count(*) FILTER (WHERE ${awaitingApprovalSql(actor)}) AS "approval",
           count(*) FILTER (WHERE ${readyToAssignSql(actor)}) AS "ready",
           count(*) FILTER (WHERE EXISTS (SELECT 1 FROM "TicketAssignee" ma WHERE ma."ticketId" = t."id" AND ma."userId" = ${actor.id}::uuid)) AS "mine",
           count(*) FILTER (WHERE ${myTeamsSql(actor)}) AS "teams"
      FROM "Ticket" t WHERE ${ticketScopeSql(actor)} AND ${live}`;
  return Object.fromEntries(Object.entries(row!).map(([k, v]) => [k, Number(v)]));
}

/** TeamTicketCount summed over its shards, against the tickets with a team. */
async function teamDrift() {
  return db.$queryRaw<{ key: string; kept: number; actual: number }[]>`
    WITH kept AS (
      SELECT "teamId", "projectId", "status", sum("n")::int AS n FROM "TeamTicketCount" GROUP BY 1, 2, 3),
    actual AS (
      SELECT "teamId", "projectId", "status", count(*)::int AS n
        FROM "Ticket" WHERE "deletedAt" IS NULL AND "teamId" IS NOT NULL GROUP BY 1, 2, 3)
    SELECT concat_ws('/', coalesce(k."teamId", a."teamId"), coalesce(k."projectId", a."projectId"), coalesce(k."status", a."status")) AS key,
           coalesce(k.n, 0) AS kept, coalesce(a.n, 0) AS actual
      FROM kept k FULL JOIN actual a USING ("teamId", "projectId", "status")
     WHERE coalesce(k.n, 0) <> coalesce(a.n, 0)`;
}

async function expectBoxesExact() {
  expect(await drift()).toEqual([]);
  expect(await teamDrift()).toEqual([]);
  for (const email of DEMO_EMAILS) {
    const boxes = await deskBoxes(demo.actors[email]);
    const expected = await countedOneByOne(demo.actors[email]);
    for (const [key, n] of Object.entries(boxes)) expect(n, `${email}: ${key}`).toBe(expected[key]);
  }
}

describe("desk box counts kept by triggers", () => {
  it("match the tickets on the demo data, for every demo user and box", async () => {
    const rows = await db.ticketCount.count();
    expect(rows).toBeGreaterThan(0);
    await expectBoxesExact();
  });

  it("leave out of \"Awaiting approval\" the changes the approver requested or alone is assigned to", async () => {
    const manager = demo.actors["manager@acme.test"];
    const chg = await demo.project(demo.acme.id, "CHG");
    const before = (await deskBoxes(manager)).approval!;
    await seedTicket(db, { project: chg, requesterId: manager.id, title: "Manager's own change", submit: true });
    await seedTicket(db, { project: chg, requesterId: demo.actors["requester@acme.test"].id, title: "Manager alone assigned", submit: true, assigneeIds: [manager.id], staffId: demo.actors["admin@acme.test"].id });
    await seedTicket(db, { project: chg, requesterId: demo.actors["requester@acme.test"].id, title: "Awaits the manager", submit: true });
    expect((await deskBoxes(manager)).approval).toBe(before + 1);
    await expectBoxesExact();
  });

  it("follow creation, assignment, transition, soft delete, restore, purge and a bulk edit", async () => {
    const agent = demo.actors["agent@acme.test"];
    const admin = demo.actors["admin@acme.test"];
    const t = await createTicket(demo.actors["requester@acme.test"], { requestType: "support", title: "Counted printer", priority: "critical" });
    await expectBoxesExact();
    const assigned = await setAssignees(admin, { ticketId: t.id, assigneeIds: [agent.id], version: (await db.ticket.findUniqueOrThrow({ where: { id: t.id } })).version });
    expect(assigned).toBeTruthy();
    await expectBoxesExact();
    const version = (await db.ticket.findUniqueOrThrow({ where: { id: t.id } })).version;
    await transitionTicket(agent, { ticketId: t.id, to: "in_progress", version });
    await expectBoxesExact();
    await softDeleteTicket(admin, { ticketId: t.id });
    await expectBoxesExact();
    // Restored by hand (no restore action touches other columns), then purged for good.
    await db.ticket.update({ where: { id: t.id }, data: { deletedAt: null } });
    await expectBoxesExact();
    await softDeleteTicket(admin, { ticketId: t.id });
    await purgeTicket(admin, { ticketId: t.id });
    await expectBoxesExact();
    // One statement moving many tickets between keys, and one moving a ticket between projects.
    const sup = await demo.project(demo.acme.id, "SUP");
    await db.ticket.updateMany({ where: { projectId: sup.id, status: "open" }, data: { priority: "low" } });
    await expectBoxesExact();
    const eng = await demo.project(demo.acme.id, "ENG");
    const moved = await db.ticket.findFirstOrThrow({ where: { projectId: sup.id, deletedAt: null }, select: { id: true } });
    await db.ticket.update({ where: { id: moved.id }, data: { projectId: eng.id } });
    await expectBoxesExact();
  });

  it("keep \"My teams\" through team changes: given, transferred, taken off, and a team's deletion", async () => {
    const agent = demo.actors["agent@acme.test"];
    const team = await db.team.findFirstOrThrow({ where: { organizationId: demo.acme.id, members: { some: { userId: agent.id } } } });
    const other = await db.team.create({ data: { organizationId: demo.acme.id, name: "Counted second line" } });
    const sup = await demo.project(demo.acme.id, "SUP");
    // Taken off every ticket of SUP, then given back: the box follows one statement each way.
    const live = { projectId: sup.id, deletedAt: null, status: { notIn: [...TERMINAL_STATUSES] } };
    const before = (await deskBoxes(agent)).teams!;
    const taken = await db.ticket.updateMany({ where: { ...live, teamId: team.id }, data: { teamId: null } });
    expect(taken.count).toBeGreaterThan(0);
    expect((await deskBoxes(agent)).teams).toBe(before - taken.count);
    await expectBoxesExact();
    const given = await db.ticket.updateMany({ where: { ...live, teamId: null }, data: { teamId: team.id } });
    expect(given.count).toBeGreaterThanOrEqual(taken.count);
    expect((await deskBoxes(agent)).teams).toBe(before - taken.count + given.count);
    await expectBoxesExact();
    // Transferred to a team the agent is not on, then that team deleted (the key lets go of its tickets).
    const one = await db.ticket.findFirstOrThrow({ where: { projectId: sup.id, teamId: team.id, deletedAt: null }, select: { id: true } });
    await db.ticket.update({ where: { id: one.id }, data: { teamId: other.id } });
    await expectBoxesExact();
    await db.team.delete({ where: { id: other.id } });
    expect((await db.ticket.findUniqueOrThrow({ where: { id: one.id } })).teamId).toBeNull();
    await expectBoxesExact();
    // A technician on the team counts only what they see: the team's tickets assigned to them.
    const tech = demo.actors["tech@acme.test"];
    await db.teamMember.upsert({ where: { teamId_userId: { teamId: team.id, userId: tech.id } }, create: { teamId: team.id, userId: tech.id, organizationId: demo.acme.id }, update: {} });
    const techBefore = (await deskBoxes(tech)).teams!;
    const handed = await db.ticket.findFirstOrThrow({ where: { ...live, teamId: team.id, assignees: { none: { userId: tech.id } } } });
    await setAssignees(demo.actors["admin@acme.test"], { ticketId: handed.id, assigneeIds: [tech.id], version: handed.version });
    expect((await deskBoxes(tech)).teams).toBe(techBefore + 1);
    await expectBoxesExact();
    await db.ticket.updateMany({ where: { teamId: team.id }, data: { teamId: null } });
    await expectBoxesExact();
  });

  it("stay exact under concurrent creations, and a rolled-back write counts nothing", async () => {
    const requester = demo.actors["requester@acme.test"];
    await Promise.all(Array.from({ length: 16 }, (_, i) => createTicket(requester, { requestType: "support", title: `Concurrent ${i}`, priority: "high" })));
    await expectBoxesExact();
    const before = await db.ticketCount.aggregate({ _sum: { n: true } });
    await expect(
      db.$transaction(async (tx) => {
        await tx.ticket.updateMany({ where: { organizationId: demo.acme.id, status: "open" }, data: { status: "in_progress" } });
        throw new Error("roll back");
      }),
    ).rejects.toThrow("roll back");
    expect(await db.ticketCount.aggregate({ _sum: { n: true } })).toEqual(before);
    await expectBoxesExact();
  });

  it("ticket_count_rebuild() recounts from the tickets after a load with triggers off", async () => {
    await db.$transaction([
      db.$executeRawUnsafe(`SET LOCAL session_replication_role = replica`),
      db.$executeRawUnsafe(`UPDATE "Ticket" SET "priority" = 'critical' WHERE "organizationId" = '${demo.globex.id}'`),
    ]);
    expect((await drift()).length).toBeGreaterThan(0);
    await db.$executeRawUnsafe(`SELECT ticket_count_rebuild()`);
    await expectBoxesExact();
  });
});
