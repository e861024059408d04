import "server-only";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { Priority, type TicketStatus } from "@/lib/generated/prisma/enums";
import type { Actor } from "@/lib/auth/actor";
import { TERMINAL_STATUSES } from "@/lib/domain/tickets/workflow";
import { awaitingApprovalSql, canSeeInternal, isApprover, mayAssign, readyToAssignOver, readyToAssignSql, scopeGrants, ticketScopeSql } from "@/lib/domain/tickets/policy";
import { BOX_KEYS, type BoxKey, type DeskQuery, type SortKey } from "@/lib/validation/desk";
import { isInt4, isIsoTimestamp, isUuid } from "@/lib/validation/text";
import { myTeamsSql, teamFilterSql } from "@/lib/domain/teams/queue-sql";
import {
  isWalkSort,
  parseWalkCursor,
  PEOPLE_WALK_LIMIT,
  resolveWalkCursor,
  viewStatuses,
  walkCursorValues,
  walkIds,
  walkSortAfter,
  walkSortJoin,
  walkSortOrder,
  type WalkCursor,
  type WalkSort,
} from "./desk-sort";

// The desk's queries are hand-written SQL: full-text search must repeat the
// GIN indexes' expressions (prisma/hand-written-indexes.ts), and keyset paging
// over a million tickets needs exact control of the ORDER BY and row comparison.

/** Non-terminal tickets, over `"Ticket" t` (the boxes' "live"; teams refuse deletion while any is on them). */
export const LIVE = Prisma.sql`t."status" NOT IN (${Prisma.join(TERMINAL_STATUSES.map((s) => Prisma.sql`${s}::"TicketStatus"`))})`;
/** The desk's default view: live tickets that are someone's work — not a rejected change, not a requester's draft. */
export const OPEN_WORK_EXCLUDES = [...TERMINAL_STATUSES, "rejected", "draft"] as const satisfies readonly TicketStatus[];
const OPEN_WORK = Prisma.sql`t."status" NOT IN (${Prisma.join(OPEN_WORK_EXCLUDES.map((s) => Prisma.sql`${s}::"TicketStatus"`))})`;

export interface DeskRow {
  id: string;
  number: string;
  title: string;
  status: TicketStatus;
  priority: Priority;
  updatedAt: Date;
  createdAt: Date;
  seq: number;
  projectKey: string;
  requesterId: string;
  requesterName: string;
  assigneeId: string | null;
  assigneeName: string | null;
  slaDueAt: Date | null;
}

/** ORDER BY columns per sort, all in the same direction so a row comparison pages them (the walk sorts: desk-sort.ts). */
const SORT_COLUMNS: Record<Exclude<SortKey, WalkSort>, { sql: string; key: (r: DeskRow) => string | number }[]> = {
  updated: [{ sql: `t."updatedAt"`, key: (r) => r.updatedAt.toISOString() }],
  created: [{ sql: `t."createdAt"`, key: (r) => r.createdAt.toISOString() }],
  priority: [
    { sql: `t."priority"`, key: (r) => r.priority },
    { sql: `t."updatedAt"`, key: (r) => r.updatedAt.toISOString() },
  ],
  number: [{ sql: `t."seq"`, key: (r) => r.seq }],
};
const CAST: Record<string, string> = { 't."updatedAt"': "timestamp(3)", 't."createdAt"': "timestamp(3)", 't."priority"': '"Priority"', 't."seq"': "int" };

export function encodeDeskCursor(sort: SortKey, row: DeskRow): string {
  const values = isWalkSort(sort) ? walkCursorValues(sort, row) : [...SORT_COLUMNS[sort].map((c) => c.key(row)), row.id];
  return Buffer.from(JSON.stringify([sort, ...values])).toString("base64url");
}

/** What each cast in the keyset comparison accepts (CAST): a forged value must not reach PostgreSQL. */
const CURSOR_VALUE: Record<string, (v: unknown) => boolean> = {
  't."updatedAt"': isIsoTimestamp,
  't."createdAt"': isIsoTimestamp,
  't."priority"': (v) => typeof v === "string" && (Object.values(Priority) as string[]).includes(v),
  't."seq"': isInt4,
};

