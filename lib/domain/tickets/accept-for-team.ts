import "server-only";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { conflict, forbidden } from "@/lib/errors";
import { parseInput } from "@/lib/validation/parse";
import { acceptForTeamSchema, type AcceptForTeamInput } from "@/lib/validation/teams";
import { ticketTeam } from "@/lib/domain/teams/membership";
import { mayAcceptForTeam } from "./policy";
import { loadTicketForActor } from "./queries";
import { writeAssignees } from "./assign-ticket";

/**
 * "Accept": a member of the ticket's team takes the unassigned ticket on and
 * becomes its assignee (and the one who accepted it). Compare-and-set on the
 * version: of two members accepting at once, the second is told someone else
 * was first.
 */
export async function acceptForTeam(actor: Actor, raw: AcceptForTeamInput, opts: { now?: Date } = {}) {
  const input = parseInput(acceptForTeamSchema, raw);
  const now = opts.now ?? new Date();
  const t = await loadTicketForActor(actor, input.ticketId, {
    id: true, organizationId: true, version: true, teamId: true, approvedById: true, acceptedById: true, assignees: { select: { userId: true } },
  });
  const team = await ticketTeam(db, actor.organizationId, t.teamId, actor.id);
  const subject = { teamId: team?.id ?? null, inTeam: !!team?.inTeam, assigneeIds: t.assignees.map((a) => a.userId), approvedById: t.approvedById };
  if (!mayAcceptForTeam(actor, subject)) {
    if (input.version !== t.version) throw conflict();
    throw forbidden(
      subject.assigneeIds.length ? "Someone is already assigned to this ticket." : t.approvedById === actor.id ? "You approved this change, so you cannot be its only assignee." : "Only a member of the ticket's team can accept it.",
    );
  }
  if (input.version !== t.version) throw conflict();
  return db.$transaction(async (tx) => {
    const written = await writeAssignees(tx, t, {
      ids: [actor.id], primaryId: actor.id, entries: [{ action: "accepted", newValue: team!.name }], added: [], actorId: actor.id, now,
      data: { acceptedById: actor.id, acceptedAt: now },
    });
    if (!written) throw conflict();
    return { id: t.id, version: t.version + 1 };
  });
}
