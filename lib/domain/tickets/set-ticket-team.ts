import "server-only";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { AppError, conflict, forbidden, invalid, INVALID_FORM } from "@/lib/errors";
import { parseInput } from "@/lib/validation/parse";
import { setTicketTeamSchema, type SetTicketTeamInput } from "@/lib/validation/teams";
import { membersAmong, teamMemberIds, ticketTeam } from "@/lib/domain/teams/membership";
import { notify } from "@/lib/domain/notifications/notify";
import { mayChangeTeam, ticketScope } from "./policy";
import { loadTicketForActor } from "./queries";
import { writeAssignees } from "./assign-ticket";
import type { HistoryEntry } from "./history";

/**
 * Gives a ticket to a team, transfers it to another (with an optional reason,
 * kept in its history) or takes it from its team (teamId null). As in
 * Zendesk, moving it to a team keeps only the assignees who are members of
 * that team: the others are unassigned. The team's members are told. One
 * transaction: the ticket (compare-and-set on its version), its assignees,
 * the history rows and the notices. Team history rows are internal: a
 * requester sees who works their request, not how it is routed.
 */
export async function setTicketTeam(actor: Actor, raw: SetTicketTeamInput, opts: { now?: Date } = {}) {
  const input = parseInput(setTicketTeamSchema, raw);
  const now = opts.now ?? new Date();
  const t = await loadTicketForActor(actor, input.ticketId, {
    id: true, organizationId: true, version: true, teamId: true, approvedById: true, acceptedById: true,
    assignees: { select: { userId: true, isPrimary: true, user: { select: { name: true } } } },
  });
  const current = await ticketTeam(db, actor.organizationId, t.teamId, actor.id);
  if (!mayChangeTeam(actor, { teamId: t.teamId, inTeam: !!current?.inTeam })) throw forbidden("Only those who assign tickets, or a member of its team, can change a ticket's team.");
  if (input.version !== t.version) throw conflict();
  const targetId = input.teamId?.toLowerCase() ?? null;
  if (targetId === t.teamId) return { id: t.id, version: t.version, changed: false, unassigned: 0, visible: true };

  return db.$transaction(async (tx) => {
    // Locked against a delete until this commits (the delete then sees the ticket on it).
    const target = targetId
      ? (await tx.$queryRaw<{ id: string; name: string }[]>`
          SELECT tm."id"::text AS "id", tm."name" FROM "Team" tm
           WHERE tm."id" = ${targetId}::uuid AND tm."organizationId" = ${actor.organizationId}::uuid FOR KEY SHARE`)[0]
      : null;
    // Another organization's team reads like one that does not exist.
    if (targetId && !target) throw invalid(INVALID_FORM, { teamId: ["Choose a team of your organization"] });

    const before = t.assignees.map((a) => a.userId);
    const members = target ? await membersAmong(tx, target.id, before) : null;
    const ids = members ? before.filter((id) => members.has(id)) : before;
    if (t.approvedById && ids.length === 1 && ids[0] === t.approvedById && before.length > 1) {
      throw new AppError("FORBIDDEN", "This change's approver would be left as its only assignee. Assign someone from the new team first.");
    }
    const oldPrimary = t.assignees.find((a) => a.isPrimary)?.userId ?? null;
    const primaryId = oldPrimary && ids.includes(oldPrimary) ? oldPrimary : (ids[0] ?? null);
    const entries: HistoryEntry[] = [
      { action: "field_change", field: "team", oldValue: current?.name ?? null, newValue: target?.name ?? null, comment: input.reason || null, internal: true },
      ...t.assignees.filter((a) => !ids.includes(a.userId)).map((a): HistoryEntry => ({ action: "unassigned", oldValue: a.user.name })),
    ];
    const written = await writeAssignees(tx, t, { ids, primaryId, entries, added: [], actorId: actor.id, now, data: { teamId: target?.id ?? null } });
    if (!written) throw conflict();
    if (target) {
      await notify(tx, { event: "team_transfer", ticket: t, actorId: actor.id, recipients: await teamMemberIds(tx, target.id), teamName: target.name, reason: input.reason || null });
    }
    // A member without ticket.view_all who was unassigned may no longer see it: the page then goes back to the desk.
    const visible = (await tx.ticket.count({ where: { ...ticketScope(actor), id: t.id } })) > 0;
    return { id: t.id, version: t.version + 1, changed: true, unassigned: before.length - ids.length, visible };
  });
}
