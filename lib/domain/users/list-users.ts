import "server-only";
import { db, sqlRows } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { Prisma } from "@/lib/generated/prisma/client";
import { parseInput } from "@/lib/validation/parse";
import { isUuid } from "@/lib/validation/text";
import { USER_PAGE_SIZE, USER_SUBSTRING_MIN, userListSchema, type UserListInput, type UserStatus } from "@/lib/validation/users";
import { assertUserAdmin, invitedSql, isUserStatus } from "./admin-access";

// /admin/users: one page of the organization's users, in SQL — an
// organization may hold 50,000 requesters, so nothing here reads them all.
// Ordered by lower(name) under collation C, then id, and paged by keyset on
// that pair ("Next" continues after the last row, "Previous" before the
// first). Each filter reads one range of one hand-written index (migration
// 20261201120000_user_admin): User_admin_order_idx for all and "Active",
// User_admin_deactivated_idx and User_admin_invited_idx (partial) for those
// statuses, User_admin_role_idx by role. A search of 1–2 characters is a name
// prefix (a range of the order index); from 3 characters it matches any part
// of the name or e-mail through the trigram index User_admin_search_idx.
// Measured on 50,000 users of one organization: 1–3 ms for a page of any
// filter, 1–10 ms for a search (EXPLAIN plans in users-list.integration.test.ts).

export interface UserListRow {
  id: string;
  name: string;
  email: string;
  roleId: string;
  roleName: string;
  status: UserStatus;
  /** Signed themself up and has not confirmed their address yet (admin-access.ts isUnconfirmed). */
  unconfirmed: boolean;
  lastLoginAt: Date | null;
  projects: number;
}

export interface UserListPage {
  rows: UserListRow[];
  /** Cursor for "Next" (?after=) and "Previous" (?before=); null when there is no such page. */
  next: string | null;
  prev: string | null;
  filters: { q: string; role: string | null; status: UserStatus | null };
  /** The organization's roles (configuration: tens at most), by name. */
  roles: { id: string; name: string; builtIn: string | null }[];
}

type Cursor = { name: string; id: string };

export function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify([c.name, c.id]), "utf8").toString("base64url");
}

/** A cursor as sent back in the URL; a forged or broken one reads as none. */
export function decodeCursor(raw: string | undefined): Cursor | null {
  if (!raw) return null;
  try {
    const v: unknown = JSON.parse(Buffer.from(raw, "base64url").toString("utf8"));
    if (Array.isArray(v) && v.length === 2 && typeof v[0] === "string" && v[0].length <= 200 && !v[0].includes("\u0000") && isUuid(v[1])) return { name: v[0], id: v[1] };
  } catch {
    // not a cursor
  }
  return null;
}

/** LIKE's wildcards and escape taken literally. */
export const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** The users' list order over `"User" u` (User_admin_order_idx): every user search pages and sorts by it, then id. */
export const USER_ORDER_KEY = Prisma.sql`(lower(u."name") COLLATE "C")`;
/** The trigram index's expression (User_admin_search_idx): keep both the same. */
const SEARCH_TEXT = Prisma.sql`(lower(u."name") || ' ' || lower(u."email"))`;

/**
 * Who a search of people matches, over `"User" u`: the one rule of every
 * user search (/admin/users, the audit log's actor picker, a project's "Add
 * member"), each answered from an index at 50,000 users. One or two
 * characters are a name prefix (a range of User_admin_order_idx); three or
 * more match any part of the name or e-mail (User_admin_search_idx, trigram).
 * Null for an empty search.
 */
export function userMatchSql(raw: string): Prisma.Sql | null {
  const q = raw.trim().toLowerCase();
  if (!q) return null;
  if (q.length >= USER_SUBSTRING_MIN) return Prisma.sql`${SEARCH_TEXT} LIKE ${`%${likeEscape(q)}%`}`;
  return Prisma.sql`${USER_ORDER_KEY} LIKE ${`${likeEscape(q)}%`} COLLATE "C"`;
}

function statusSql(status: UserStatus): Prisma.Sql {
  if (status === "deactivated") return Prisma.sql`NOT u."active"`;
  if (status === "invited") return Prisma.sql`u."active" AND ${invitedSql("u")}`;
  return Prisma.sql`u."active" AND NOT (${invitedSql("u")})`;
}

