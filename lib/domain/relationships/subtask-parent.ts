import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { forbidden, invalid, INVALID_FORM } from "@/lib/errors";
import { loadTicketForActor } from "@/lib/domain/tickets/queries";
import { mayLink } from "@/lib/domain/tickets/policy";

/**
 * The parent of a subtask being created (createTicket's parentId): in the
 * actor's scope (else "not found"), linkable by them, and in the project the
 * subtask is created in.
 */
export async function subtaskParent(actor: Actor, parentId: string, projectId: string) {
  const parent = await loadTicketForActor(actor, parentId, { id: true, organizationId: true, number: true, projectId: true });
  if (!mayLink(actor)) throw forbidden("You cannot add subtasks");
  if (parent.projectId !== projectId) throw invalid(INVALID_FORM, { parentId: ["A subtask is created in its parent's project"] });
  return parent;
}
