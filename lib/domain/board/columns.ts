import "server-only";
import { db, type Tx } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import { audit, type RequestMeta } from "@/lib/audit";
import { AppError, forbidden, invalid, notFound } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { parseInput } from "@/lib/validation/parse";
import {
  addColumnSchema,
  moveColumnSchema,
  removeColumnSchema,
  updateColumnSchema,
  type AddColumnInput,
  type MoveColumnInput,
  type RemoveColumnInput,
  type UpdateColumnInput,
} from "@/lib/validation/board";

// Kanban column admin (org.manage): add, rename/recolour, reorder, remove.
// Each change is one transaction with its audit-log row. A column's category
// never changes here: the statuses of its cards mirror it.

function assertManage(actor: Actor) {
  if (!can(actor, "org.manage")) throw forbidden("Only administrators can change a board's columns.");
}

async function kanbanProject(tx: Tx, actor: Actor, key: string) {
  const project = await tx.project.findFirst({ where: { organizationId: actor.organizationId, key }, select: { id: true, key: true, workflow: true } });
  if (!project) throw notFound("Board");
  if (project.workflow !== "kanban") throw invalid("Only kanban boards have columns to edit; the others follow their workflow.");
  return project;
}

/** A column of the actor's organization, locked for the rest of the transaction. */
async function lockedColumn(tx: Tx, actor: Actor, columnId: string) {
  const rows = await tx.$queryRaw<{ id: string }[]>`
    SELECT c."id" FROM "KanbanColumn" c WHERE c."id" = ${columnId}::uuid AND c."organizationId" = ${actor.organizationId}::uuid FOR UPDATE`;
  if (rows.length === 0) throw notFound("Column");
  return tx.kanbanColumn.findUniqueOrThrow({
    where: { id: columnId },
    select: { id: true, name: true, color: true, wipLimit: true, category: true, position: true, projectId: true, project: { select: { key: true } } },
  });
}

const nameTaken = (name: string) => new AppError("VALIDATION", `This board already has a column named “${name}”.`, { name: ["Choose another name"] });

function isUniqueViolation(e: unknown) {
  return e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2002";
}

