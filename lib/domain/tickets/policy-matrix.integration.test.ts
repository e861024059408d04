// The policy matrix (issue 12 §2): for every demo user × a ticket in every
// state of every workflow, what the ticket page offers (ticketControls, the
// portal's cut of it), what the domain functions then do when asked, the desk
// box counts and the notification recipients must agree — the page never
// offers what the domain refuses, nor hides what it would allow. Each domain
// attempt runs on a fresh copy of the fixture, so one cell cannot change
// another's answer.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { isAppError } from "@/lib/errors";
import { isStaff } from "@/lib/auth/permissions";
import type { Actor } from "@/lib/auth/actor";
import type { TicketStatus, WorkflowKind } from "@/lib/generated/prisma/enums";
import { seedTicket } from "@/prisma/factories";
import { DEMO_EMAILS, seededDemo, type Demo, type DemoEmail } from "@/test/integration/helpers";
import { deskBoxes } from "@/lib/domain/desk/desk-query";
import { saveItems } from "@/lib/domain/changes/save-items";
import { fulfilItem } from "@/lib/domain/changes/fulfil-item";
import { addComment } from "./add-comment";
import { setAssignees } from "./assign-ticket";
import { softDeleteTicket } from "./delete-ticket";
import { transitionTicket } from "./transition-ticket";
import { getTicketDetail } from "./queries";
import { portalControls, ticketControls, type TicketControls } from "./page-data";
import { mayApprove, mayAssign, ticketVisibleTo, type MoveSubject } from "./policy";
import { MOVES_NEEDING_REASON, moveName, nextStatuses, TERMINAL_STATUSES, WORKFLOW_STATUSES } from "./workflow";

let demo: Demo;
/** The demo server the change fixtures target: their item is valid against it. */
let assetId: string;
const id = (email: DemoEmail) => demo.actors[email].id;

interface Fixture {
  name: string;
  projectKey: "SUP" | "CHG" | "ENG";
  status: TicketStatus;
  requester: DemoEmail;
  assignees: DemoEmail[];
  approvedBy?: DemoEmail;
}

/** A ticket in every state of every workflow, plus the separation-of-duties cases of changes. */
function fixtures(): Fixture[] {
  const out: Fixture[] = [];
  for (const status of WORKFLOW_STATUSES.support) {
    out.push({ name: `support ${status}`, projectKey: "SUP", status, requester: "requester@acme.test", assignees: status === "open" ? [] : ["agent@acme.test"] });
  }
  out.push({ name: "support in_progress assigned to the technician", projectKey: "SUP", status: "in_progress", requester: "requester@acme.test", assignees: ["tech@acme.test"] });
  const approvedOn = new Set<TicketStatus>(["approved", "in_progress", "deployed", "completed"]);
  for (const status of WORKFLOW_STATUSES.change) {
    const working = approvedOn.has(status) && status !== "approved";
    out.push({
      name: `change ${status}`,
      projectKey: "CHG",
      status,
      requester: "requester@acme.test",
      assignees: working ? ["tech@acme.test"] : [],
      ...(approvedOn.has(status) ? { approvedBy: "manager@acme.test" as const } : {}),
    });
  }
  out.push({ name: "change approved, assigned to the technician", projectKey: "CHG", status: "approved", requester: "requester@acme.test", assignees: ["tech@acme.test"], approvedBy: "manager@acme.test" });
  out.push({ name: "change pending, requested by the manager", projectKey: "CHG", status: "pending", requester: "manager@acme.test", assignees: [] });
  out.push({ name: "change pending, the manager its only assignee", projectKey: "CHG", status: "pending", requester: "requester@acme.test", assignees: ["manager@acme.test"] });
  out.push({ name: "change pending, the manager one of two assignees", projectKey: "CHG", status: "pending", requester: "requester@acme.test", assignees: ["manager@acme.test", "tech@acme.test"] });
  out.push({ name: "change in_progress, approved by the admin", projectKey: "CHG", status: "in_progress", requester: "requester@acme.test", assignees: ["tech@acme.test"], approvedBy: "admin@acme.test" });
  for (const status of WORKFLOW_STATUSES.kanban) {
    out.push({ name: `kanban ${status}`, projectKey: "ENG", status, requester: "agent@acme.test", assignees: status === "in_progress" ? ["tech@acme.test"] : [] });
  }
  out.push({ name: "kanban todo, the requester's own card", projectKey: "ENG", status: "todo", requester: "requester@acme.test", assignees: [] });
  return out;
}