type UserPageSqlRow = {
  id: string;
  name: string;
  email: string;
  roleId: string;
  roleName: string;
  active: boolean;
  invited: boolean;
  unconfirmed: boolean;
  lastLoginMs: number | null;
  projects: number;
};

export interface UserPageQuery {
  organizationId: string;
  role: string | null;
  status: UserStatus | null;
  q: string;
  after: Cursor | null;
  before: Cursor | null;
}

/** The statement of one page (a page and one row, to know whether another follows); exported for its EXPLAIN test. */
export function userPageSql(o: UserPageQuery): Prisma.Sql {
  const where: Prisma.Sql[] = [Prisma.sql`u."organizationId" = ${o.organizationId}::uuid`];
  if (o.role) where.push(Prisma.sql`u."roleId" = ${o.role}::uuid`);
  if (o.status) where.push(statusSql(o.status));
  const match = userMatchSql(o.q);
  if (match) where.push(match);
  const cursor = o.after ?? o.before;
  if (cursor) where.push(Prisma.sql`(${USER_ORDER_KEY}, u."id") ${Prisma.raw(o.after ? ">" : "<")} (lower(${cursor.name}) COLLATE "C", ${cursor.id}::uuid)`);
  const dir = Prisma.raw(o.after || !o.before ? "ASC" : "DESC");
  return Prisma.sql`
    SELECT u."id"::text, u."name", u."email", u."roleId"::text, r."name" AS "roleName", u."active", (${invitedSql("u")}) AS "invited",
           (u."registeredAt" IS NOT NULL AND u."emailConfirmedAt" IS NULL) AS "unconfirmed",
           (extract(epoch FROM u."lastLoginAt") * 1000)::float8 AS "lastLoginMs",
           (SELECT count(*)::int FROM "ProjectMember" pm WHERE pm."userId" = u."id") AS "projects"
      FROM "User" u JOIN "Role" r ON r."id" = u."roleId"
     WHERE ${Prisma.join(where, " AND ")}
     ORDER BY ${USER_ORDER_KEY} ${dir}, u."id" ${dir}
     LIMIT ${USER_PAGE_SIZE + 1}`;
}

export async function listUsers(actor: Actor, raw: UserListInput): Promise<UserListPage> {
  assertUserAdmin(actor);
  const input = parseInput(userListSchema, raw);
  const status = isUserStatus(input.status) ? input.status : null;
  const q = input.q;
  const after = decodeCursor(input.after);
  const before = after ? null : decodeCursor(input.before);
  const page = (role: string | null) => sqlRows<UserPageSqlRow>(userPageSql({ organizationId: actor.organizationId, role, status, q, after, before }));

  // The roles and the page in parallel: the page's SQL is scoped to the organization, so a role id
  // of another organization finds nobody; it is then dropped from the filter and the page asked again.
  const [roles, asked] = await Promise.all([
    db.role.findMany({ where: { organizationId: actor.organizationId }, orderBy: [{ name: "asc" }, { id: "asc" }], select: { id: true, name: true, builtIn: true }, take: 200 }),
    page(input.role ?? null),
  ]);
  const role = input.role && roles.some((r) => r.id === input.role) ? input.role : null;
  const found = input.role && !role ? await page(null) : asked;

  const more = found.length > USER_PAGE_SIZE;
  const shown = found.slice(0, USER_PAGE_SIZE);
  if (before) shown.reverse();
  const rows: UserListRow[] = shown.map((r) => ({
    id: r.id,
    name: r.name,
    email: r.email,
    roleId: r.roleId,
    roleName: r.roleName,
    status: !r.active ? "deactivated" : r.invited ? "invited" : "active",
    unconfirmed: r.unconfirmed,
    lastLoginAt: r.lastLoginMs === null ? null : new Date(r.lastLoginMs),
    projects: r.projects,
  }));
  const first = rows[0];
  const last = rows[rows.length - 1];
  // Forward: a next page when a row was left over, a previous one when we came from one. Backward: the mirror.
  const hasNext = before ? true : more;
  const hasPrev = after ? true : before ? more : false;
  return {
    rows,
    next: hasNext && last ? encodeCursor(last) : null,
    prev: hasPrev && first ? encodeCursor(first) : null,
    filters: { q: input.q, role, status },
    roles,
  };
}
