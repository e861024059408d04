import "server-only";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { TicketStatus } from "@/lib/generated/prisma/enums";
import type { Actor } from "@/lib/auth/actor";
import { STATUS_SORT_ORDER, TERMINAL_STATUSES } from "@/lib/domain/tickets/workflow";
import type { DeskQuery, SortKey } from "@/lib/validation/desk";
import { isIsoTimestamp, isUuid } from "@/lib/validation/text";

// The desk's sorts by status, assignee and requester (issue 14). A plain
// ORDER BY over them sorts every match of the view first (0.4 s for open work
// at a million tickets, 1.4 s by assignee name): no index holds tickets in the
// order of a value they only point at. So a page walks the sort key's values
// in order — the statuses in STATUS_SORT_ORDER, the organization's people by
// name — and, for each, that value's tickets in index order, LIMIT n, stopping
// once the page is full. When the view's matches are few, sorting them is the
// cheap way (and the walk would meet many people with none): the plain ORDER
// BY below, with the same order and the same cursor.

export const WALK_SORTS = ["status", "assignee", "requester"] as const satisfies readonly SortKey[];
export type WalkSort = (typeof WALK_SORTS)[number];
export const isWalkSort = (s: SortKey): s is WalkSort => (WALK_SORTS as readonly string[]).includes(s);

/**
 * People a page's walk meets at most before it gives up and sorts the view's
 * matches instead. Each person costs one index probe (~45 µs at a million
 * tickets), so the walk costs at most ~45 ms; a view that fills no page of 50
 * within this many people holds about 50 × people / PEOPLE_WALK_LIMIT
 * matches or fewer (2,500 among 50,000 requesters), which sort in a few
 * milliseconds.
 */
export const PEOPLE_WALK_LIMIT = 1000;

/**
 * Statuses as an array literal, not a parameter: the planner then sees which
 * statuses (and their row estimates). Only TicketStatus values reach it.
 */
const statusArraySql = (statuses: readonly TicketStatus[]) => Prisma.raw(`ARRAY[${statuses.map((s) => `'${s}'`).join(", ")}]::"TicketStatus"[]`);
const STATUS_ORDER_SQL = statusArraySql(STATUS_SORT_ORDER);
const statusRank = (s: TicketStatus) => (STATUS_SORT_ORDER as readonly string[]).indexOf(s) + 1;

/** A walk sort's cursor: the last row's value (status, or person id; null: unassigned), its updatedAt and id. */
export interface WalkCursor {
  value: string | null;
  updatedAt: string;
  id: string;
  /** For a person: lower(name) as PostgreSQL computes it (read from the database, never from the cursor). */
  key?: string;
}

export function walkCursorValues(sort: WalkSort, row: { status: string; requesterId: string; assigneeId: string | null; updatedAt: Date; id: string }): (string | null)[] {
  const value = sort === "status" ? row.status : sort === "requester" ? row.requesterId : row.assigneeId;
  return [value, row.updatedAt.toISOString(), row.id];
}

/** The cursor's values if they are what the desk writes for this sort, else null (a bad cursor is the first page). */
export function parseWalkCursor(sort: WalkSort, values: unknown[]): WalkCursor | null {
  if (values.length !== 3) return null;
  const [value, updatedAt, id] = values;
  const valueOk =
    sort === "status"
      ? typeof value === "string" && (Object.values(TicketStatus) as string[]).includes(value)
      : sort === "assignee"
        ? value === null || isUuid(value)
        : isUuid(value);
  if (!valueOk || !isIsoTimestamp(updatedAt) || !isUuid(id)) return null;
  return { value: value as string | null, updatedAt, id };
}

/**
 * The cursor's person's sort key, read inside the viewer's organization. A
 * person of another organization (a forged cursor) is no position: null, and
 * the page starts at the beginning.
 */
export async function resolveWalkCursor(actor: Actor, sort: WalkSort, c: WalkCursor | null): Promise<WalkCursor | null> {
  if (!c || sort === "status" || c.value === null) return c;
  const [u] = await db.$queryRaw<{ k: string }[]>`
    SELECT lower(u."name") COLLATE "C" AS "k" FROM "User" u WHERE u."id" = ${c.value}::uuid AND u."organizationId" = ${actor.organizationId}::uuid`;
  return u ? { ...c, key: u.k } : null;
}

