import "server-only";
import { db, sqlRows } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import type { RequestMeta } from "@/lib/audit";
import { conflict, notFound } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import type { WorkflowKind } from "@/lib/generated/prisma/enums";
import { parseInput } from "@/lib/validation/parse";
import { isUuid } from "@/lib/validation/text";
import { saveUserMembershipsSchema, USER_PROJECTS_MAX, type SaveUserMembershipsInput } from "@/lib/validation/users";
import { isUniqueViolation, loadProjectForAdmin } from "@/lib/domain/projects/access";
import { deleteMembership, findMembership, insertMembership, updateMembershipTriage } from "@/lib/domain/projects/members";
import { assertUserAdmin } from "./admin-access";

// A user's project memberships and triage flags, seen and edited from their
// row on /admin/users. Projects are configuration (tens per organization):
// the list is capped at USER_PROJECTS_MAX, the user's own projects first so
// that none of theirs is ever cut off. The writes are the project members
// panel's own (lib/domain/projects/members.ts), each with its audit row.

export interface UserMembershipRow {
  projectId: string;
  key: string;
  name: string;
  workflow: WorkflowKind;
  archived: boolean;
  member: boolean;
  triage: boolean;
}

export interface UserMemberships {
  user: { id: string; name: string };
  projects: UserMembershipRow[];
  /** The organization has more projects than are listed (none of them the user's). */
  more: boolean;
}

export async function userMemberships(actor: Actor, userId: string): Promise<UserMemberships> {
  assertUserAdmin(actor);
  if (!isUuid(userId)) throw notFound("User");
  const user = await db.user.findFirst({ where: { id: userId, organizationId: actor.organizationId }, select: { id: true, name: true } });
  if (!user) throw notFound("User");
  const rows = await sqlRows<UserMembershipRow>(Prisma.sql`
    SELECT p."id"::text AS "projectId", p."key", p."name", p."workflow"::text AS "workflow", p."archived",
           (pm."userId" IS NOT NULL) AS "member", coalesce(pm."triage", false) AS "triage"
      FROM "Project" p
      LEFT JOIN "ProjectMember" pm ON pm."projectId" = p."id" AND pm."userId" = ${user.id}::uuid
     WHERE p."organizationId" = ${actor.organizationId}::uuid
     ORDER BY (pm."userId" IS NULL), p."archived", p."key"
     LIMIT ${USER_PROJECTS_MAX + 1}`);
  const shown = rows.slice(0, USER_PROJECTS_MAX);
  shown.sort((a, b) => Number(a.archived) - Number(b.archived) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return { user, projects: shown, more: rows.length > USER_PROJECTS_MAX };
}

/**
 * Saves the changes of a user's memberships in one transaction: each project
 * is loaded through the admin's organization (another organization's is not
 * found, and nothing is written), compared with what the admin saw (another
 * admin's change in between is a conflict), then added, re-flagged or removed
 * through the members panel's writers with their audit rows.
 */
export async function saveUserMemberships(actor: Actor, raw: SaveUserMembershipsInput, meta: RequestMeta = {}): Promise<{ userId: string; changed: number }> {
  assertUserAdmin(actor);
  const input = parseInput(saveUserMembershipsSchema, raw);
  try {
    return await db.$transaction(async (tx) => {
      const user = await tx.user.findFirst({ where: { id: input.userId, organizationId: actor.organizationId }, select: { id: true, name: true, email: true } });
      if (!user) throw notFound("User");
      const by = { organizationId: actor.organizationId, actorId: actor.id };
      let changed = 0;
      for (const c of input.changes) {
        const project = await loadProjectForAdmin(tx, actor, c.projectId);
        const current = await findMembership(tx, project.id, user.id);
        if (!!current !== c.seen.member || (current?.triage ?? false) !== c.seen.triage) {
          throw conflict(`${user.name}'s membership of ${project.key} was changed by someone else a moment ago. The list now shows what is saved: make your change again.`);
        }
        if (current && !c.now.member) await deleteMembership(tx, by, meta, project, current);
        else if (!current && c.now.member) await insertMembership(tx, by, meta, project, user, c.now.triage);
        else if (current && current.triage !== c.now.triage) await updateMembershipTriage(tx, by, meta, project, current, c.now.triage);
        else continue;
        changed++;
      }
      return { userId: user.id, changed };
    });
  } catch (e) {
    // Another admin added them to one of these projects at the same moment.
    if (isUniqueViolation(e)) throw conflict("Someone else changed these memberships a moment ago. The list now shows what is saved: make your change again.");
    throw e;
  }
}
