import "server-only";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { audit, type RequestMeta } from "@/lib/audit";
import { parseInput } from "@/lib/validation/parse";
import { createTeamSchema, type CreateTeamInput } from "@/lib/validation/teams";
import { assertManageTeams, isUniqueViolation, nameInUse, teamNameTaken } from "./access";

/** "New team": a name (unique ignoring case) and a description; audited in the same transaction. */
export async function createTeam(actor: Actor, raw: CreateTeamInput, meta: RequestMeta = {}) {
  assertManageTeams(actor);
  const input = parseInput(createTeamSchema, raw);
  try {
    return await db.$transaction(async (tx) => {
      if (await nameInUse(tx, actor, input.name)) throw teamNameTaken(input.name);
      const team = await tx.team.create({
        data: { organizationId: actor.organizationId, name: input.name, description: input.description },
        select: { id: true, name: true, description: true, version: true },
      });
      await audit(
        { ...meta, organizationId: actor.organizationId, actorId: actor.id, action: "team.created", entityType: "Team", entityId: team.id, data: { old: {}, new: { name: team.name, description: team.description } } },
        tx,
      );
      return team;
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw teamNameTaken(input.name);
    throw e;
  }
}
