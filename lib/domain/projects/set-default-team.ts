import "server-only";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { audit, type RequestMeta } from "@/lib/audit";
import { conflict, invalid, INVALID_FORM } from "@/lib/errors";
import { parseInput } from "@/lib/validation/parse";
import { setDefaultTeamSchema, type SetDefaultTeamInput } from "@/lib/validation/teams";
import { loadProjectForAdmin } from "./access";

const CHANGED_ELSEWHERE = "Someone else changed this project first. The latest version has been loaded; make your change again.";

/**
 * A project's "Default team": new tickets of the project start with it
 * (create-ticket.ts reads it in the creation statement). Compare-and-set on
 * the updatedAt the page saw, like the project's settings; audited with the
 * old and new team's names. The team is locked (KEY SHARE) until commit, so a
 * concurrent delete of it waits and then sees it is a default.
 */
export async function setProjectDefaultTeam(actor: Actor, raw: SetDefaultTeamInput, meta: RequestMeta = {}) {
  const input = parseInput(setDefaultTeamSchema, raw);
  return db.$transaction(async (tx) => {
    const project = await loadProjectForAdmin(tx, actor, input.projectId, { lock: true });
    if (project.updatedAt.toISOString() !== new Date(input.updatedAt).toISOString()) throw conflict(CHANGED_ELSEWHERE);
    const current = await tx.project.findUniqueOrThrow({ where: { id: project.id }, select: { defaultTeam: { select: { id: true, name: true } } } });
    const team = input.teamId
      ? (await tx.$queryRaw<{ id: string; name: string }[]>`
          SELECT t."id"::text AS "id", t."name" FROM "Team" t
           WHERE t."id" = ${input.teamId}::uuid AND t."organizationId" = ${actor.organizationId}::uuid FOR KEY SHARE`)[0]
      : null;
    // Another organization's team reads like one that does not exist.
    if (input.teamId && !team) throw invalid(INVALID_FORM, { teamId: ["Choose a team of your organization"] });
    if ((current.defaultTeam?.id ?? null) === (team?.id ?? null)) return { id: project.id, updatedAt: project.updatedAt, changed: false };
    const saved = await tx.project.update({ where: { id: project.id }, data: { defaultTeamId: team?.id ?? null }, select: { id: true, updatedAt: true } });
    await audit(
      {
        ...meta,
        organizationId: actor.organizationId,
        actorId: actor.id,
        action: "project.default_team_changed",
        entityType: "Project",
        entityId: project.id,
        data: { project: project.key, old: { defaultTeam: current.defaultTeam?.name ?? null }, new: { defaultTeam: team?.name ?? null } },
      },
      tx,
    );
    return { ...saved, changed: true };
  });
}