type Dir = "ASC" | "DESC";
const op = (dir: Dir) => Prisma.raw(dir === "DESC" ? "<" : ">");
const D = (dir: Dir) => Prisma.raw(dir);
const afterRow = (c: WalkCursor, dir: Dir) => Prisma.sql`(t."updatedAt", t."id") ${op(dir)} (${c.updatedAt}::timestamp(3), ${c.id}::uuid)`;

/** What the plain ORDER BY joins to "Ticket" t: the same aliases as the page's row select (r: requester, a: assignee). */
export function walkSortJoin(sort: WalkSort): Prisma.Sql {
  if (sort === "requester") return Prisma.sql`JOIN "User" r ON r."id" = t."requesterId"`;
  if (sort === "assignee") return Prisma.sql`LEFT JOIN "User" a ON a."id" = t."assigneeId"`;
  return Prisma.empty;
}

/** The plain ORDER BY: every column in one direction; unassigned last ascending, first descending (PostgreSQL's NULLS default). */
export function walkSortOrder(sort: WalkSort, dir: Dir): Prisma.Sql {
  const tail = `t."updatedAt" ${dir}, t."id" ${dir}`;
  if (sort === "status") return Prisma.sql`array_position(${STATUS_ORDER_SQL}, t."status") ${D(dir)}, ${Prisma.raw(tail)}`;
  if (sort === "requester") return Prisma.raw(`lower(r."name") COLLATE "C" ${dir}, r."id" ${dir}, ${tail}`);
  return Prisma.raw(`(t."assigneeId" IS NULL) ${dir}, lower(a."name") COLLATE "C" ${dir}, a."id" ${dir}, ${tail}`);
}

/** The plain query's keyset condition: the rows after the cursor in walkSortOrder. */
export function walkSortAfter(sort: WalkSort, dir: Dir, c: WalkCursor): Prisma.Sql {
  const rest = Prisma.sql`${c.updatedAt}::timestamp(3), ${c.id}::uuid`;
  if (sort === "status") {
    return Prisma.sql`(array_position(${STATUS_ORDER_SQL}, t."status"), t."updatedAt", t."id") ${op(dir)} (${statusRank(c.value as TicketStatus)}::int, ${rest})`;
  }
  if (sort === "requester") return Prisma.sql`(lower(r."name") COLLATE "C", r."id", t."updatedAt", t."id") ${op(dir)} (${c.key!}::text COLLATE "C", ${c.value}::uuid, ${rest})`;
  // Unassigned rows have no name to compare: their group is placed by hand.
  if (c.value === null) {
    return dir === "ASC" ? Prisma.sql`(t."assigneeId" IS NULL AND ${afterRow(c, dir)})` : Prisma.sql`(t."assigneeId" IS NOT NULL OR ${afterRow(c, dir)})`;
  }
  const named = Prisma.sql`(t."assigneeId" IS NOT NULL AND (lower(a."name") COLLATE "C", a."id", t."updatedAt", t."id") ${op(dir)} (${c.key!}::text COLLATE "C", ${c.value}::uuid, ${rest}))`;
  return dir === "ASC" ? Prisma.sql`(${named} OR t."assigneeId" IS NULL)` : named;
}

/**
 * The statuses a view can hold, in STATUS_SORT_ORDER: the walk visits only
 * these (a status the filter excludes would be scanned to its end for
 * nothing). The boxes' statuses are those of their rules (BOX_RULES and the
 * policy's awaitingApprovalSql / readyToAssignSql, each of which names its
 * status); the rules themselves still apply, as conditions of the walk.
 */
export function viewStatuses(f: DeskQuery, openWorkExcludes: readonly TicketStatus[]): TicketStatus[] {
  let allowed: readonly TicketStatus[] = STATUS_SORT_ORDER;
  const keep = (s: readonly TicketStatus[]) => (allowed = allowed.filter((x) => s.includes(x)));
  const drop = (s: readonly TicketStatus[]) => (allowed = allowed.filter((x) => !s.includes(x)));
  if (f.status.length) keep(f.status);
  else if (f.state === "open" && !f.box) drop(openWorkExcludes);
  if (f.box === "in_progress") keep(["in_progress"]);
  else if (f.box === "new") keep(["open", "pending"]);
  else if (f.box === "approval") keep(["pending"]);
  else if (f.box === "ready") keep(["approved"]);
  else if (f.box) drop(TERMINAL_STATUSES);
  return [...allowed];
}

