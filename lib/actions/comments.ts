"use server";

import "server-only";
import { getActor } from "@/lib/auth/actor";
import { defineAction } from "@/lib/actions/safe-action";
import { editComment } from "@/lib/domain/comments/edit-comment";
import { markSolution } from "@/lib/domain/comments/mark-solution";
import { recordTicketView } from "@/lib/domain/tickets/view-count";
import { editCommentSchema, markSolutionSchema, ticketViewSchema } from "@/lib/validation/comments";

// Thin wrappers (lib/actions/safe-action.ts); the domain functions load through
// the actor's scope and check permissions. Results carry ids and counts only —
// never comment bodies — so no response can carry internal text.

export const editCommentAction = defineAction(getActor, editCommentSchema, async (actor, input) => {
  const r = await editComment(actor, input);
  return { id: r.id, version: r.version, changed: r.changed };
});
export const markSolutionAction = defineAction(getActor, markSolutionSchema, (actor, input) => markSolution(actor, input));
export const recordTicketViewAction = defineAction(getActor, ticketViewSchema, async (actor, input) => ({ views: await recordTicketView(actor, input.ticketId) }));
