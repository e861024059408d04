import "server-only";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { audit, type RequestMeta } from "@/lib/audit";
import { AppError, conflict } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { parseInput } from "@/lib/validation/parse";
import { deleteTeamSchema, type DeleteTeamInput } from "@/lib/validation/teams";
import { LIVE } from "@/lib/domain/desk/desk-query";
import { assertManageTeams, CHANGED_ELSEWHERE, lockedTeam } from "./access";

/** How many projects a refusal names. */
const NAMED_PROJECTS = 5;

/**
 * Deletes a team, as Zendesk deletes a group: refused while live tickets are
 * on it (they must be transferred first, so no open work loses its queue) and
 * while it is a project's default team (choose another default first). Its
 * members go with it; finished tickets keep their history (which names the
 * team as it was) and lose the reference (ON DELETE SET NULL). The team row
 * is locked first: a transfer to it commits before the count, or waits and
 * then finds no team.
 */
export async function deleteTeam(actor: Actor, raw: DeleteTeamInput, meta: RequestMeta = {}) {
  assertManageTeams(actor);
  const input = parseInput(deleteTeamSchema, raw);
  return db.$transaction(async (tx) => {
    const team = await lockedTeam(tx, actor, input.id);
    if (team.version !== input.version) throw conflict(CHANGED_ELSEWHERE);
    const [live] = await tx.$queryRaw<{ n: number }[]>(Prisma.sql`
      SELECT count(*)::int AS "n" FROM "Ticket" t WHERE t."teamId" = ${team.id}::uuid AND t."deletedAt" IS NULL AND ${LIVE}`);
    if (live!.n > 0) {
      throw new AppError("VALIDATION", `${team.name} still has ${live!.n} open ticket${live!.n === 1 ? "" : "s"}. Transfer ${live!.n === 1 ? "it" : "them"} to another team first.`);
    }
    const defaults = await tx.project.findMany({ where: { organizationId: actor.organizationId, defaultTeamId: team.id }, select: { key: true }, orderBy: { key: "asc" }, take: NAMED_PROJECTS + 1 });
    if (defaults.length > 0) {
      const keys = defaults.slice(0, NAMED_PROJECTS).map((p) => p.key).join(", ") + (defaults.length > NAMED_PROJECTS ? " …" : "");
      throw new AppError("VALIDATION", `${team.name} is the default team of ${keys}. Choose another default team there first.`);
    }
    const members = await tx.teamMember.count({ where: { teamId: team.id } });
    // TeamMember rows go with it (ON DELETE CASCADE); finished tickets keep their history.
    await tx.team.delete({ where: { id: team.id } });
    await audit(
      { ...meta, organizationId: actor.organizationId, actorId: actor.id, action: "team.deleted", entityType: "Team", entityId: team.id, data: { old: { name: team.name, description: team.description }, new: {}, members } },
      tx,
    );
    return { id: team.id };
  });
}
