import "server-only";
import { assertAdminister, mayAdminister } from "@/lib/domain/admin/access";
import type { Actor } from "@/lib/auth/actor";
import { isStaff } from "@/lib/auth/permissions";
import { Prisma } from "@/lib/generated/prisma/client";
import { decodeCursor, encodeCursor, likeEscape } from "@/lib/domain/users/list-users";
import { likePrefix } from "@/lib/domain/users/staff-directory";
import { CONTACT_SUBSTRING_MIN } from "@/lib/validation/contacts";

// Customers and contacts (/admin/contacts) are administration: org.manage,
// checked on every call, and rows loaded through the actor's organization, so
// another organization's id is "not found" and nothing is written.

export function assertManageContacts(actor: Actor, what = "Contact"): void {
  assertAdminister(actor, what);
}

/**
 * Who may search customers (GET /api/customers/search): staff, for the desk's
 * Customer filter and a ticket's customer, and admins, for a contact's. The
 * names of an organization's customers are not for requesters.
 */
export function mayPickCustomers(actor: Actor): boolean {
  return isStaff(actor) || mayAdminister(actor);
}

export function isUniqueViolation(e: unknown): boolean {
  return e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2002";
}

// ─── The lists' keyset paging and search (the shape of /admin/users) ───────

type Cursor = { name: string; id: string };

export interface Keyset {
  after: Cursor | null;
  before: Cursor | null;
}

/** The cursors as sent back in the URL; a forged or broken one reads as none, and "after" wins. */
export function readKeyset(raw: { after?: string; before?: string }): Keyset {
  const after = decodeCursor(raw.after);
  return { after, before: after ? null : decodeCursor(raw.before) };
}

/**
 * The list's ORDER BY key (`order`, lower(name) under collation C, the
 * indexes' expression), then `id`: the keyset condition, the order and its
 * direction (a "Previous" page is read backwards, then turned round).
 */
export function keysetSql(k: Keyset, order: Prisma.Sql, id: Prisma.Sql): { where: Prisma.Sql | null; orderBy: Prisma.Sql } {
  const cursor = k.after ?? k.before;
  const where = cursor ? Prisma.sql`(${order}, ${id}) ${Prisma.raw(k.after ? ">" : "<")} (lower(${cursor.name}) COLLATE "C", ${cursor.id}::uuid)` : null;
  const dir = Prisma.raw(k.before ? "DESC" : "ASC");
  return { where, orderBy: Prisma.sql`${order} ${dir}, ${id} ${dir}` };
}

/** A page of rows read with keysetSql (one row more than `size`), in list order, with the cursors of its neighbours. */
export function keysetPage<T extends { id: string; name: string }>(found: T[], k: Keyset, size: number): { rows: T[]; next: string | null; prev: string | null } {
  const more = found.length > size;
  const rows = found.slice(0, size);
  if (k.before) rows.reverse();
  const first = rows[0];
  const last = rows[rows.length - 1];
  const hasNext = k.before ? true : more;
  const hasPrev = k.after ? true : k.before ? more : false;
  return { rows, next: hasNext && last ? encodeCursor(last) : null, prev: hasPrev && first ? encodeCursor(first) : null };
}

/**
 * What was typed, as a condition: 1–2 characters are a prefix of the order
 * key (a range of the order index); from CONTACT_SUBSTRING_MIN on, any part
 * of `searchText` (the trigram index's expression, kept textually the same).
 */
export function nameMatchSql(q: string, order: Prisma.Sql, searchText: Prisma.Sql): Prisma.Sql | null {
  const term = q.trim().toLowerCase();
  if (!term) return null;
  if (term.length >= CONTACT_SUBSTRING_MIN) return Prisma.sql`${searchText} LIKE ${`%${likeEscape(term)}%`}`;
  return Prisma.sql`${order} LIKE ${likePrefix(term)}`;
}

/** A count that stops at `cap` + 1 (the page says "10,000+"), never a count of the whole organization. */
export const cappedCountSql = (from: Prisma.Sql, cap: number) => Prisma.sql`(SELECT count(*)::int FROM (SELECT 1 FROM ${from} LIMIT ${cap + 1}) capped)`;
