import "server-only";
import { db, type Tx } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { audit, type RequestMeta } from "@/lib/audit";
import { invalid, INVALID_FORM, notFound } from "@/lib/errors";
import { parseInput } from "@/lib/validation/parse";
import {
  addMemberSchema,
  removeMemberSchema,
  setTriageSchema,
  type AddMemberInput,
  type RemoveMemberInput,
  type SetTriageInput,
} from "@/lib/validation/projects";
import { isUniqueViolation, loadProjectForAdmin } from "./access";

// A project's members (staff and requesters of the organization). Members
// with `triage` are told about every new ticket in the project
// (lib/domain/notifications: ticket_created). Each change is one transaction
// with its audit row. A change of membership takes effect on the member's
// next request (the actor's memberships are read per request).

async function orgUser(tx: Tx, actor: Actor, userId: string) {
  const user = await tx.user.findFirst({ where: { id: userId, organizationId: actor.organizationId }, select: { id: true, name: true, email: true } });
  if (!user) throw invalid(INVALID_FORM, { userId: ["Choose a person from your organization"] });
  return user;
}

/** A person's membership of a project (with who they are), or null. */
export async function findMembership(tx: Tx, projectId: string, userId: string) {
  return tx.projectMember.findUnique({ where: { projectId_userId: { projectId, userId } }, select: { triage: true, user: { select: { id: true, name: true, email: true } } } });
}

async function membership(tx: Tx, projectId: string, userId: string) {
  const row = await findMembership(tx, projectId, userId);
  if (!row) throw notFound("Member");
  return row;
}

/** Who writes a membership change: the admin, or the person who signed up (portal registration). */
export interface MembershipAuthor {
  organizationId: string;
  actorId: string;
}

const entry = (by: MembershipAuthor, meta: RequestMeta, action: string, project: { id: string; key: string }, data: Record<string, unknown>) => ({
  ...meta,
  organizationId: by.organizationId,
  actorId: by.actorId,
  action,
  entityType: "Project",
  entityId: project.id,
  data: { project: project.key, ...data } as never,
});

const person = (u: { id: string; name: string; email: string }) => ({ id: u.id, name: u.name, email: u.email });

// The three writes of a membership, each with its audit row, inside the
// caller's transaction (project and person already loaded through the
// organization). The project's members panel, a user's projects on
// /admin/users, an invitation and a portal sign-up all write through them.

export async function insertMembership(tx: Tx, by: MembershipAuthor, meta: RequestMeta, project: { id: string; key: string }, user: { id: string; name: string; email: string }, triage: boolean) {
  await tx.projectMember.create({ data: { projectId: project.id, userId: user.id, organizationId: by.organizationId, triage } });
  await audit(entry(by, meta, "project.member_added", project, { user: person(user), old: { member: false }, new: { member: true, triage } }), tx);
}

export async function updateMembershipTriage(tx: Tx, by: MembershipAuthor, meta: RequestMeta, project: { id: string; key: string }, member: { triage: boolean; user: { id: string; name: string; email: string } }, triage: boolean) {
  await tx.projectMember.update({ where: { projectId_userId: { projectId: project.id, userId: member.user.id } }, data: { triage } });
  await audit(entry(by, meta, "project.member_triage_changed", project, { user: person(member.user), old: { triage: member.triage }, new: { triage } }), tx);
}

export async function deleteMembership(tx: Tx, by: MembershipAuthor, meta: RequestMeta, project: { id: string; key: string }, member: { triage: boolean; user: { id: string; name: string; email: string } }) {
  await tx.projectMember.delete({ where: { projectId_userId: { projectId: project.id, userId: member.user.id } } });
  await audit(entry(by, meta, "project.member_removed", project, { user: person(member.user), old: { member: true, triage: member.triage }, new: { member: false } }), tx);
}

const byAdmin = (actor: Actor): MembershipAuthor => ({ organizationId: actor.organizationId, actorId: actor.id });

export async function addProjectMember(actor: Actor, raw: AddMemberInput, meta: RequestMeta = {}) {
  const input = parseInput(addMemberSchema, raw);
  try {
    return await db.$transaction(async (tx) => {
      const project = await loadProjectForAdmin(tx, actor, input.projectId);
      const user = await orgUser(tx, actor, input.userId);
      if (await tx.projectMember.findUnique({ where: { projectId_userId: { projectId: project.id, userId: user.id } }, select: { userId: true } })) {
        throw invalid(`${user.name} is already a member of ${project.key}.`, { userId: [`${user.name} is already a member`] });
      }
      await insertMembership(tx, byAdmin(actor), meta, project, user, input.triage);
      return { projectId: project.id, userId: user.id, triage: input.triage };
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw invalid("This person is already a member.", { userId: ["Already a member"] });
    throw e;
  }
}

export async function setMemberTriage(actor: Actor, raw: SetTriageInput, meta: RequestMeta = {}) {
  const input = parseInput(setTriageSchema, raw);
  return db.$transaction(async (tx) => {
    const project = await loadProjectForAdmin(tx, actor, input.projectId);
    const member = await membership(tx, project.id, input.userId);
    if (member.triage === input.triage) return { projectId: project.id, userId: input.userId, triage: input.triage, changed: false };
    await updateMembershipTriage(tx, byAdmin(actor), meta, project, member, input.triage);
    return { projectId: project.id, userId: input.userId, triage: input.triage, changed: true };
  });
}

export async function removeProjectMember(actor: Actor, raw: RemoveMemberInput, meta: RequestMeta = {}) {
  const input = parseInput(removeMemberSchema, raw);
  return db.$transaction(async (tx) => {
    const project = await loadProjectForAdmin(tx, actor, input.projectId);
    const member = await membership(tx, project.id, input.userId);
    await deleteMembership(tx, byAdmin(actor), meta, project, member);
    return { projectId: project.id, userId: input.userId };
  });
}
