import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { isStaff } from "@/lib/auth/permissions";
import { forbidden, invalid, INVALID_FORM } from "@/lib/errors";
import { parseInput } from "@/lib/validation/parse";
import { staffSearchSchema, type StaffSearchInput } from "@/lib/validation/staff";
import { loadTicketForActor } from "@/lib/domain/tickets/queries";
import { mentionCandidates, mentionTicketSelect } from "@/lib/domain/comments/mentions";
import { findStaff, type StaffMember } from "./staff-directory";

/**
 * The people pickers' search as the user types (assignees, final reviewer,
 * transfer, desk and board filters, @mentions): at most 20 names, in the
 * actor's organization, for staff only. "mention" needs a ticket the actor
 * can see; one outside their scope (or another organization's) is not found.
 */
export async function searchStaff(actor: Actor, raw: StaffSearchInput): Promise<StaffMember[]> {
  if (!isStaff(actor)) throw forbidden("Only staff can search people.");
  const input = parseInput(staffSearchSchema, raw);
  if (input.for === "mention") {
    if (!input.ticket) throw invalid(INVALID_FORM, { ticket: ["Say which ticket the mention is for"] });
    const ticket = await loadTicketForActor(actor, input.ticket, mentionTicketSelect);
    return mentionCandidates(actor, ticket, { q: input.q, limit: input.limit });
  }
  return findStaff(actor.organizationId, { kind: "staff" }, { q: input.q, limit: input.limit });
}
