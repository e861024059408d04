import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { parseInput } from "@/lib/validation/parse";
import { createSubtaskSchema, type CreateSubtaskInput } from "@/lib/validation/relationships";
import { loadTicketForActor } from "@/lib/domain/tickets/queries";
import { createTicket } from "@/lib/domain/tickets/create-ticket";

/**
 * "Add subtask" on a ticket page: a new ticket in the parent's project,
 * created by createTicket together with its parent row (one transaction).
 */
export async function createSubtask(actor: Actor, raw: CreateSubtaskInput, opts: { now?: Date } = {}) {
  const input = parseInput(createSubtaskSchema, raw);
  const parent = await loadTicketForActor(actor, input.parentId, { id: true, project: { select: { key: true } } });
  return createTicket(actor, { projectKey: parent.project.key, title: input.title, description: input.description, parentId: parent.id }, opts);
}
