import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { transitionTicket } from "@/lib/domain/tickets/transition-ticket";
import { expectAppError, seededDemo, type Demo } from "@/test/integration/helpers";
import { getBoard } from "./board-query";
import { addColumn, moveColumn, removeColumn, updateColumn } from "./columns";

let demo: Demo;
const a = (email: keyof Demo["actors"]) => demo.actors[email];
const labels = async () => (await getBoard(a("admin@acme.test"), "ENG")).columns.map((c) => c.label);
const audits = (action: string) => db.auditLog.findMany({ where: { action }, orderBy: { createdAt: "asc" } });
const columnNamed = (name: string) => db.kanbanColumn.findFirstOrThrow({ where: { name, project: { key: "ENG", organizationId: demo.acme.id } } });

beforeAll(async () => {
  demo = await seededDemo();
});

describe("kanban column admin", () => {
  it("only org.manage holders change columns; other organizations' boards and columns are not found", async () => {
    const todo = await columnNamed("To do");
    await expectAppError(addColumn(a("agent@acme.test"), { projectKey: "ENG", name: "Blocked", category: "in_progress" }), "FORBIDDEN");
    await expectAppError(addColumn(a("manager@acme.test"), { projectKey: "ENG", name: "Blocked", category: "in_progress" }), "FORBIDDEN");
    await expectAppError(updateColumn(a("agent@acme.test"), { columnId: todo.id, name: "Backlog" }), "FORBIDDEN");
    await expectAppError(moveColumn(a("agent@acme.test"), { columnId: todo.id, position: 2 }), "FORBIDDEN");
    await expectAppError(removeColumn(a("agent@acme.test"), { columnId: todo.id }), "FORBIDDEN");
    await expectAppError(addColumn(a("admin@globex.test"), { projectKey: "ENG", name: "Blocked", category: "todo" }), "NOT_FOUND");
    await expectAppError(updateColumn(a("admin@globex.test"), { columnId: todo.id, name: "Pwned" }), "NOT_FOUND");
    await expectAppError(moveColumn(a("admin@globex.test"), { columnId: todo.id, position: 3 }), "NOT_FOUND");
    await expectAppError(removeColumn(a("admin@globex.test"), { columnId: todo.id }), "NOT_FOUND");
    // Support and change boards follow their workflow.
    await expectAppError(addColumn(a("admin@acme.test"), { projectKey: "SUP", name: "Triage", category: "todo" }), "VALIDATION");
    expect(await labels()).toEqual(["To do", "In progress", "Review", "Done"]);
    expect(await db.auditLog.count({ where: { action: { startsWith: "board." } } })).toBe(0);
  });

  it("adds a column at the end with an audit row; a duplicate name is refused", async () => {
    const admin = a("admin@acme.test");
    const col = await addColumn(admin, { projectKey: "ENG", name: "Blocked", category: "in_progress", color: "#EF4444", wipLimit: 3 }, { ip: "10.0.0.7", userAgent: "vitest" });
    expect(col).toMatchObject({ name: "Blocked", category: "in_progress", color: "#ef4444", position: 4, wipLimit: 3 });
    expect(await labels()).toEqual(["To do", "In progress", "Review", "Done", "Blocked"]);
    const [row] = await audits("board.column_added");
    expect(row).toMatchObject({ organizationId: demo.acme.id, actorId: admin.id, entityId: col.id, ip: "10.0.0.7", userAgent: "vitest" });
    expect(row!.data).toMatchObject({ project: "ENG", name: "Blocked" });
    const e = await expectAppError(addColumn(admin, { projectKey: "ENG", name: "blocked", category: "todo" }), "VALIDATION");
    expect(e.message).toMatch(/already has a column named/);
    await expectAppError(addColumn(admin, { projectKey: "ENG", name: "  ", category: "todo" }), "VALIDATION");
    await expectAppError(addColumn(admin, { projectKey: "ENG", name: "Odd", category: "todo", color: "red" }), "VALIDATION");
  });

  it("renames and recolours with the old and new values audited", async () => {
    const admin = a("admin@acme.test");
    const review = await columnNamed("Review");
    await updateColumn(admin, { columnId: review.id, name: "Code review", color: "#0EA5E9" });
    const after = await db.kanbanColumn.findUniqueOrThrow({ where: { id: review.id } });
    expect([after.name, after.color, after.category]).toEqual(["Code review", "#0ea5e9", "review"]);
    const [row] = await audits("board.column_updated");
    expect(row!.data).toMatchObject({ changes: { name: ["Review", "Code review"], color: [review.color, "#0ea5e9"] } });
    await expectAppError(updateColumn(admin, { columnId: review.id, name: "Done" }), "VALIDATION");
    expect(await updateColumn(admin, { columnId: review.id, name: "Code review" })).toEqual({ id: review.id, changed: false });
    expect(await audits("board.column_updated")).toHaveLength(1);
  });

  it("reorders: the column moves, the others keep their order", async () => {
    const admin = a("admin@acme.test");
    const blocked = await columnNamed("Blocked");
    await moveColumn(admin, { columnId: blocked.id, position: 1 });
    expect(await labels()).toEqual(["To do", "Blocked", "In progress", "Code review", "Done"]);
    await moveColumn(admin, { columnId: (await columnNamed("To do")).id, position: 99 });
    expect(await labels()).toEqual(["Blocked", "In progress", "Code review", "Done", "To do"]);
    expect(await audits("board.column_moved")).toHaveLength(2);
  });

  it("refuses to remove a column while it has cards, removes it once they moved, and keeps the last column", async () => {
    const admin = a("admin@acme.test");
    const todo = await columnNamed("To do");
    const e = await expectAppError(removeColumn(admin, { columnId: todo.id }), "CONFLICT");
    expect(e.message).toBe("“To do” still has 2 cards. Move them to another column first.");
    expect(await db.kanbanColumn.count({ where: { id: todo.id } })).toBe(1);
    expect(await audits("board.column_removed")).toHaveLength(0);

    const blocked = await columnNamed("Blocked");
    const cards = await db.ticket.findMany({ where: { columnId: todo.id }, select: { id: true, version: true } });
    for (const c of cards) await transitionTicket(admin, { ticketId: c.id, columnId: blocked.id, version: c.version });
    await removeColumn(admin, { columnId: todo.id });
    expect(await labels()).toEqual(["Blocked", "In progress", "Code review", "Done"]);
    expect(await audits("board.column_removed")).toHaveLength(1);

    // The last column of a board stays.
    const project = await db.project.findFirstOrThrow({ where: { key: "ENG", organizationId: demo.acme.id } });
    const rest = await db.kanbanColumn.findMany({ where: { projectId: project.id }, include: { _count: { select: { tickets: true } } }, orderBy: { position: "asc" } });
    const keep = rest[0]!;
    for (const c of rest.slice(1)) {
      await db.ticket.updateMany({ where: { columnId: c.id }, data: { columnId: keep.id } });
      await removeColumn(admin, { columnId: c.id });
    }
    await db.ticket.updateMany({ where: { columnId: keep.id }, data: { columnId: null } });
    await expectAppError(removeColumn(admin, { columnId: keep.id }), "VALIDATION");
  });
});
