import "server-only";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { mayMarkSolution } from "@/lib/domain/tickets/policy";
import { conflict, forbidden, invalid } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { parseInput } from "@/lib/validation/parse";
import { markSolutionSchema, type MarkSolutionInput } from "@/lib/validation/comments";
import { recordHistory } from "@/lib/domain/tickets/history";
import { loadCommentForActor } from "./load-comment";

export const SOLUTION_FIELD = "solution";

/**
 * Staff mark a public reply as the ticket's solution (seed 004: is_solution),
 * or unmark it. One per ticket: marking another reply moves the mark. Internal
 * notes and system comments cannot be solutions. The mark and its history row
 * (field "solution", public: requesters see the solution too) share one
 * transaction; a partial unique index keeps concurrent marks to one.
 */
export async function markSolution(actor: Actor, raw: MarkSolutionInput, opts: { now?: Date } = {}) {
  const input = parseInput(markSolutionSchema, raw);
  if (!mayMarkSolution(actor)) throw forbidden("Only staff can mark the solution");
  const comment = await loadCommentForActor(actor, input.commentId, {
    id: true,
    type: true,
    isSolution: true,
    ticket: { select: { id: true, organizationId: true } },
  });
  if (comment.type !== "comment") throw invalid("Only a public reply can be the solution");
  if (comment.isSolution === input.solution) return { commentId: comment.id, solution: input.solution, changed: false };

  const now = opts.now ?? new Date();
  try {
    return await db.$transaction(async (tx) => {
      const previous = await tx.comment.findFirst({ where: { ticketId: comment.ticket.id, isSolution: true }, select: { id: true } });
      if (input.solution && previous) await tx.comment.update({ where: { id: previous.id }, data: { isSolution: false } });
      await tx.comment.update({ where: { id: comment.id }, data: { isSolution: input.solution } });
      await tx.ticket.update({ where: { id: comment.ticket.id }, data: { updatedAt: now } });
      await recordHistory(tx, comment.ticket, actor.id, [
        { action: "field_change", field: SOLUTION_FIELD, oldValue: input.solution ? (previous?.id ?? null) : comment.id, newValue: input.solution ? comment.id : null },
      ]);
      return { commentId: comment.id, solution: input.solution, changed: true };
    });
  } catch (e) {
    if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2002") throw conflict("Someone else marked a solution at the same time. The latest version has been loaded.");
    throw e;
  }
}