/** A walk sort's cursor (desk-sort.ts), or null for anything the desk did not write itself. */
export function decodeWalkCursor(sort: WalkSort, raw: string | undefined): WalkCursor | null {
  if (!raw) return null;
  try {
    const parts = JSON.parse(Buffer.from(raw, "base64url").toString("utf8"));
    return Array.isArray(parts) && parts[0] === sort ? parseWalkCursor(sort, parts.slice(1)) : null;
  } catch {
    return null;
  }
}

/** The cursor's values, or null for anything the desk did not write itself (a bad cursor is the first page). */
export function decodeDeskCursor(sort: Exclude<SortKey, WalkSort>, raw: string | undefined): (string | number)[] | null {
  if (!raw) return null;
  try {
    const parts = JSON.parse(Buffer.from(raw, "base64url").toString("utf8"));
    if (!Array.isArray(parts) || parts[0] !== sort || parts.length !== SORT_COLUMNS[sort].length + 2) return null;
    const values = parts.slice(1) as unknown[];
    const cols = SORT_COLUMNS[sort];
    if (!cols.every((c, i) => CURSOR_VALUE[c.sql]!(values[i])) || !isUuid(values[values.length - 1])) return null;
    return values as (string | number)[];
  } catch {
    return null;
  }
}

/**
 * Above this many matches (ticket rows plus comment rows) a search is broad:
 * rather than collect every matching id, the page walks the desk's sort order
 * and tests each row's stored vector until it has a page. Below it, the ids
 * are collected from the GIN indexes and probed as one array. Collecting
 * costs ~13 µs per match and walking ~20 µs per row passed over (about
 * 2,000,000 / matches rows at a million tickets), so the line sits where the
 * two meet: the slowest searches, right at it, take ~150 ms; a rare word or
 * a common one, a few milliseconds.
 */
export const SEARCH_BROAD_AT = 12_000;

function tsQuery(q: string): Prisma.Sql {
  return Prisma.sql`websearch_to_tsquery('english', ${q})`;
}

function commentVisibility(actor: Actor): Prisma.Sql {
  return canSeeInternal(actor) ? Prisma.empty : Prisma.sql`AND c."type" <> 'internal_note'::"CommentType"`;
}

/** At most this many people match a search by name or e-mail (their tickets then match too). */
export const PEOPLE_MATCH_LIMIT = 20;
/** Shorter searches do not look for people: two letters are in half the organization's names. */
export const PEOPLE_MATCH_MIN = 3;

/**
 * The people of the organization whose name or e-mail holds the whole search
 * ("Rita", "rita@acme", "Maria Manager"), as an SQL array (an InitPlan, read
 * once per statement through User_admin_search_idx, pg_trgm), or null when
 * the search is too short to name anyone.
 */
