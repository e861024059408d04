import "server-only";
import { sqlRows } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { Prisma } from "@/lib/generated/prisma/client";
import { notFound } from "@/lib/errors";
import { parseInput } from "@/lib/validation/parse";
import { PICKER_LIMIT, pickerSearchSchema } from "@/lib/validation/contacts";
import { mayPickCustomers, nameMatchSql } from "@/lib/domain/contacts/access";
import type { CustomerChoice } from "./ticket-customer";

/** The picker's statement (exported for its EXPLAIN test): a range of Customer_name_key, or the trigram index, at most PICKER_LIMIT. */
export function customerSearchSql(organizationId: string, q: string): Prisma.Sql {
  const order = Prisma.sql`(lower(c."name") COLLATE "C")`;
  const match = nameMatchSql(q, order, Prisma.sql`lower(c."name")`);
  return Prisma.sql`
    SELECT c."id"::text AS "id", c."name" FROM "Customer" c
     WHERE c."organizationId" = ${organizationId}::uuid ${match ? Prisma.sql`AND ${match}` : Prisma.empty}
     ORDER BY ${order}, c."id"
     LIMIT ${PICKER_LIMIT}`;
}

/**
 * GET /api/customers/search: the customer pickers as the user types (the
 * desk's Customer filter, a ticket's customer, a contact's company). Not
 * found for anyone who may not pick customers (requesters).
 */
export async function searchCustomers(actor: Actor, raw: { q?: string }): Promise<CustomerChoice[]> {
  if (!mayPickCustomers(actor)) throw notFound("Not found");
  const { q } = parseInput(pickerSearchSchema, raw);
  return sqlRows<CustomerChoice>(customerSearchSql(actor.organizationId, q));
}
