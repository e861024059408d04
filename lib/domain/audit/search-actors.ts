import "server-only";
import { sqlRows } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/auth/actor";
import { parseInput } from "@/lib/validation/parse";
import { auditActorSearchSchema, AUDIT_ACTOR_SEARCH_LIMIT } from "@/lib/validation/audit";
import { likePrefix } from "@/lib/domain/users/staff-directory";
import { assertAdmin } from "./admin-only";

export interface ActorChoice {
  id: string;
  name: string;
}

/**
 * The statement behind the audit log's actor picker: anyone of the
 * organization (requesters and deactivated users act too), by name. Short
 * terms are a name prefix, read in order from the (organizationId,
 * lower(name) COLLATE "C", id) index; three characters or more match name or
 * e-mail anywhere through the trigram index on lower(name) || ' ' ||
 * lower(email) (both from /admin/users' migration). At most 20.
 */
export function actorSearchSql(organizationId: string, q: string): Prisma.Sql {
  const order = Prisma.sql`lower(u."name") COLLATE "C"`;
  const where = [Prisma.sql`u."organizationId" = ${organizationId}::uuid`];
  if (q.length >= 3) {
    const term = `%${q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    where.push(Prisma.sql`(lower(u."name") || ' ' || lower(u."email")) LIKE ${term}`);
  } else if (q) {
    where.push(Prisma.sql`${order} LIKE ${likePrefix(q)}`);
  }
  return Prisma.sql`
    SELECT u."id"::text AS "id", u."name", u."email" FROM "User" u
     WHERE ${Prisma.join(where, " AND ")}
     ORDER BY ${order}, u."id" LIMIT ${AUDIT_ACTOR_SEARCH_LIMIT}`;
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
