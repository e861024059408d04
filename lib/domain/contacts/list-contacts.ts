import "server-only";
import { sqlRows } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { Prisma } from "@/lib/generated/prisma/client";
import { parseInput } from "@/lib/validation/parse";
import { CONTACT_PAGE_SIZE, contactListSchema, type ContactListInput } from "@/lib/validation/contacts";
import { customersById, type CustomerChoice } from "@/lib/domain/customers/ticket-customer";
import { assertManageContacts, cappedCountSql, keysetPage, keysetSql, nameMatchSql, readKeyset } from "./access";
import type { ContactBase } from "./references";

// /admin/contacts' contact list: one page in SQL — an organization may hold
// 50,000 contacts, so nothing here reads them all. Ordered by lower(name)
// under collation C, then id, keyset-paged; each filter is one range of one
// hand-written index: Contact_admin_order_idx (all, or a name prefix),
// Contact_customer_order_idx (one customer's), Contact_search_idx (three
// characters or more: any part of the name or e-mail, through trigrams).
// The total is capped; EXPLAIN plans in contacts-list.integration.test.ts.

export const CONTACT_TOTAL_CAP = 10_000;

export interface ContactRow extends ContactBase {
  /** The linked requester's name (ContactBase has their e-mail). */
  userName: string | null;
  tags: string[];
}

/** The order key of the indexes (and of the keyset), and the trigram index's expression: keep them textually the same. */
const ORDER = Prisma.sql`(lower(k."name") COLLATE "C")`;
const SEARCH_TEXT = Prisma.sql`(lower(k."name") || ' ' || coalesce(k."email", ''))`;

export interface ContactPageQuery {
  organizationId: string;
  customerId: string | null;
  q: string;
  keyset: ReturnType<typeof readKeyset>;
}

function filterSql(o: ContactPageQuery): Prisma.Sql[] {
  const where = [o.customerId ? Prisma.sql`k."customerId" = ${o.customerId}::uuid AND k."organizationId" = ${o.organizationId}::uuid` : Prisma.sql`k."organizationId" = ${o.organizationId}::uuid`];
  const match = nameMatchSql(o.q, ORDER, SEARCH_TEXT);
  if (match) where.push(match);
  return where;
}

/** The statement of one page (a page and one row, to know whether another follows); exported for its EXPLAIN test. */
export function contactPageSql(o: ContactPageQuery): Prisma.Sql {
  const where = filterSql(o);
  const { where: after, orderBy } = keysetSql(o.keyset, ORDER, Prisma.sql`k."id"`);
  if (after) where.push(after);
  return Prisma.sql`
    SELECT k."id"::text AS "id", k."name", k."email", k."phone", k."title", k."notes", k."version",
           k."customerId"::text AS "customerId", cu."name" AS "customerName",
           k."userId"::text AS "userId", u."name" AS "userName", u."email" AS "userEmail",
           ARRAY(SELECT t."name"::text FROM "ContactTag" ct JOIN "Tag" t ON t."id" = ct."tagId" WHERE ct."contactId" = k."id" ORDER BY t."name") AS "tags"
      FROM "Contact" k
      LEFT JOIN "Customer" cu ON cu."id" = k."customerId"
      LEFT JOIN "User" u ON u."id" = k."userId"
     WHERE ${Prisma.join(where, " AND ")}
     ORDER BY ${orderBy}
     LIMIT ${CONTACT_PAGE_SIZE + 1}`;
}

/** The capped total of the page's filter (without the cursor). */
export const contactTotalSql = (o: ContactPageQuery) => Prisma.sql`SELECT ${cappedCountSql(Prisma.sql`"Contact" k WHERE ${Prisma.join(filterSql(o), " AND ")}`, CONTACT_TOTAL_CAP)} AS "n"`;

export interface ContactListPage {
  rows: ContactRow[];
  next: string | null;
  prev: string | null;
  q: string;
  /** The customer filter, when it names a customer of the organization (another id is dropped). */
  customer: CustomerChoice | null;
  total: number;
}

export async function listContacts(actor: Actor, raw: ContactListInput = {}): Promise<ContactListPage> {
  assertManageContacts(actor);
  const input = parseInput(contactListSchema, raw);
  const [customer] = input.customer ? await customersById(actor.organizationId, [input.customer]) : [];
  const query: ContactPageQuery = { organizationId: actor.organizationId, customerId: customer?.id ?? null, q: input.q, keyset: readKeyset(input) };
  const [found, [total]] = await Promise.all([sqlRows<ContactRow>(contactPageSql(query)), sqlRows<{ n: number }>(contactTotalSql(query))]);
  return { ...keysetPage(found, query.keyset, CONTACT_PAGE_SIZE), q: input.q, customer: customer ?? null, total: total?.n ?? 0 };
}
