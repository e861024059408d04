import "server-only";
import { sqlRows } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/auth/actor";
import { parseInput } from "@/lib/validation/parse";
import { auditActorSearchSchema, AUDIT_ACTOR_SEARCH_LIMIT } from "@/lib/validation/audit";
import { USER_ORDER_KEY, userMatchSql } from "@/lib/domain/users/list-users";
import { assertAdmin } from "./admin-only";

export interface ActorChoice {
  id: string;
  name: string;
}

/**
 * The statement behind the audit log's actor picker: anyone of the
 * organization (requesters and deactivated users act too), matched as every
 * user search is (userMatchSql), in the users' list order. At most 20.
 */
export function actorSearchSql(organizationId: string, q: string): Prisma.Sql {
  const match = userMatchSql(q);
  return Prisma.sql`
    SELECT u."id"::text AS "id", u."name", u."email" FROM "User" u
     WHERE u."organizationId" = ${organizationId}::uuid ${match ? Prisma.sql`AND ${match}` : Prisma.empty}
     ORDER BY ${USER_ORDER_KEY}, u."id" LIMIT ${AUDIT_ACTOR_SEARCH_LIMIT}`;
}

/** People the audit log can be filtered by, as the admin types (name and e-mail, to tell namesakes apart). */
export async function searchAuditActors(actor: Actor, raw: { q?: string }): Promise<ActorChoice[]> {
  assertAdmin(actor, "Not found");
  const { q } = parseInput(auditActorSearchSchema, raw);
  const rows = await sqlRows<{ id: string; name: string; email: string }>(actorSearchSql(actor.organizationId, q));
  return rows.map((r) => ({ id: r.id, name: `${r.name} (${r.email})` }));
}

/** The chosen actor's name for the filter (by id, in the organization). */
export async function actorChoice(actor: Actor, id: string | undefined): Promise<ActorChoice | null> {
  if (!id) return null;
  const rows = await sqlRows<{ id: string; name: string; email: string }>(
    Prisma.sql`SELECT u."id"::text AS "id", u."name", u."email" FROM "User" u WHERE u."id" = ${id}::uuid AND u."organizationId" = ${actor.organizationId}::uuid`,
  );
  return rows[0] ? { id: rows[0].id, name: `${rows[0].name} (${rows[0].email})` } : null;
}