export interface Walk {
  /** The page's ticket ids (in no particular order: the rows are sorted again by walkSortOrder). */
  ids: string[];
}

interface WalkArgs {
  actor: Actor;
  sort: WalkSort;
  dir: Dir;
  /** The view's conditions over "Ticket" t (deskConditions) but its status filter: the walk applies `statuses` itself. */
  where: Prisma.Sql[];
  statuses: TicketStatus[];
  cursor: WalkCursor | null;
  n: number;
  peopleLimit: number;
}

/**
 * The first n ids of the view in the sort's order, by walking its values; null
 * when the walk met peopleLimit people without filling the page (then the
 * view is small: sort its matches).
 */
export async function walkIds(a: WalkArgs): Promise<Walk | null> {
  if (a.sort === "status") return { ids: await statusWalk(a) };
  // The groups in page order from the cursor's: assignee ascending ends with the unassigned, descending starts with them.
  const unassignedFirst = a.sort === "assignee" && a.dir === "DESC";
  const groups: ("people" | "unassigned")[] = a.sort === "requester" ? ["people"] : unassignedFirst ? ["unassigned", "people"] : ["people", "unassigned"];
  const inUnassigned = a.sort === "assignee" && a.cursor !== null && a.cursor.value === null;
  const start = inUnassigned ? groups.indexOf("unassigned") : a.cursor ? groups.indexOf("people") : 0;
  const ids: string[] = [];
  for (let g = start; g < groups.length && ids.length < a.n; g++) {
    const cursor = g === start ? a.cursor : null;
    const n = a.n - ids.length;
    if (groups[g] === "unassigned") {
      ids.push(...(await unassignedWalk({ ...a, cursor, n })));
    } else {
      const found = await peopleWalk({ ...a, cursor, n });
      if (!found) return null;
      ids.push(...found);
    }
  }
  return { ids };
}

const statusIn = (statuses: TicketStatus[]) =>
  statuses.length === STATUS_SORT_ORDER.length ? Prisma.empty : Prisma.sql`AND t."status" = ANY(${statusArraySql(statuses)})`;

/** One index range per status ("Ticket"(organizationId, status, updatedAt, id)), each LIMIT n; the first n of them in order. */
async function statusWalk(a: WalkArgs): Promise<string[]> {
  const inOrder = a.dir === "ASC" ? a.statuses : [...a.statuses].reverse();
  const from = a.cursor ? statusRank(a.cursor.value as TicketStatus) : null;
  const rest = from === null ? inOrder : inOrder.filter((s) => (a.dir === "ASC" ? statusRank(s) >= from : statusRank(s) <= from));
  if (!rest.length) return [];
  const where = Prisma.join(a.where, " AND ");
  const branches = rest.map((s, i) => {
    const after = a.cursor && s === a.cursor.value ? Prisma.sql`AND ${afterRow(a.cursor, a.dir)}` : Prisma.empty;
    return Prisma.sql`(SELECT ${i}::int AS "g", t."id", t."updatedAt" FROM "Ticket" t
       WHERE ${where} AND t."status" = ${Prisma.raw(`'${s}'`)}::"TicketStatus" ${after}
       ORDER BY t."updatedAt" ${D(a.dir)}, t."id" ${D(a.dir)} LIMIT ${a.n})`;
  });
  const rows = await db.$queryRaw<{ id: string }[]>`
    SELECT w."id" FROM (${Prisma.join(branches, " UNION ALL ")}) w
     ORDER BY w."g", w."updatedAt" ${D(a.dir)}, w."id" ${D(a.dir)} LIMIT ${a.n}`;
  return rows.map((r) => r.id);
}

/** The unassigned tickets of the view in (updatedAt, id) order: the desk's own index walk, as for sort=updated. */
async function unassignedWalk(a: WalkArgs): Promise<string[]> {
  const after = a.cursor ? Prisma.sql`AND ${afterRow(a.cursor, a.dir)}` : Prisma.empty;
  const rows = await db.$queryRaw<{ id: string }[]>`
    SELECT t."id" FROM "Ticket" t WHERE ${Prisma.join(a.where, " AND ")} AND t."assigneeId" IS NULL ${statusIn(a.statuses)} ${after}
     ORDER BY t."updatedAt" ${D(a.dir)}, t."id" ${D(a.dir)} LIMIT ${a.n}`;
  return rows.map((r) => r.id);
}

