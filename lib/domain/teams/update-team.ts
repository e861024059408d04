import "server-only";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { audit, type RequestMeta } from "@/lib/audit";
import { conflict } from "@/lib/errors";
import { parseInput } from "@/lib/validation/parse";
import { updateTeamSchema, type UpdateTeamInput } from "@/lib/validation/teams";
import { assertManageTeams, CHANGED_ELSEWHERE, isUniqueViolation, lockedTeam, nameInUse, teamNameTaken } from "./access";

/**
 * Rename or describe a team: compare-and-set on the version the page saw (a
 * concurrent edit makes the later save a CONFLICT), audited with old and new
 * values. Tickets hold the team by id, so a rename shows everywhere at once;
 * their history keeps the name the team had then.
 */
export async function updateTeam(actor: Actor, raw: UpdateTeamInput, meta: RequestMeta = {}) {
  assertManageTeams(actor);
  const input = parseInput(updateTeamSchema, raw);
  try {
    return await db.$transaction(async (tx) => {
      const team = await lockedTeam(tx, actor, input.id);
      if (team.version !== input.version) throw conflict(CHANGED_ELSEWHERE);
      const old: Record<string, string> = {};
      const next: Record<string, string> = {};
      for (const field of ["name", "description"] as const) {
        if (input[field] !== team[field]) [old[field], next[field]] = [team[field], input[field]];
      }
      if (Object.keys(next).length === 0) return { id: team.id, version: team.version, changed: false };
      if (next.name !== undefined && (await nameInUse(tx, actor, next.name, team.id))) throw teamNameTaken(next.name);
      const saved = await tx.team.update({ where: { id: team.id }, data: { ...next, version: { increment: 1 } }, select: { id: true, version: true } });
      await audit({ ...meta, organizationId: actor.organizationId, actorId: actor.id, action: "team.updated", entityType: "Team", entityId: team.id, data: { team: team.name, old, new: next } }, tx);
      return { ...saved, changed: true };
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw teamNameTaken(input.name);
    throw e;
  }
}
