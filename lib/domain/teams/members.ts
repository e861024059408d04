import "server-only";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { audit, type RequestMeta } from "@/lib/audit";
import { invalid, INVALID_FORM, notFound } from "@/lib/errors";
import { parseInput } from "@/lib/validation/parse";
import { addTeamMemberSchema, removeTeamMemberSchema, type AddTeamMemberInput, type RemoveTeamMemberInput } from "@/lib/validation/teams";
import { findStaff } from "@/lib/domain/users/staff-directory";
import { assertManageTeams, isUniqueViolation, lockedTeam, type AdminTeam } from "./access";

// A team's members: active staff of the organization (the staff directory's
// rule, lib/domain/users/staff-directory.ts). Adding someone already in the
// team and removing someone who is not are refused, so two admins editing the
// same team cannot undo each other silently. Each change is one transaction
// with its audit row; the team row is locked so it cannot be deleted meanwhile.

const entry = (actor: Actor, meta: RequestMeta, action: string, team: AdminTeam, data: Record<string, unknown>) => ({
  ...meta,
  organizationId: actor.organizationId,
  actorId: actor.id,
  action,
  entityType: "Team",
  entityId: team.id,
  data: { team: team.name, ...data } as never,
});

export async function addTeamMember(actor: Actor, raw: AddTeamMemberInput, meta: RequestMeta = {}) {
  assertManageTeams(actor);
  const input = parseInput(addTeamMemberSchema, raw);
  try {
    return await db.$transaction(async (tx) => {
      const team = await lockedTeam(tx, actor, input.teamId);
      // Another organization's user reads like one that does not exist; so does a requester (teams work tickets).
      const [user] = await findStaff(actor.organizationId, { kind: "staff" }, { ids: [input.userId], client: tx });
      if (!user) throw invalid(INVALID_FORM, { userId: ["Choose a staff member of your organization"] });
      if (await tx.teamMember.findUnique({ where: { teamId_userId: { teamId: team.id, userId: user.id } }, select: { userId: true } })) {
        throw invalid(`${user.name} is already a member of ${team.name}.`, { userId: [`${user.name} is already a member`] });
      }
      await tx.teamMember.create({ data: { teamId: team.id, userId: user.id, organizationId: actor.organizationId } });
      await audit(entry(actor, meta, "team.member_added", team, { user: { id: user.id, name: user.name }, old: { member: false }, new: { member: true } }), tx);
      return { teamId: team.id, userId: user.id };
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw invalid("This person is already a member.", { userId: ["Already a member"] });
    throw e;
  }
}

export async function removeTeamMember(actor: Actor, raw: RemoveTeamMemberInput, meta: RequestMeta = {}) {
  assertManageTeams(actor);
  const input = parseInput(removeTeamMemberSchema, raw);
  return db.$transaction(async (tx) => {
    const team = await lockedTeam(tx, actor, input.teamId);
    const member = await tx.teamMember.findUnique({ where: { teamId_userId: { teamId: team.id, userId: input.userId } }, select: { user: { select: { id: true, name: true } } } });
    if (!member) throw notFound("Member");
    await tx.teamMember.delete({ where: { teamId_userId: { teamId: team.id, userId: input.userId } } });
    await audit(entry(actor, meta, "team.member_removed", team, { user: member.user, old: { member: true }, new: { member: false } }), tx);
    return { teamId: team.id, userId: input.userId };
  });
}