/**
 * People by lower(name) under collation C, then id, and for each their
 * tickets of the view (requested: "Ticket"(requesterId, …); assigned:
 * "Ticket"(organizationId, assigneeId, status)). The people are the
 * organization's users (User_admin_order_idx) for the requester, and for the
 * assignee those who are the primary assignee of any of its tickets (a skip
 * scan of the assignee index: a few hundred probes, not every requester).
 * The cursor's own person is finished first, from the cursor on. Null when
 * peopleLimit people held fewer than n rows.
 */
async function peopleWalk(a: WalkArgs): Promise<string[] | null> {
  const org = Prisma.sql`${a.actor.organizationId}::uuid`;
  const col = Prisma.raw(a.sort === "requester" ? `t."requesterId"` : `t."assigneeId"`);
  const where = Prisma.join(a.where, " AND ");
  const dir = D(a.dir);
  const statuses = statusIn(a.statuses);
  const c = a.cursor;
  const afterPerson = c ? Prisma.sql`AND (lower(u."name") COLLATE "C", u."id") ${op(a.dir)} (${c.key!}::text COLLATE "C", ${c.value}::uuid)` : Prisma.empty;
  const assignees =
    a.sort === "assignee"
      ? Prisma.sql`WITH RECURSIVE ids AS (
          (SELECT t."assigneeId" AS "id" FROM "Ticket" t WHERE t."organizationId" = ${org} AND t."assigneeId" IS NOT NULL ORDER BY t."assigneeId" LIMIT 1)
          UNION ALL
          SELECT (SELECT t."assigneeId" FROM "Ticket" t WHERE t."organizationId" = ${org} AND t."assigneeId" > ids."id" ORDER BY t."assigneeId" LIMIT 1)
            FROM ids WHERE ids."id" IS NOT NULL)`
      : Prisma.empty;
  const onlyAssignees = a.sort === "assignee" ? Prisma.sql`AND u."id" IN (SELECT ids."id" FROM ids)` : Prisma.empty;
  const people = Prisma.sql`SELECT u."id", lower(u."name") COLLATE "C" AS "k" FROM "User" u
     WHERE u."organizationId" = ${org} ${onlyAssignees} ${afterPerson}
     ORDER BY lower(u."name") COLLATE "C" ${dir}, u."id" ${dir} LIMIT ${a.peopleLimit}`;
  const own = c
    ? Prisma.sql`(SELECT 0 AS "part", ${c.key!}::text COLLATE "C" AS "k", ${c.value}::uuid AS "uid", t."id", t."updatedAt" FROM "Ticket" t
         WHERE ${where} AND ${col} = ${c.value}::uuid ${statuses} AND ${afterRow(c, a.dir)}
         ORDER BY t."updatedAt" ${dir}, t."id" ${dir} LIMIT ${a.n})
       UNION ALL`
    : Prisma.empty;
  const rows = await db.$queryRaw<{ id: string | null; seen: number | null }[]>`
    ${assignees}
    (SELECT w."id", NULL::int AS "seen" FROM (
       ${own}
       (SELECT 1 AS "part", p."k", p."id" AS "uid", x."id", x."updatedAt" FROM (${people}) p
          CROSS JOIN LATERAL (SELECT t."id", t."updatedAt" FROM "Ticket" t
             WHERE ${where} AND ${col} = p."id" ${statuses}
             ORDER BY t."updatedAt" ${dir}, t."id" ${dir} LIMIT ${a.n}) x
         ORDER BY p."k" ${dir}, p."id" ${dir}, x."updatedAt" ${dir}, x."id" ${dir} LIMIT ${a.n})
     ) w ORDER BY w."part", w."k" ${dir}, w."uid" ${dir}, w."updatedAt" ${dir}, w."id" ${dir} LIMIT ${a.n})
    UNION ALL
    SELECT NULL, (SELECT count(*)::int FROM (${people}) c)`;
  const ids = rows.filter((r) => r.id !== null).map((r) => r.id!);
  const seen = rows.find((r) => r.id === null)?.seen ?? 0;
  return ids.length >= a.n || seen < a.peopleLimit ? ids : null;
}