export async function addColumn(actor: Actor, raw: AddColumnInput, meta: RequestMeta = {}) {
  assertManage(actor);
  const input = parseInput(addColumnSchema, raw);
  try {
    return await db.$transaction(async (tx) => {
      const project = await kanbanProject(tx, actor, input.projectKey);
      // Serialises concurrent additions to one board (their positions would collide).
      await tx.$executeRaw`SELECT 1 FROM "Project" WHERE "id" = ${project.id}::uuid FOR UPDATE`;
      if (await tx.kanbanColumn.findFirst({ where: { projectId: project.id, name: { equals: input.name, mode: "insensitive" } }, select: { id: true } })) {
        throw nameTaken(input.name);
      }
      const last = await tx.kanbanColumn.aggregate({ where: { projectId: project.id }, _max: { position: true } });
      const column = await tx.kanbanColumn.create({
        data: {
          organizationId: actor.organizationId,
          projectId: project.id,
          name: input.name,
          category: input.category,
          color: input.color,
          wipLimit: input.wipLimit ?? null,
          position: (last._max.position ?? -1) + 1,
        },
        select: { id: true, name: true, color: true, category: true, position: true, wipLimit: true },
      });
      await audit(
        { ...meta, organizationId: actor.organizationId, actorId: actor.id, action: "board.column_added", entityType: "KanbanColumn", entityId: column.id, data: { project: project.key, name: column.name, category: column.category, color: column.color } },
        tx,
      );
      return column;
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw nameTaken(input.name);
    throw e;
  }
}

/** Rename, recolour or change the work-in-progress limit. */
export async function updateColumn(actor: Actor, raw: UpdateColumnInput, meta: RequestMeta = {}) {
  assertManage(actor);
  const input = parseInput(updateColumnSchema, raw);
  try {
    return await db.$transaction(async (tx) => {
      const column = await lockedColumn(tx, actor, input.columnId);
      const changes: Record<string, [unknown, unknown]> = {};
      if (input.name !== undefined && input.name !== column.name) {
        const clash = await tx.kanbanColumn.findFirst({
          where: { projectId: column.projectId, id: { not: column.id }, name: { equals: input.name, mode: "insensitive" } },
          select: { id: true },
        });
        if (clash) throw nameTaken(input.name);
        changes.name = [column.name, input.name];
      }
      if (input.color !== undefined && input.color !== column.color) changes.color = [column.color, input.color];
      if (input.wipLimit !== undefined && input.wipLimit !== column.wipLimit) changes.wipLimit = [column.wipLimit, input.wipLimit];
      if (Object.keys(changes).length === 0) return { id: column.id, changed: false };
      await tx.kanbanColumn.update({
        where: { id: column.id },
        data: { ...(changes.name ? { name: input.name } : {}), ...(changes.color ? { color: input.color } : {}), ...(changes.wipLimit ? { wipLimit: input.wipLimit } : {}) },
      });
      await audit(
        { ...meta, organizationId: actor.organizationId, actorId: actor.id, action: "board.column_updated", entityType: "KanbanColumn", entityId: column.id, data: { project: column.project.key, changes } as Prisma.InputJsonValue },
        tx,
      );
      return { id: column.id, changed: true };
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw nameTaken(input.name ?? "");
    throw e;
  }
}

/** Moves a column to a place among its board's columns; the others keep their order. */
export async function moveColumn(actor: Actor, raw: MoveColumnInput, meta: RequestMeta = {}) {
  assertManage(actor);
  const input = parseInput(moveColumnSchema, raw);
  return db.$transaction(async (tx) => {
    const column = await lockedColumn(tx, actor, input.columnId);
    await tx.$executeRaw`SELECT 1 FROM "Project" WHERE "id" = ${column.projectId}::uuid FOR UPDATE`;
    const columns = await tx.kanbanColumn.findMany({ where: { projectId: column.projectId }, orderBy: [{ position: "asc" }, { createdAt: "asc" }], select: { id: true } });
    const from = columns.findIndex((c) => c.id === column.id);
    const to = Math.min(input.position, columns.length - 1);
    if (from === to) return { id: column.id, position: to };
    const order = columns.map((c) => c.id);
    order.splice(from, 1);
    order.splice(to, 0, column.id);
    await tx.$executeRaw`
      UPDATE "KanbanColumn" SET "position" = v."position" - 1, "updatedAt" = now()
        FROM unnest(${order}::uuid[]) WITH ORDINALITY AS v("id", "position")
       WHERE "KanbanColumn"."id" = v."id"`;
    await audit(
      { ...meta, organizationId: actor.organizationId, actorId: actor.id, action: "board.column_moved", entityType: "KanbanColumn", entityId: column.id, data: { project: column.project.key, name: column.name, from, to } },
      tx,
    );
    return { id: column.id, position: to };
  });
}

/** Removes an empty column. A column with cards is refused until they move; the last column stays. */
export async function removeColumn(actor: Actor, raw: RemoveColumnInput, meta: RequestMeta = {}) {
  assertManage(actor);
  const input = parseInput(removeColumnSchema, raw);
  return db.$transaction(async (tx) => {
    const column = await lockedColumn(tx, actor, input.columnId);
    const cards = await tx.ticket.count({ where: { columnId: column.id, deletedAt: null } });
    if (cards > 0) {
      throw new AppError("CONFLICT", `“${column.name}” still has ${cards} card${cards === 1 ? "" : "s"}. Move ${cards === 1 ? "it" : "them"} to another column first.`);
    }
    if ((await tx.kanbanColumn.count({ where: { projectId: column.projectId } })) <= 1) throw invalid("A board needs at least one column.");
    await tx.kanbanColumn.delete({ where: { id: column.id } });
    await audit(
      { ...meta, organizationId: actor.organizationId, actorId: actor.id, action: "board.column_removed", entityType: "KanbanColumn", entityId: column.id, data: { project: column.project.key, name: column.name, category: column.category } },
      tx,
    );
    return { id: column.id };
  });
}
