import "server-only";
import { sqlRows } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { Prisma } from "@/lib/generated/prisma/client";
import { parseInput } from "@/lib/validation/parse";
import { CUSTOMER_PAGE_SIZE, customerListSchema, type CustomerListInput } from "@/lib/validation/contacts";
import { assertManageContacts, cappedCountSql, keysetPage, keysetSql, nameMatchSql, readKeyset } from "@/lib/domain/contacts/access";

/** Counts on the page stop here ("1,000+", "10,000+"). */
export const CUSTOMER_CONTACTS_CAP = 1_000;
export const CUSTOMER_TOTAL_CAP = 10_000;

export interface CustomerRow {
  id: string;
  name: string;
  notes: string;
  version: number;
  domains: string[];
  /** Contacts of the customer, capped at CUSTOMER_CONTACTS_CAP + 1. */
  contacts: number;
}

/** The order key of Customer_name_key (and of the keyset), and the trigram index's expression. */
const ORDER = Prisma.sql`(lower(c."name") COLLATE "C")`;
const SEARCH_TEXT = Prisma.sql`lower(c."name")`;

/**
 * A page of the organization's customers by name for /admin/contacts,
 * keyset-paged; `q` is a name prefix (1–2 characters) or any part of the
 * name. The total is capped: it never counts the whole organization.
 */
export async function listCustomers(actor: Actor, raw: CustomerListInput = {}) {
  assertManageContacts(actor, "Customer");
  const input = parseInput(customerListSchema, raw);
  const keyset = readKeyset(input);
  const filter = [Prisma.sql`c."organizationId" = ${actor.organizationId}::uuid`];
  const match = nameMatchSql(input.q, ORDER, SEARCH_TEXT);
  if (match) filter.push(match);
  const { where, orderBy } = keysetSql(keyset, ORDER, Prisma.sql`c."id"`);
  const [found, [total]] = await Promise.all([
    sqlRows<CustomerRow>(Prisma.sql`
      SELECT c."id"::text AS "id", c."name", c."notes", c."version",
             ARRAY(SELECT d."domain"::text FROM "CustomerDomain" d WHERE d."customerId" = c."id" ORDER BY d."domain") AS "domains",
             ${cappedCountSql(Prisma.sql`"Contact" k WHERE k."customerId" = c."id"`, CUSTOMER_CONTACTS_CAP)} AS "contacts"
        FROM "Customer" c
       WHERE ${Prisma.join(where ? [...filter, where] : filter, " AND ")}
       ORDER BY ${orderBy}
       LIMIT ${CUSTOMER_PAGE_SIZE + 1}`),
    sqlRows<{ n: number }>(Prisma.sql`SELECT ${cappedCountSql(Prisma.sql`"Customer" c WHERE ${Prisma.join(filter, " AND ")}`, CUSTOMER_TOTAL_CAP)} AS "n"`),
  ]);
  return { ...keysetPage(found, keyset, CUSTOMER_PAGE_SIZE), q: input.q, total: total?.n ?? 0 };
}
