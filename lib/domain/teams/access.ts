import "server-only";
import { assertAdminister } from "@/lib/domain/admin/access";
import type { Tx } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { invalid, notFound } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";

// Team administration (/admin/teams) needs org.manage, checked on every call;
// a team is loaded through the actor's organization, so another
// organization's id is "not found" (and nothing is written).

export function assertManageTeams(actor: Actor) {
  assertAdminister(actor, "Team");
}

export interface AdminTeam {
  id: string;
  name: string;
  description: string;
  version: number;
}

/** The team, locked for the rest of the transaction (an edit, delete or membership change of it waits for this one). */
export async function lockedTeam(tx: Tx, actor: Actor, id: string): Promise<AdminTeam> {
  const rows = await tx.$queryRaw<AdminTeam[]>`
    SELECT t."id"::text AS "id", t."name", t."description", t."version"
      FROM "Team" t WHERE t."id" = ${id}::uuid AND t."organizationId" = ${actor.organizationId}::uuid FOR UPDATE`;
  if (!rows[0]) throw notFound("Team");
  return rows[0];
}

/** Another team of the organization already has this name (ignoring case). */
export async function nameInUse(tx: Tx, actor: Actor, name: string, exceptId?: string): Promise<boolean> {
  const rows = await tx.$queryRaw<{ id: string }[]>`
    SELECT t."id"::text AS "id" FROM "Team" t
     WHERE t."organizationId" = ${actor.organizationId}::uuid AND lower(t."name") = lower(${name})
       ${exceptId ? Prisma.sql`AND t."id" <> ${exceptId}::uuid` : Prisma.empty}
     LIMIT 1`;
  return rows.length > 0;
}

export const teamNameTaken = (name: string) => invalid(`A team named “${name}” already exists.`, { name: [`“${name}” already exists: choose another name`] });

/** A save racing past nameInUse loses on Team_org_lower_name_key. */
export function isUniqueViolation(e: unknown): boolean {
  return e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2002";
}

export const CHANGED_ELSEWHERE = "Someone else changed this team first. The latest version has been loaded; make your change again.";