/** A fixture through the app's creation path, walked to its state by the domain's writers (prisma/factories.ts). */
async function make(f: Fixture) {
  const project = await demo.project(demo.acme.id, f.projectKey);
  return seedTicket(db, {
    project,
    title: `Matrix: ${f.name}`,
    status: f.status,
    requesterId: id(f.requester),
    assigneeIds: f.assignees.map(id),
    ...(f.approvedBy ? { approverId: id(f.approvedBy) } : {}),
    ...(project.workflow === "change" ? { assetId, items: [{ action: "add" as const, componentType: "storage", componentRef: "2TB", quantity: 1 }] } : {}),
  });
}

/**
 * What a domain function did: allowed; refused (FORBIDDEN / INVALID_TRANSITION);
 * hidden (NOT_FOUND); or allowed by the rules but stopped by the ticket's
 * contents (a change started with nobody assigned, deployed with items left):
 * the page offers the move and the answer says what is missing. Anything else
 * fails the test.
 */
type Outcome = "allowed" | "precondition" | "refused" | "hidden";
const PRECONDITION_FIELDS = new Set(["items", "assignees"]);
async function outcome(run: () => Promise<unknown>, cell: string): Promise<Outcome> {
  try {
    await run();
    return "allowed";
  } catch (e) {
    if (isAppError(e) && (e.code === "FORBIDDEN" || e.code === "INVALID_TRANSITION")) return "refused";
    if (isAppError(e) && e.code === "NOT_FOUND") return "hidden";
    if (isAppError(e) && e.code === "VALIDATION" && Object.keys(e.fieldErrors ?? {}).every((k) => PRECONDITION_FIELDS.has(k)) && e.fieldErrors) return "precondition";
    throw new Error(`${cell}: unexpected ${isAppError(e) ? `${e.code} ${e.message} ${JSON.stringify(e.fieldErrors ?? {})}` : String(e)}`);
  }
}

/** The controls of the page this user would open: the desk's ticket page for staff, the portal's for their own requests. */
async function pageControls(actor: Actor, number: string): Promise<TicketControls | null> {
  const staff = isStaff(actor);
  const detail = await getTicketDetail(actor, number, staff ? {} : { ownOnly: true, requesterView: true }).catch((e) => {
    if (isAppError(e) && e.code === "NOT_FOUND") return null;
    throw e;
  });
  if (!detail) return null;
  const controls = await ticketControls(actor, detail);
  return staff ? controls : portalControls(controls);
}

beforeAll(async () => {
  demo = await seededDemo();
  assetId = (await db.asset.findFirstOrThrow({ where: { organizationId: demo.acme.id }, orderBy: { tag: "asc" }, select: { id: true } })).id;
});

