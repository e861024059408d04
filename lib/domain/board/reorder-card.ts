import "server-only";
import { generateKeyBetween, generateNKeysBetween } from "fractional-indexing";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/auth/actor";
import { isStaff } from "@/lib/auth/permissions";
import { conflict, forbidden } from "@/lib/errors";
import { loadTicketForActor } from "@/lib/domain/tickets/queries";
import { mayMoveCard, ticketScope } from "@/lib/domain/tickets/policy";
import { parseInput } from "@/lib/validation/parse";
import { reorderCardSchema, type ReorderCardInput } from "@/lib/validation/board";

const SELECT = {
  id: true,
  projectId: true,
  status: true,
  columnId: true,
  rank: true,
  project: { select: { workflow: true } },
  assignees: { select: { userId: true } },
} as const satisfies Prisma.TicketSelect;

const MOVED = "The board changed since you loaded it. It has been reloaded.";

/**
 * A drop inside the card's own column (DESIGN §4): a new rank between its new
 * neighbours, and nothing else — no history row, no version bump, not even
 * updatedAt (a reorder is not activity on the ticket). One row is written;
 * only when the neighbours share a rank (tickets start at "a0") are the
 * fewest cards of that tie re-spread so that a key fits.
 */
export async function reorderCard(actor: Actor, raw: ReorderCardInput) {
  const input = parseInput(reorderCardSchema, raw);
  const t = await loadTicketForActor(actor, input.ticketId, SELECT);
  const kanban = t.project.workflow === "kanban";
  // Same rule as moving the card: kanban's mayMoveCard, staff with the ticket in scope elsewhere.
  const allowed = kanban ? mayMoveCard(actor, { assigneeIds: t.assignees.map((a) => a.userId) }) : isStaff(actor);
  if (!allowed) throw forbidden("You do not have permission to move this card.");
  if ((kanban ? t.columnId : t.status) !== input.column) throw conflict(MOVED);

  const column: Prisma.TicketWhereInput = { projectId: t.projectId, deletedAt: null, ...(kanban ? { columnId: t.columnId } : { status: t.status }) };
  const others: Prisma.TicketWhereInput = { ...column, id: { not: t.id } };
  const order = [{ rank: "asc" }, { id: "asc" }] as const satisfies Prisma.TicketOrderByWithRelationInput[];

  // The card it now follows must be one the actor sees, in the same column.
  const prev = input.afterId
    ? await db.ticket.findFirst({ where: { ...ticketScope(actor), ...column, id: input.afterId }, select: { id: true, rank: true } })
    : null;
  if (input.afterId && !prev) throw conflict(MOVED);
  const next = await db.ticket.findFirst({
    where: prev ? { ...others, OR: [{ rank: { gt: prev.rank } }, { rank: prev.rank, id: { gt: prev.id } }] } : others,
    orderBy: order,
    select: { id: true, rank: true },
  });

  const sameColumn = kanban ? Prisma.sql`"columnId" = ${t.columnId}::uuid` : Prisma.sql`"status" = ${t.status}::"TicketStatus"`;
  if (!prev || !next || prev.rank < next.rank) {
    const rank = generateKeyBetween(prev?.rank ?? null, next?.rank ?? null);
    const n = await db.$executeRaw`UPDATE "Ticket" SET "rank" = ${rank} WHERE "id" = ${t.id}::uuid AND "deletedAt" IS NULL AND ${sameColumn}`;
    if (n !== 1) throw conflict(MOVED);
    return { id: t.id, rank, rowsWritten: 1 };
  }
  return spreadTie(t.id, prev, others, sameColumn);
}

/**
 * The card goes between two cards of equal rank r. The tie (ordered by id, as
 * the board shows it) is split at the drop: either the cards up to the drop get
 * keys just below r, or the cards from it get keys just above — whichever
 * writes fewer rows. Order elsewhere in the column is untouched.
 */
async function spreadTie(
  id: string,
  prev: { id: string; rank: string },
  others: Prisma.TicketWhereInput,
  sameColumn: Prisma.Sql,
) {
  const r = prev.rank;
  return db.$transaction(async (tx) => {
    const tie = await tx.ticket.findMany({ where: { ...others, rank: r }, orderBy: { id: "asc" }, select: { id: true } });
    const at = tie.findIndex((c) => c.id === prev.id) + 1;
    const ids = [...tie.slice(0, at).map((c) => c.id), id, ...tie.slice(at).map((c) => c.id)];
    let updates: [string, string][];
    if (at + 1 <= ids.length - at) {
      const below = await tx.ticket.findFirst({ where: { ...others, rank: { lt: r } }, orderBy: [{ rank: "desc" }, { id: "desc" }], select: { rank: true } });
      const keys = generateNKeysBetween(below?.rank ?? null, r, at + 1);
      updates = ids.slice(0, at + 1).map((cid, i) => [cid, keys[i]!]);
    } else {
      const above = await tx.ticket.findFirst({ where: { ...others, rank: { gt: r } }, orderBy: [{ rank: "asc" }, { id: "asc" }], select: { rank: true } });
      const keys = generateNKeysBetween(r, above?.rank ?? null, ids.length - at);
      updates = ids.slice(at).map((cid, i) => [cid, keys[i]!]);
    }
    const n = await tx.$executeRaw`
      UPDATE "Ticket" SET "rank" = v."rank"
        FROM unnest(${updates.map((u) => u[0])}::uuid[], ${updates.map((u) => u[1])}::text[]) AS v("id", "rank")
       WHERE "Ticket"."id" = v."id" AND "Ticket"."deletedAt" IS NULL AND ${sameColumn}`;
    if (n !== updates.length) throw conflict(MOVED);
    return { id, rank: updates.find((u) => u[0] === id)![1], rowsWritten: n };
  });
}