function peopleMatchSql(actor: Actor, q: string): Prisma.Sql | null {
  const term = q.trim().toLowerCase();
  if (term.length < PEOPLE_MATCH_MIN) return null;
  const like = `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return Prisma.sql`ARRAY(SELECT pu."id" FROM "User" pu
     WHERE pu."organizationId" = ${actor.organizationId}::uuid AND (lower(pu."name") || ' ' || lower(pu."email")) LIKE ${like}
     LIMIT ${PEOPLE_MATCH_LIMIT})`;
}

/** Counts matches up to SEARCH_BROAD_AT + 1 (UNION ALL with a LIMIT stops early; duplicates only make it count sooner). */
export function searchProbeSql(actor: Actor, q: string): Prisma.Sql {
  const people = peopleMatchSql(actor, q);
  return Prisma.sql`
    SELECT count(*)::int AS "n" FROM (
      SELECT 1 FROM "Ticket" s WHERE s."organizationId" = ${actor.organizationId}::uuid AND s."searchVector" @@ ${tsQuery(q)}
      UNION ALL
      SELECT 1 FROM "Comment" c WHERE c."organizationId" = ${actor.organizationId}::uuid AND c."searchVector" @@ ${tsQuery(q)} ${commentVisibility(actor)}
      ${
        people
          ? Prisma.sql`UNION ALL
      SELECT 1 FROM "Ticket" pr WHERE pr."requesterId" = ANY(${people})
      UNION ALL
      SELECT 1 FROM "TicketAssignee" pa WHERE pa."userId" = ANY(${people})`
          : Prisma.empty
      }
      LIMIT ${SEARCH_BROAD_AT + 1}
    ) m`;
}

/**
 * Full-text match over number, title, description and comments (internal
 * notes only for those who may see them), and the tickets requested by or
 * assigned to the people whose name or e-mail holds the search.
 */
export function searchConditionSql(actor: Actor, q: string, broad: boolean): Prisma.Sql {
  const query = tsQuery(q);
  const comments = commentVisibility(actor);
  const people = peopleMatchSql(actor, q);
  if (broad) {
    // Tested row by row as the sort order is walked: the stored vectors make each test a few microseconds.
    // OFFSET 0 keeps the EXISTS correlated: without it the planner may hash the
    // whole comment match set first (all of it, for a page of 50: seconds).
    return Prisma.sql`(t."searchVector" @@ ${query}
      OR EXISTS (SELECT 1 FROM "Comment" c WHERE c."ticketId" = t."id" AND c."searchVector" @@ ${query} ${comments} OFFSET 0)
      OR t."number" = ${q.toUpperCase()}${
        people
          ? Prisma.sql`
      OR t."requesterId" = ANY(${people})
      OR EXISTS (SELECT 1 FROM "TicketAssignee" pa WHERE pa."ticketId" = t."id" AND pa."userId" = ANY(${people}))`
          : Prisma.empty
      })`;
  }
  // One id list (ticket text, comment text, exact number) probed as an array:
  // an OR beside the sub-select would turn it into a per-row filter that walks
  // the whole table when fewer than a page of tickets match.
  return Prisma.sql`t."id" = ANY(ARRAY(
      SELECT s."id" FROM "Ticket" s
       WHERE s."organizationId" = ${actor.organizationId}::uuid AND s."searchVector" @@ ${query}
      UNION
      SELECT c."ticketId" FROM "Comment" c
       WHERE c."organizationId" = ${actor.organizationId}::uuid AND c."searchVector" @@ ${query} ${comments}
      UNION
      SELECT n."id" FROM "Ticket" n WHERE n."organizationId" = ${actor.organizationId}::uuid AND n."number" = ${q.toUpperCase()}${
        people
          ? Prisma.sql`
      UNION
      SELECT pr."id" FROM "Ticket" pr WHERE pr."requesterId" = ANY(${people})
      UNION
      SELECT pa."ticketId" FROM "TicketAssignee" pa WHERE pa."userId" = ANY(${people})`
          : Prisma.empty
      }
    ))`;
}

async function searchSql(actor: Actor, q: string): Promise<{ sql: Prisma.Sql; broad: boolean }> {
  const [probe] = await db.$queryRaw<{ n: number }[]>(searchProbeSql(actor, q));
  const broad = probe.n > SEARCH_BROAD_AT;
  return { sql: searchConditionSql(actor, q, broad), broad };
}

/**
 * How many rows of the sort order a search page tries before it asks the
 * probe: a word on one ticket in ten fills a page of 50 within them. Walking
 * costs ~20 µs a row, so a rarer word pays at most ~10 ms for the try, and a
 * common one (the most frequent searches: "printer", "vpn") never pays the
 * probe, which must read every match to count them (~50 ms for 90,000).
 */
export const SEARCH_FIRST_WALK = 500;

/** Every filter of the view (not the paging) as SQL conditions over `"Ticket" t`. */
export async function deskConditions(actor: Actor, f: DeskQuery): Promise<Prisma.Sql[]> {
  return (await viewConditions(actor, f)).where;
}

/**
 * deskConditions, and whether the view is known to hold few tickets: it names
 * its requesters or assignees (at most 50 people), is the viewer's own work,
 * or searches for fewer than SEARCH_BROAD_AT matches. Those are sorted, not walked.
 */
async function viewConditions(actor: Actor, f: DeskQuery): Promise<{ where: Prisma.Sql[]; walkWhere: Prisma.Sql[]; few: boolean }> {
  const where: Prisma.Sql[] = [ticketScopeSql(actor)];
  // The walks name each status themselves (viewStatuses): the view's status
  // condition beside theirs only misleads the planner's estimates.
  let statusCondition: Prisma.Sql | null = null;
  let few = f.requester.length > 0 || f.assignee.some((a) => a !== "none") || f.box === "mine";
  const enumIn = (col: string, type: string, values: readonly string[]) =>
    Prisma.sql`${Prisma.raw(col)} IN (${Prisma.join(values.map((v) => Prisma.sql`${v}::${Prisma.raw(`"${type}"`)}`))})`;

  if (f.status.length) statusCondition = enumIn(`t."status"`, "TicketStatus", f.status);
  else if (f.state === "open" && !f.box) statusCondition = OPEN_WORK;
  if (statusCondition) where.push(statusCondition);
  if (f.priority.length) where.push(enumIn(`t."priority"`, "Priority", f.priority));
  if (f.type.length) where.push(enumIn(`t."type"`, "TicketType", f.type));
  if (f.project.length) {
    where.push(Prisma.sql`t."projectId" IN (SELECT p."id" FROM "Project" p WHERE p."organizationId" = ${actor.organizationId}::uuid AND p."key" = ANY(${f.project}::text[]))`);
  }
  if (f.assignee.length) {
    const people = f.assignee.filter((a) => a !== "none").map((a) => (a === "me" ? actor.id : a));
    const parts: Prisma.Sql[] = [];
    if (f.assignee.includes("none")) parts.push(Prisma.sql`t."assigneeId" IS NULL`);
    if (people.length) parts.push(Prisma.sql`EXISTS (SELECT 1 FROM "TicketAssignee" fa WHERE fa."ticketId" = t."id" AND fa."userId" = ANY(${people}::uuid[]))`);
    where.push(Prisma.sql`(${Prisma.join(parts, " OR ")})`);
  }
  if (f.requester.length) where.push(Prisma.sql`t."requesterId" = ANY(${f.requester}::uuid[])`);
  const team = teamFilterSql(actor, f.team);
  if (team) where.push(team);
  // Ticket_customer_idx; the ids are the organization's or match nothing (the scope holds the organization).
  if (f.customer.length) where.push(Prisma.sql`t."customerId" = ANY(${f.customer}::uuid[])`);
  if (f.tag.length) {
    where.push(Prisma.sql`EXISTS (SELECT 1 FROM "TicketTag" tt JOIN "Tag" g ON g."id" = tt."tagId" WHERE tt."ticketId" = t."id" AND g."name" = ANY(${f.tag}::text[]))`);
  }
  const from = (d: string) => new Date(`${d}T00:00:00.000Z`);
  const toExclusive = (d: string) => new Date(from(d).getTime() + 86_400_000);
  if (f.createdFrom) where.push(Prisma.sql`t."createdAt" >= ${from(f.createdFrom)}`);
  if (f.createdTo) where.push(Prisma.sql`t."createdAt" < ${toExclusive(f.createdTo)}`);
  if (f.updatedFrom) where.push(Prisma.sql`t."updatedAt" >= ${from(f.updatedFrom)}`);
  if (f.updatedTo) where.push(Prisma.sql`t."updatedAt" < ${toExclusive(f.updatedTo)}`);
  if (f.q) {
    const search = await searchSql(actor, f.q);
    where.push(search.sql);
    if (!search.broad) few = true;
  }
  if (f.box) where.push(...boxConditions(actor, f.box));
  return { where, walkWhere: where.filter((c) => c !== statusCondition), few };
}

function boxConditions(actor: Actor, box: NonNullable<DeskQuery["box"]>): Prisma.Sql[] {
  switch (box) {
    case "mine":
      return [LIVE, Prisma.sql`EXISTS (SELECT 1 FROM "TicketAssignee" ma WHERE ma."ticketId" = t."id" AND ma."userId" = ${actor.id}::uuid)`];
    case "teams":
      return [LIVE, myTeamsSql(actor)];
    // The policy's rules (lib/domain/tickets/policy.ts): the same the ticket page and notifications ask.
    case "approval":
      return [awaitingApprovalSql(actor)];
    case "ready":
      return [readyToAssignSql(actor)];
    // The rules deskBoxes counts by (BOX_RULES).
    default:
      return [LIVE, BOX_RULES[box](TICKET_COLUMNS)];
  }
}

export interface DeskPageOptions {
  filters: DeskQuery;
  limit?: number;
  /** Rows a search tries before the probe (SEARCH_FIRST_WALK; tests make it small to reach the probe's way). */
  firstWalk?: number;
  /** People a sort by assignee or requester walks before it sorts the view's matches instead (PEOPLE_WALK_LIMIT; tests make it small). */
  peopleWalk?: number;
}

/** One page's view: its filters, the resolved cursor of a walk sort, how far a people walk goes. */
interface View {
  filters: DeskQuery;
  walkCursor: WalkCursor | null;
  peopleWalk: number;
}

/**
 * A page of the desk: filtered and sorted in SQL, keyset-paged (never OFFSET).
 * A search first walks the first SEARCH_FIRST_WALK rows of the sort order
 * (after every other filter and the cursor), testing each. The walk is the
 * answer when it found a full page (nothing before those rows was skipped) or
 * when the filter holds fewer rows than the walk (every row was tested).
 * Otherwise the probe chooses how to search, as for any search.
 * Sorts by status, assignee and requester search by the probe's way at once,
 * and walk the sort key's values (desk-sort.ts) unless the view is known to
 * be small, or the walk met `peopleWalk` people without filling the page:
 * then the view's matches are sorted.
 */
export async function deskPage(actor: Actor, { filters, limit = 50, firstWalk = SEARCH_FIRST_WALK, peopleWalk = PEOPLE_WALK_LIMIT }: DeskPageOptions) {
  const take = Math.min(Math.max(limit, 1), 500);
  const sort = filters.sort;
  const walkCursor = isWalkSort(sort) ? await resolveWalkCursor(actor, sort, decodeWalkCursor(sort, filters.cursor)) : null;
  const view: View = { filters, walkCursor, peopleWalk };
  // The walk sorts skip the first walk: 500 rows of theirs cost several index
  // ranges or hundreds of people, more than the probe the first walk saves.
  if (filters.q && !isWalkSort(sort)) {
    const { rows, walked } = await walkedRows(actor, view, take, firstWalk);
    if (rows.length > take || (rows.length > 0 && walked < firstWalk)) return toPage(filters, rows, take);
  }
  const { where, walkWhere, few } = await viewConditions(actor, filters);
  if (isWalkSort(sort) && !few) {
    const walk = await walkIds(walkArgs(actor, view, walkWhere, take + 1));
    if (walk) return toPage(filters, await rowsByIds(walk.ids, sortSql(view).order), take);
  }
  const { join, order, after } = sortSql(view);
  if (after) where.push(after);
  // The page's ids first, then their names: when the planner sorts the
  // matches (it does in a small organization, where it cannot tell that the
  // viewer's projects hold all the organization's tickets) it sorts narrow
  // rows and looks up 51 requesters and assignees, not one per match.
  const rows = await db.$queryRaw<DeskRow[]>`
    WITH page AS MATERIALIZED (SELECT t."id" FROM "Ticket" t ${join} WHERE ${Prisma.join(where, " AND ")} ORDER BY ${order} LIMIT ${take + 1})
    ${selectRows(Prisma.sql`"Ticket" t`, Prisma.sql`t."id" IN (SELECT page."id" FROM page)`, order)}`;
  return toPage(filters, rows, take);
}

function walkArgs(actor: Actor, view: View, where: Prisma.Sql[], n: number) {
  const sort = view.filters.sort as WalkSort;
  return {
    actor,
    sort,
    dir: view.filters.dir === "asc" ? ("ASC" as const) : ("DESC" as const),
    where,
    statuses: viewStatuses(view.filters, OPEN_WORK_EXCLUDES),
    cursor: view.walkCursor,
    n,
    peopleLimit: view.peopleWalk,
  };
}

/** The rows of a walk's ids, in the sort's order. */
function rowsByIds(ids: string[], order: Prisma.Sql) {
  return db.$queryRaw<DeskRow[]>(selectRows(Prisma.sql`"Ticket" t`, Prisma.sql`t."id" = ANY(${ids}::uuid[])`, order));
}

function toPage(filters: DeskQuery, rows: DeskRow[], take: number) {
  const hasMore = rows.length > take;
  const page = hasMore ? rows.slice(0, take) : rows;
  return { rows: page, nextCursor: hasMore ? encodeDeskCursor(filters.sort, page[page.length - 1]) : null };
}

/** The view's ORDER BY, what it joins to `"Ticket" t`, and the cursor's keyset condition (null without a cursor). */
function sortSql(view: View): { join: Prisma.Sql; order: Prisma.Sql; after: Prisma.Sql | null } {
  const { sort, cursor: raw } = view.filters;
  const dir = view.filters.dir === "asc" ? "ASC" : "DESC";
  if (isWalkSort(sort)) {
    const c = view.walkCursor;
    return { join: walkSortJoin(sort), order: walkSortOrder(sort, dir), after: c ? walkSortAfter(sort, dir, c) : null };
  }
  const cols = SORT_COLUMNS[sort];
  const cursor = decodeDeskCursor(sort, raw);
  let after: Prisma.Sql | null = null;
  if (cursor) {
    const lhs = [...cols.map((c) => c.sql), `t."id"`].join(", ");
    const rhs = Prisma.join(cursor.map((v, i) => Prisma.sql`${v}::${Prisma.raw(i < cols.length ? CAST[cols[i].sql] : "uuid")}`));
    after = Prisma.sql`(${Prisma.raw(lhs)}) ${Prisma.raw(dir === "DESC" ? "<" : ">")} (${rhs})`;
  }
  return { join: Prisma.empty, order: Prisma.raw([...cols.map((c) => `${c.sql} ${dir}`), `t."id" ${dir}`].join(", ")), after };
}

function selectRows(source: Prisma.Sql, condition: Prisma.Sql, order: Prisma.Sql, extra: Prisma.Sql = Prisma.empty) {
  return Prisma.sql`
    SELECT t."id", t."number", t."title", t."status"::text AS "status", t."priority"::text AS "priority",
           t."updatedAt", t."createdAt", t."seq", p."key" AS "projectKey",
           t."requesterId", r."name" AS "requesterName", t."assigneeId", a."name" AS "assigneeName", t."slaResolutionDueAt" AS "slaDueAt" ${extra}
      FROM ${source}
      JOIN "Project" p ON p."id" = t."projectId"
      JOIN "User" r ON r."id" = t."requesterId"
      LEFT JOIN "User" a ON a."id" = t."assigneeId"
     WHERE ${condition}
     ORDER BY ${order}`;
}

/** take + 1 rows of the search among the first `walk` rows of the order without it (tested row by row), and how many rows that walk held. */
async function walkedRows(actor: Actor, view: View, take: number, walk: number): Promise<{ rows: DeskRow[]; walked: number }> {
  const filters = view.filters;
  const { where } = await viewConditions(actor, { ...filters, q: undefined });
  const search = searchConditionSql(actor, filters.q!, true);
  const { join, order, after } = sortSql(view);
  if (after) where.push(after);
  const found = await db.$queryRaw<(DeskRow & { walked: number })[]>`
    WITH w AS MATERIALIZED (SELECT t."id" FROM "Ticket" t ${join} WHERE ${Prisma.join(where, " AND ")} ORDER BY ${order} LIMIT ${walk})
    ${selectRows(
      Prisma.sql`"Ticket" t`,
      Prisma.sql`t."id" IN (SELECT w."id" FROM w) AND ${search}`,
      order,
      Prisma.sql`, (SELECT count(*)::int FROM w) AS "walked"`,
    )}
    LIMIT ${take + 1}`;
  return { rows: found.map(({ walked: _walked, ...row }) => row), walked: found[0]?.walked ?? walk };
}

/** A count per box; a box whose rule can never hold for this viewer (they cannot approve, or assign) is absent. */
export type DeskBoxes = Partial<Record<BoxKey, number>>;

/** Which boxes apply to this viewer: "Awaiting approval" to approvers, "Ready to assign" to assigners. */
/** The desk counts a view's tickets up to this and then says "10,000+": a view of 900,000 costs what one of 10,001 does. */
export const DESK_COUNT_CAP = 10_000;

export interface DeskTotal {
  n: number;
  /** More than DESK_COUNT_CAP tickets match (n is then the cap). */
  capped: boolean;
}

/** How many tickets the view holds (every filter and the search, not the page), counted in SQL up to the cap. */
export async function deskCount(actor: Actor, filters: DeskQuery, cap = DESK_COUNT_CAP): Promise<DeskTotal> {
  const where = await deskConditions(actor, filters);
  const [row] = await db.$queryRaw<{ n: number }[]>`
    SELECT count(*)::int AS "n" FROM (SELECT 1 FROM "Ticket" t WHERE ${Prisma.join(where, " AND ")} LIMIT ${cap + 1}) x`;
  const n = row?.n ?? 0;
  return n > cap ? { n: cap, capped: true } : { n, capped: false };
}

export function boxesFor(actor: Actor): BoxKey[] {
  return BOX_KEYS.filter((b) => (b === "approval" ? isApprover(actor) : b === "ready" ? mayAssign(actor) : true));
}

/** A box's rule over one ticket's status, priority and whether it is unassigned: the same for a ticket row and a TicketCount row. */
type BoxColumns = { status: Prisma.Sql; priority: Prisma.Sql; unassigned: Prisma.Sql };
const STATUS = (s: TicketStatus) => Prisma.sql`${s}::"TicketStatus"`;
/** What the boxes that depend only on those three count: the list behind each box (boxConditions) asks the same. */
const BOX_RULES: Record<"unassigned" | "in_progress" | "new" | "critical", (c: BoxColumns) => Prisma.Sql> = {
  unassigned: (c) => c.unassigned,
  in_progress: (c) => Prisma.sql`${c.status} = ${STATUS("in_progress")}`,
  new: (c) => Prisma.sql`${c.status} IN (${STATUS("open")}, ${STATUS("pending")})`,
  critical: (c) => Prisma.sql`${c.priority} = 'critical'::"Priority"`,
};
/** Summed from TicketCount: those boxes, "Ready to assign" (the policy's rule), and the pending changes "Awaiting approval" starts from. */
const COUNTED_BOXES: Record<keyof typeof BOX_RULES | "ready" | "pending", (c: BoxColumns) => Prisma.Sql> = {
  ...BOX_RULES,
  ready: readyToAssignOver,
  pending: (c) => Prisma.sql`${c.status} = ${STATUS("pending")}`,
};
const TICKET_COLUMNS: BoxColumns = { status: Prisma.sql`t."status"`, priority: Prisma.sql`t."priority"`, unassigned: Prisma.sql`t."assigneeId" IS NULL` };
const COUNT_COLUMNS: BoxColumns = { status: Prisma.sql`c."status"`, priority: Prisma.sql`c."priority"`, unassigned: Prisma.sql`c."unassigned"` };
const OWN_COLUMNS: BoxColumns = { status: Prisma.sql`o."status"`, priority: Prisma.sql`o."priority"`, unassigned: Prisma.sql`o."assigneeId" IS NULL` };

/**
 * Live counts over the non-terminal tickets in the viewer's scope (DESIGN §10),
 * in one round trip, at the same cost for a thousand tickets as for a million
 * (issue 12). What the viewer sees by organization or by project is summed from
 * TicketCount (and "My teams" from TeamTicketCount), which triggers on Ticket
 * keep in the writing transaction: a few hundred rows, never the tickets. Only
 * what their scope adds beyond those projects (tickets assigned to or
 * requested by them elsewhere) and their own exceptions to "Awaiting
 * approval" (changes they requested, or are the only assignee of) are counted ticket by ticket: sets that grow with one person's
 * work, not with the organization. The policy matrix test holds every box to
 * the policy on every demo user.
 */
export async function deskBoxes(actor: Actor): Promise<DeskBoxes> {
  const g = scopeGrants(actor);
  const org = Prisma.sql`${actor.organizationId}::uuid`;
  const projects = g.projectIds.length > 0 ? [...g.projectIds] : null;
  // Which tickets the counts cover: the whole organization, the projects the viewer sees, or none.
  const counted = (alias: "c" | "o") =>
    g.wholeOrganization ? Prisma.sql`TRUE` : projects ? Prisma.sql`${Prisma.raw(alias)}."projectId" = ANY(${projects}::uuid[])` : Prisma.sql`FALSE`;
  const changeProject = (alias: "c" | "o") =>
    isApprover(actor)
      ? Prisma.sql`${Prisma.raw(alias)}."projectId" IN (SELECT cp."id" FROM "Project" cp WHERE cp."organizationId" = ${org} AND cp."workflow" = 'change'::"WorkflowKind")`
      : Prisma.sql`FALSE`;
  const summed = Object.entries(COUNTED_BOXES).map(([key, rule]) => {
    const only = key === "pending" ? Prisma.sql` AND ${changeProject("c")}` : Prisma.empty;
    return Prisma.sql`coalesce(sum(c."n") FILTER (WHERE ${rule(COUNT_COLUMNS)}${only}), 0) AS ${Prisma.raw(`"${key}"`)}`;
  });
  const beyond = Object.entries(COUNTED_BOXES).map(([key, rule]) => Prisma.sql`count(*) FILTER (WHERE NOT ${counted("o")} AND ${rule(OWN_COLUMNS)}) AS ${Prisma.raw(`"${key}"`)}`);
  const [row] = await db.$queryRaw<Record<BoxKey | "excepted" | "beyondApproval", bigint>[]>`
    WITH mt AS (
      -- The viewer's teams.
      SELECT tm."teamId" FROM "TeamMember" tm WHERE tm."userId" = ${actor.id}::uuid
    ), k AS (
      SELECT ${Prisma.join(summed, ", ")}
        FROM "TicketCount" c
       WHERE c."organizationId" = ${org} AND ${counted("c")}
         AND c."status" NOT IN (${Prisma.join(TERMINAL_STATUSES.map((s) => STATUS(s)))})
    ), own AS MATERIALIZED (
      -- The viewer's own live tickets in scope (assigned to or requested by them), found by the indexes that find one person's.
      SELECT t."id", t."projectId", t."status", t."priority", t."assigneeId", t."requesterId", t."teamId", mine."assigned",
             ${awaitingApprovalSql(actor)} AS "awaiting"
        FROM (SELECT x."id", bool_or(x."assigned") AS "assigned"
                FROM (SELECT oa."ticketId" AS "id", TRUE AS "assigned" FROM "TicketAssignee" oa WHERE oa."userId" = ${actor.id}::uuid
                      UNION ALL
                      SELECT ot."id", FALSE FROM "Ticket" ot WHERE ot."organizationId" = ${org} AND ot."requesterId" = ${actor.id}::uuid) x
               GROUP BY x."id") mine
        JOIN "Ticket" t ON t."id" = mine."id"
       WHERE ${ticketScopeSql(actor)} AND ${LIVE}
    ), b AS (
      SELECT ${Prisma.join(beyond, ", ")},
             count(*) FILTER (WHERE o."assigned") AS "mine",
             -- Seen beyond the counted projects and awaiting this viewer's approval.
             count(*) FILTER (WHERE NOT ${counted("o")} AND o."awaiting") AS "beyondApproval",
             -- Counted as pending changes, but not awaiting this viewer's approval (separation of duties).
             count(*) FILTER (WHERE ${counted("o")} AND o."status" = ${STATUS("pending")} AND ${changeProject("o")} AND NOT o."awaiting") AS "excepted",
             -- Seen beyond the counted projects and on one of the viewer's teams.
             count(*) FILTER (WHERE NOT ${counted("o")} AND o."teamId" IN (SELECT mt."teamId" FROM mt)) AS "teams"
        FROM own o
    ), kt AS (
      -- "My teams" over the counted projects, summed from TeamTicketCount.
      SELECT coalesce(sum(c."n"), 0) AS "teams"
        FROM "TeamTicketCount" c
       WHERE c."teamId" IN (SELECT mt."teamId" FROM mt) AND c."organizationId" = ${org} AND ${counted("c")}
         AND c."status" NOT IN (${Prisma.join(TERMINAL_STATUSES.map((s) => STATUS(s)))})
    )
    SELECT k."unassigned" + b."unassigned" AS "unassigned",
           k."in_progress" + b."in_progress" AS "in_progress",
           k."new" + b."new" AS "new",
           k."critical" + b."critical" AS "critical",
           k."ready" + b."ready" AS "ready",
           k."pending" - b."excepted" + b."beyondApproval" AS "approval",
           b."mine",
           kt."teams" + b."teams" AS "teams"
      FROM k, b, kt`;
  return Object.fromEntries(boxesFor(actor).map((b) => [b, Number(row[b])]));
}
