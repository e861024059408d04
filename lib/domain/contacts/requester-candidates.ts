import "server-only";
import { sqlRows } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { Prisma } from "@/lib/generated/prisma/client";
import { STAFF_PERMISSIONS } from "@/lib/auth/permissions";
import { parseInput } from "@/lib/validation/parse";
import { PICKER_LIMIT, pickerSearchSchema } from "@/lib/validation/contacts";
import { assertManageContacts, nameMatchSql } from "./access";

export interface RequesterChoice {
  id: string;
  /** "Name · e-mail", to tell namesakes apart. */
  name: string;
}

/**
 * The statement behind a contact's "Requester account" picker: active users of
 * the organization whose role is not staff and who are no contact yet, by
 * name. Short terms are a name prefix (User_admin_order_idx, in order); three
 * characters or more match name or e-mail anywhere (User_admin_search_idx,
 * the expression of /admin/users). At most PICKER_LIMIT.
 */
export function requesterCandidatesSql(organizationId: string, q: string): Prisma.Sql {
  const order = Prisma.sql`(lower(u."name") COLLATE "C")`;
  const match = nameMatchSql(q, order, Prisma.sql`(lower(u."name") || ' ' || lower(u."email"))`);
  return Prisma.sql`
    SELECT u."id"::text AS "id", u."name" || ' · ' || u."email" AS "name"
      FROM "User" u
     WHERE u."organizationId" = ${organizationId}::uuid AND u."active"
       AND u."roleId" = ANY(ARRAY(SELECT r."id" FROM "Role" r WHERE r."organizationId" = ${organizationId}::uuid AND NOT (r."permissions" && ${[...STAFF_PERMISSIONS]}::text[])))
       AND NOT EXISTS (SELECT 1 FROM "Contact" c WHERE c."userId" = u."id")
       ${match ? Prisma.sql`AND ${match}` : Prisma.empty}
     ORDER BY ${order}, u."id"
     LIMIT ${PICKER_LIMIT}`;
}

/** GET /api/admin/contacts/requesters: requesters to link to a contact, as the admin types (not found without org.manage). */
export async function searchRequesterCandidates(actor: Actor, raw: { q?: string }): Promise<RequesterChoice[]> {
  assertManageContacts(actor, "Not found");
  const { q } = parseInput(pickerSearchSchema, raw);
  return sqlRows<RequesterChoice>(requesterCandidatesSql(actor.organizationId, q));
}