describe("policy matrix", () => {
  it("the page offers exactly what the domain allows, for every demo user × ticket state × question", { timeout: 240_000 }, async () => {
    const all = fixtures();
    const users = [...DEMO_EMAILS];
    const mismatches: string[] = [];
    let cells = 0;
    let allowedCells = 0;
    let expectedCells = 0;

    for (const f of all) {
      const workflow: WorkflowKind = f.projectKey === "SUP" ? "support" : f.projectKey === "CHG" ? "change" : "kanban";
      const project = await demo.project(demo.acme.id, f.projectKey);
      const columns = workflow === "kanban" ? await db.kanbanColumn.findMany({ where: { projectId: project.id }, orderBy: { position: "asc" } }) : [];
      // A copy of the fixture; a new one after any attempt that wrote (a refusal writes nothing).
      let copy = await make(f);
      for (const email of users) {
        const actor = demo.actors[email];
        const facts = { organizationId: copy.organizationId, projectId: copy.projectId, requesterId: copy.requesterId, assigneeIds: f.assignees.map(id), deleted: false };
        const seen = ticketVisibleTo(actor, facts);
        const controls = await pageControls(actor, copy.number);
        // The page opens exactly when the scope lets them see the ticket.
        cells++;
        if (!!controls !== seen) mismatches.push(`${email} · ${f.name} · see: page ${controls ? "opens" : "is 404"}, scope ${seen ? "sees it" : "does not"}`);

        const fresh = async () => db.ticket.findUniqueOrThrow({ where: { id: copy.id }, select: { id: true, version: true, items: { select: { id: true } } } });
        const attempt = async (question: string, shown: boolean, run: (t: Awaited<ReturnType<typeof fresh>>) => Promise<unknown>) => {
          const cell = `${email} · ${f.name} · ${question}`;
          const got = await outcome(async () => run(await fresh()), cell);
          cells++;
          if (got === "allowed") {
            allowedCells++;
            copy = await make(f);
          }
          const want: Outcome = !seen ? "hidden" : shown ? "allowed" : "refused";
          if (got !== want && !(got === "precondition" && want === "allowed")) mismatches.push(`${cell}: page ${controls ? (shown ? "offers it" : "does not offer it") : "is 404"}, domain ${got}`);
        };

        // Moves: every move the workflow has from here (kanban: every other column).
        if (workflow === "kanban") {
          for (const col of columns.filter((c) => c.id !== copy.columnId)) {
            expectedCells++;
            await attempt(`move to column ${col.name}`, !!controls?.kanbanColumns.some((c) => c.id === col.id), (t) =>
              transitionTicket(actor, { ticketId: t.id, version: t.version, columnId: col.id }),
            );
          }
        } else {
          for (const to of nextStatuses(workflow, f.status)) {
            expectedCells++;
            const shown = !!controls && (controls.moves.some((m) => m.to === to) || (to === "approved" && !!controls.approval?.canApprove) || (to === "rejected" && !!controls.approval?.canReject));
            const move = moveName(workflow, f.status, to);
            await attempt(`move to ${to}`, shown, (t) =>
              transitionTicket(actor, { ticketId: t.id, version: t.version, to, ...(MOVES_NEEDING_REASON.has(move) ? { reason: "Matrix reason" } : {}) }),
            );
          }
        }

        expectedCells += 4;
        await attempt("public reply", !!controls?.reply.publicReply, (t) => addComment(actor, { ticketId: t.id, body: "Matrix reply", internal: false }));
        await attempt("internal note", !!controls?.reply.internalNote, (t) => addComment(actor, { ticketId: t.id, body: "Matrix note", internal: true }));
        await attempt("assign", !!controls?.canAssign, (t) => setAssignees(actor, { ticketId: t.id, version: t.version, assigneeIds: [id("tech@acme.test")] }));
        await attempt("delete", !!controls?.canDelete, (t) => softDeleteTicket(actor, { ticketId: t.id, version: t.version }));
        if (workflow === "change") {
          expectedCells += 2;
          await attempt("edit items", !!controls?.itemsEditable, (t) =>
            saveItems(actor, { ticketId: t.id, version: t.version, items: [{ action: "add", componentType: "storage", componentRef: "4TB", quantity: 1 }] }),
          );
          await attempt("fulfil an item", !!controls?.canFulfil, (t) => fulfilItem(actor, { ticketId: t.id, version: t.version, itemId: t.items[0]!.id }));
        }
      }
    }

    expect(mismatches).toEqual([]);
    // It cannot pass empty: one "see" cell per user × fixture, plus every question asked of each.
    expect(cells).toBe(users.length * all.length + expectedCells);
    expect(all.length).toBe(26);
    expect(cells).toBe(1_971);
    expect(allowedCells).toBeGreaterThan(400);
  });

  it("the desk boxes count what the policy says, for every demo user", async () => {
    const tickets = await db.ticket.findMany({
      where: { organizationId: { in: [demo.acme.id, demo.globex.id] }, deletedAt: null, status: { notIn: [...TERMINAL_STATUSES] } },
      select: { organizationId: true, projectId: true, status: true, requesterId: true, approvedById: true, assigneeId: true, project: { select: { workflow: true } }, assignees: { select: { userId: true } } },
    });
    let checked = 0;
    for (const email of DEMO_EMAILS) {
      const actor = demo.actors[email];
      const boxes = await deskBoxes(actor);
      const inScope = tickets.filter((t) => ticketVisibleTo(actor, { ...t, assigneeIds: t.assignees.map((a) => a.userId), deleted: false }));
      const subject = (t: (typeof tickets)[number]): MoveSubject => ({ workflow: t.project.workflow, status: t.status, requesterId: t.requesterId, approvedById: t.approvedById, assigneeIds: t.assignees.map((a) => a.userId) });
      const approvable = inScope.filter((t) => mayApprove(actor, subject(t))).length;
      const ready = inScope.filter((t) => t.status === "approved" && t.assigneeId === null).length;
      if (boxes.approval !== undefined) expect(boxes.approval, `${email} Awaiting approval`).toBe(approvable);
      else expect(approvable, `${email} has no approval box and can approve nothing`).toBe(0);
      if (mayAssign(actor)) expect(boxes.ready, `${email} Ready to assign`).toBe(ready);
      else expect(boxes.ready).toBeUndefined();
      checked++;
    }
    expect(checked).toBe(DEMO_EMAILS.length);
    // The matrix fixtures make both boxes non-empty for the manager.
    const manager = await deskBoxes(demo.actors["manager@acme.test"]);
    expect(manager.approval).toBeGreaterThan(0);
    expect(manager.ready).toBeGreaterThan(0);
  });

  it("approval_needed reaches exactly those the policy lets approve; ready_to_assign those who may assign", async () => {
    const project = await demo.project(demo.acme.id, "CHG");
    const members = new Set((await db.projectMember.findMany({ where: { projectId: project.id }, select: { userId: true } })).map((m) => m.userId));
    // In-app rows: the demo users keep the default channel (both), so each person told has one.
    const told = async (ticketId: string, event: string) =>
      new Set(
        (await db.$queryRaw<{ userId: string }[]>`
          SELECT "userId"::text FROM "Notification" WHERE "ticketId" = ${ticketId}::uuid AND "event" = ${event}`).map((r) => r.userId),
      );
    const cases: Fixture[] = [
      { name: "submitted by the requester", projectKey: "CHG", status: "draft", requester: "requester@acme.test", assignees: [] },
      { name: "submitted by the manager", projectKey: "CHG", status: "draft", requester: "manager@acme.test", assignees: [] },
      { name: "the manager its only assignee", projectKey: "CHG", status: "draft", requester: "requester@acme.test", assignees: ["manager@acme.test"] },
      { name: "the manager one of two assignees", projectKey: "CHG", status: "draft", requester: "requester@acme.test", assignees: ["manager@acme.test", "tech@acme.test"] },
    ];
    let cells = 0;
    for (const f of cases) {
      const t = await make(f);
      const submitter = demo.actors[f.requester];
      await transitionTicket(submitter, { ticketId: t.id, version: t.version, to: "pending" });
      const subject: MoveSubject = { workflow: "change", status: "pending", requesterId: t.requesterId, approvedById: null, assigneeIds: f.assignees.map(id) };
      const got = await told(t.id, "approval_needed");
      for (const email of DEMO_EMAILS) {
        const u = demo.actors[email];
        const want = u.id !== submitter.id && members.has(u.id) && ticketVisibleTo(u, { ...t, assigneeIds: subject.assigneeIds, deleted: false }) && mayApprove(u, subject);
        expect(got.has(u.id), `${f.name}: ${email} told`).toBe(want);
        cells++;
      }
    }
    expect(cells).toBe(cases.length * DEMO_EMAILS.length);

    // Approved with nobody assigned: the assigners hear it is ready (the technician cannot even see it).
    const pending = await make({ name: "to approve", projectKey: "CHG", status: "pending", requester: "requester@acme.test", assignees: [] });
    const manager = demo.actors["manager@acme.test"];
    await transitionTicket(manager, { ticketId: pending.id, version: pending.version, to: "approved" });
    const ready = await told(pending.id, "ready_to_assign");
    const want = DEMO_EMAILS.filter((e) => {
      const u = demo.actors[e];
      return u.id !== manager.id && members.has(u.id) && mayAssign(u) && ticketVisibleTo(u, { ...pending, assigneeIds: [], deleted: false });
    }).map(id);
    expect([...ready].sort()).toEqual([...want].sort());
    expect(want.length).toBeGreaterThan(0);
    expect(ready.has(id("tech@acme.test"))).toBe(false);
    // Assigned at approval time: nobody is asked.
    const assigned = await make({ name: "assigned", projectKey: "CHG", status: "pending", requester: "requester@acme.test", assignees: ["tech@acme.test"] });
    await transitionTicket(manager, { ticketId: assigned.id, version: assigned.version, to: "approved" });
    expect((await told(assigned.id, "ready_to_assign")).size).toBe(0);
  });
});
