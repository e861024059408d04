// Raw-SQL twins of the timed domain functions, written by hand from what the
// functions send (checked against Prisma's query log: BENCH_LOG_SQL=1). Run
// through `pg` with parameters, as the pg adapter does, so that the ratio
// domain/raw is the cost of the layers above the SQL (Prisma, mapping, JS).
import type pg from "pg";
import { generateKeyBetween } from "fractional-indexing";
import type { Actor } from "@/lib/auth/actor";
import { resolveProjectSql } from "@/lib/domain/tickets/create-ticket";
import { insertTicketSql } from "@/lib/domain/tickets/insert-ticket";
import { ticketCreatedNotices } from "@/lib/domain/notifications/hooks";
import { rankAfter } from "@/lib/domain/board/rank";
import { db, queryConfig } from "@/lib/db";
import type { NumberingScheme, TicketStatus, WorkflowKind } from "@/lib/generated/prisma/enums";

export interface SqlQuery {
  label: string;
  text: string;
  values: unknown[];
}

const TERMINAL = ["closed", "completed", "cancelled", "done"];

/** Builds "$n" placeholders while collecting values. */
class Params {
  values: unknown[] = [];
  add(v: unknown): string {
    this.values.push(v);
    return `$${this.values.length}`;
  }
}

/**
 * ticketScopeSql for an agent (view_all on their projects + view_own; not an admin):
 * organization, not deleted, and (member project or requested by them).
 */
function scope(p: Params, actor: Actor): string {
  return `t."organizationId" = ${p.add(actor.organizationId)}::uuid AND t."deletedAt" IS NULL AND (t."projectId" = ANY(${p.add([...actor.projectIds])}::uuid[]) OR t."requesterId" = ${p.add(actor.id)}::uuid)`;
}

const live = (p: Params) => `t."status" NOT IN (${TERMINAL.map((s) => `${p.add(s)}::"TicketStatus"`).join(", ")})`;

export interface DeskTwinOptions {
  status?: string[];
  q?: string;
  /** The search walks the sort order (the domain's probe found more than SEARCH_BROAD_AT matches). */
  broad?: boolean;
  /** Keyset position [updatedAt ISO, id] for sort=updated desc. */
  after?: [string, string];
  limit?: number;
}

/** deskPage(actor, { filters }) for sort = updated, dir = desc, with a status filter and/or a search. */
export function deskPageTwin(actor: Actor, o: DeskTwinOptions): SqlQuery {
  const p = new Params();
  const where = [scope(p, actor)];
  if (o.status?.length) where.push(`t."status" IN (${o.status.map((s) => `${p.add(s)}::"TicketStatus"`).join(", ")})`);
  if (o.q) {
    const q1 = p.add(o.q);
    const number = p.add(o.q.toUpperCase());
    const org = o.broad ? "" : p.add(actor.organizationId);
    // The people whose name or e-mail holds the search (the bench's words name nobody: an empty array, read once).
    const people = `ARRAY(SELECT pu."id" FROM "User" pu WHERE pu."organizationId" = ${p.add(actor.organizationId)}::uuid
      AND (lower(pu."name") || ' ' || lower(pu."email")) LIKE ${p.add(`%${o.q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`)} LIMIT 20)`;
    where.push(
      o.broad
        ? `(t."searchVector" @@ websearch_to_tsquery('english', ${q1})
            OR EXISTS (SELECT 1 FROM "Comment" c WHERE c."ticketId" = t."id" AND c."searchVector" @@ websearch_to_tsquery('english', ${q1}) OFFSET 0)
            OR t."number" = ${number}
            OR t."requesterId" = ANY(${people})
            OR EXISTS (SELECT 1 FROM "TicketAssignee" pa WHERE pa."ticketId" = t."id" AND pa."userId" = ANY(${people})))`
        : `t."id" = ANY(ARRAY(
      SELECT s."id" FROM "Ticket" s
       WHERE s."organizationId" = ${org}::uuid AND s."searchVector" @@ websearch_to_tsquery('english', ${q1})
      UNION
      SELECT c."ticketId" FROM "Comment" c
       WHERE c."organizationId" = ${org}::uuid AND c."searchVector" @@ websearch_to_tsquery('english', ${q1})
      UNION
      SELECT n."id" FROM "Ticket" n WHERE n."organizationId" = ${org}::uuid AND n."number" = ${number}
      UNION
      SELECT pr."id" FROM "Ticket" pr WHERE pr."requesterId" = ANY(${people})
      UNION
      SELECT pa."ticketId" FROM "TicketAssignee" pa WHERE pa."userId" = ANY(${people})
    ))`,
    );
  }
  if (o.after) where.push(`(t."updatedAt", t."id") < (${p.add(o.after[0])}::timestamp(3), ${p.add(o.after[1])}::uuid)`);
  const text = `
    SELECT t."id", t."number", t."title", t."status"::text AS "status", t."priority"::text AS "priority",
           t."updatedAt", t."createdAt", t."seq", p."key" AS "projectKey",
           r."name" AS "requesterName", a."name" AS "assigneeName", t."slaResolutionDueAt" AS "slaDueAt"
      FROM "Ticket" t
      JOIN "Project" p ON p."id" = t."projectId"
      JOIN "User" r ON r."id" = t."requesterId"
      LEFT JOIN "User" a ON a."id" = t."assigneeId"
     WHERE ${where.join(" AND ")}
     ORDER BY t."updatedAt" DESC, t."id" DESC
     LIMIT ${p.add((o.limit ?? 50) + 1)}`;
  return { label: o.q ? "desk page (search)" : o.after ? "desk page (keyset)" : "desk page", text, values: p.values };
}

/** The people a search names ($1: the organization, $6: the LIKE pattern), as in the desk's probe. */
const PEOPLE = `SELECT pu."id" FROM "User" pu WHERE pu."organizationId" = $1::uuid AND (lower(pu."name") || ' ' || lower(pu."email")) LIKE $6 LIMIT 20`;

/** The desk search's probe: matches counted up to the broad threshold (an agent sees internal notes). */
export function searchProbeTwin(actor: Actor, q: string, cap: number): SqlQuery {
  const text = `
    SELECT count(*)::int AS "n" FROM (
      SELECT 1 FROM "Ticket" s WHERE s."organizationId" = $1::uuid AND s."searchVector" @@ websearch_to_tsquery('english', $2)
      UNION ALL
      SELECT 1 FROM "Comment" c WHERE c."organizationId" = $3::uuid AND c."searchVector" @@ websearch_to_tsquery('english', $4)
      UNION ALL
      SELECT 1 FROM "Ticket" pr WHERE pr."requesterId" = ANY(ARRAY(${PEOPLE}))
      UNION ALL
      SELECT 1 FROM "TicketAssignee" pa WHERE pa."userId" = ANY(ARRAY(${PEOPLE}))
      LIMIT $5
    ) m`;
  const like = `%${q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return { label: "search probe", text, values: [actor.organizationId, q, actor.organizationId, q, cap + 1, like] };
}

/** deskBoxes(actor) for an agent: no ticket.approve (the approval box is FALSE), ticket.assign (approved changes nobody took). */
export function deskBoxesTwin(actor: Actor): SqlQuery {
  const p = new Params();
  const text = `
    SELECT count(*) FILTER (WHERE t."assigneeId" IS NULL) AS "unassigned",
           count(*) FILTER (WHERE t."status" = 'in_progress'::"TicketStatus") AS "in_progress",
           count(*) FILTER (WHERE t."status" IN ('open'::"TicketStatus", 'pending'::"TicketStatus")) AS "new",
           count(*) FILTER (WHERE t."priority" = 'critical'::"Priority") AS "critical",
           count(*) FILTER (WHERE FALSE) AS "approval",
           count(*) FILTER (WHERE (t."status" = 'approved'::"TicketStatus" AND t."assigneeId" IS NULL)) AS "ready",
           (SELECT count(*) FROM "TicketAssignee" ma JOIN "Ticket" t ON t."id" = ma."ticketId"
             WHERE ma."userId" = ${p.add(actor.id)}::uuid AND ${live(p)} AND ${scope(p, actor)}) AS "mine",
           (SELECT count(*) FROM "Ticket" t
             WHERE t."teamId" IN (SELECT tm."teamId" FROM "TeamMember" tm WHERE tm."userId" = ${p.add(actor.id)}::uuid)
               AND ${live(p)} AND ${scope(p, actor)}) AS "teams"
      FROM "Ticket" t
     WHERE ${scope(p, actor)} AND ${live(p)}`;
  return { label: "desk boxes", text, values: p.values };
}

export async function runTwin(pool: pg.Pool, q: SqlQuery): Promise<pg.QueryResult> {
  return pool.query(q.text, q.values);
}

/** EXPLAIN (ANALYZE, BUFFERS) of a twin: its plan lines (long uuid lists shortened) and execution time. */
export async function explain(pool: pg.Pool, q: SqlQuery): Promise<{ lines: string[]; ms: number }> {
  const res = await pool.query<{ "QUERY PLAN": string }>(`EXPLAIN (ANALYZE, BUFFERS) ${q.text}`, q.values);
  const lines = res.rows.map((r) =>
    r["QUERY PLAN"].replace(/'\{([0-9a-f-]{36},){3,}[0-9a-f-]{36}\}'/g, (m) => `'{…${m.split(",").length} uuids}'`),
  );
  const ms = Number(/Execution Time: ([\d.]+) ms/.exec(lines[lines.length - 1] ?? "")?.[1] ?? NaN);
  return { lines, ms };
}

/**
 * createTicket's two statements (project, column and last rank; then the
 * one-statement insert) run through plain `pg`: the domain builds them with
 * resolveProjectSql and insertTicketSql, so this is the very same SQL.
 */
export async function createTicketTwin(
  pool: pg.Pool,
  actor: Actor,
  project: { id: string; key: string; workflow: string; numbering: string },
  title: string,
  now: Date,
): Promise<{ id: string; number: string }> {
  const resolve = resolveProjectSql(actor, undefined, project.key, false);
  const found = (await pool.query<{ id: string; organizationId: string; key: string; workflow: WorkflowKind; numbering: NumberingScheme; status: TicketStatus; columnId: string | null; lastRank: string | null; defaultTeamId: string | null }>(queryConfig(resolve, { prepared: true }))).rows[0];
  // The same notices as createTicket: the project's triage agents (and approvers for a pending change).
  const also = await ticketCreatedNotices(db, { organizationId: actor.organizationId, requesterId: actor.id, projectId: found.id, title, status: found.status, now });
  const insert = insertTicketSql({
    organizationId: actor.organizationId,
    project: found,
    type: found.workflow === "support" ? "request" : found.workflow === "change" ? "change" : "task",
    title,
    description: "Created by the raw-SQL twin of createTicket",
    priority: "normal",
    status: found.status,
    columnId: found.columnId,
    rank: rankAfter(found.lastRank),
    requesterId: actor.id,
    teamId: found.defaultTeamId,
    assetId: null,
    slaStartedAt: found.workflow === "support" ? now : null,
    submittedAt: null,
    now,
    items: [],
    also,
  });
  const rows = (await pool.query<{ id: string; number: string }>(queryConfig(insert, { prepared: true }))).rows;
  return rows[0];
}

/** getBoard(actor, key) of a kanban project: project, columns, then cards and capped per-column counts together (as the function does). */
export function boardTwin(actor: Actor, project: { id: string; key: string }, columnKeys: string[], take = 50): SqlQuery[] {
  const projectQ: SqlQuery = {
    label: "board project",
    text: `SELECT "id", "key", "name", "workflow"::text FROM "Project" WHERE "organizationId" = $1::uuid AND "key" = $2 LIMIT $3 OFFSET $4`,
    values: [actor.organizationId, project.key, 1, 0],
  };
  const columnsQ: SqlQuery = {
    label: "board columns",
    text: `SELECT "id", "name", "color", "category"::text, "wipLimit" FROM "KanbanColumn" WHERE "projectId" = $1::uuid
            ORDER BY "position" ASC, "createdAt" ASC OFFSET $2`,
    values: [project.id, 0],
  };
  const p = new Params();
  const keys = p.add(columnKeys);
  const where = `t."projectId" = ${p.add(project.id)}::uuid AND ${scope(p, actor)}`;
  const cardsQ: SqlQuery = {
    label: "board cards",
    text: `
    SELECT x.*,
           (SELECT count(*)::int FROM "Comment" c WHERE c."ticketId" = x."id" AND c."type"::text IN ('comment', 'internal_note')) AS "commentCount",
           (SELECT coalesce(json_agg(json_build_object('id', u."id", 'name', u."name") ORDER BY a."isPrimary" DESC, a."assignedAt", u."name"), '[]'::json)
              FROM "TicketAssignee" a JOIN "User" u ON u."id" = a."userId" WHERE a."ticketId" = x."id") AS "assignees"
      FROM unnest(${keys}::text[]) WITH ORDINALITY AS k("key", "ord")
      CROSS JOIN LATERAL (
        SELECT k."key" AS "columnKey", k."ord", t."id", t."number", t."title", t."priority"::text AS "priority", t."type"::text AS "type",
               t."version", t."status"::text AS "status", t."columnId", t."rank", t."dueDate"
          FROM "Ticket" t
         WHERE t."columnId" = k."key"::uuid AND ${where}
         ORDER BY t."rank", t."id"
         LIMIT ${p.add(take + 1)}
      ) x
     ORDER BY x."ord", x."rank", x."id"`,
    values: p.values,
  };
  // Per column, the matching cards up to COUNT_CAP + 1 (1,001).
  const c = new Params();
  const countsWhere = `t."projectId" = ${c.add(project.id)}::uuid AND ${scope(c, actor)}`;
  const countsQ: SqlQuery = {
    label: "board counts",
    text: `SELECT k."key", (SELECT count(*)::int FROM (
             SELECT 1 FROM "Ticket" t WHERE t."columnId" = k."key"::uuid AND ${countsWhere} LIMIT ${c.add(1001)}
           ) c) AS "n"
      FROM unnest(${c.add(columnKeys)}::text[]) AS k("key")`,
    values: c.values,
  };
  return [projectQ, columnsQ, cardsQ, countsQ];
}

/**
 * reorderCard(actor, { ticketId, column, afterId }) for a kanban card and an
 * actor with ticket.assign: load the card in scope (with its project's
 * workflow and assignees), the card it now follows, the next one, and one UPDATE.
 */
export async function reorderTwin(pool: pg.Pool, actor: Actor, projectId: string, columnId: string, ticketId: string, afterId: string | null): Promise<void> {
  // ticketScope(actor) as Prisma renders it: the project ids as an IN list of parameters.
  const scopeWhere = (p: Params, alias = `t`) =>
    `${alias}."organizationId" = ${p.add(actor.organizationId)}::uuid AND ${alias}."deletedAt" IS NULL AND (${alias}."projectId" IN (${actor.projectIds.map((id) => `${p.add(id)}::uuid`).join(", ")}) OR ${alias}."requesterId" = ${p.add(actor.id)}::uuid)`;
  const p1 = new Params();
  const t = (
    await pool.query<{ id: string; projectId: string; status: string; columnId: string; rank: string }>(
      `SELECT t."id", t."projectId", t."status"::text, t."columnId", t."rank" FROM "Ticket" t
        WHERE ${scopeWhere(p1)} AND t."id" = ${p1.add(ticketId)}::uuid LIMIT ${p1.add(1)} OFFSET ${p1.add(0)}`,
      p1.values,
    )
  ).rows[0];
  await pool.query(`SELECT "id", "workflow"::text FROM "Project" WHERE "id" IN ($1::uuid) OFFSET $2`, [t.projectId, 0]);
  await pool.query(`SELECT "userId", "ticketId" FROM "TicketAssignee" WHERE "ticketId" IN ($1::uuid) OFFSET $2`, [t.id, 0]);
  let prev: { id: string; rank: string } | undefined;
  if (afterId) {
    const p2 = new Params();
    prev = (
      await pool.query<{ id: string; rank: string }>(
        `SELECT t."id", t."rank" FROM "Ticket" t WHERE ${scopeWhere(p2)} AND t."projectId" = ${p2.add(projectId)}::uuid
            AND t."deletedAt" IS NULL AND t."columnId" = ${p2.add(columnId)}::uuid AND t."id" = ${p2.add(afterId)}::uuid
          LIMIT ${p2.add(1)} OFFSET ${p2.add(0)}`,
        p2.values,
      )
    ).rows[0];
  }
  const p3 = new Params();
  const after = prev ? ` AND (t."rank" > ${p3.add(prev.rank)} OR (t."rank" = ${p3.add(prev.rank)} AND t."id" > ${p3.add(prev.id)}::uuid))` : "";
  const next = (
    await pool.query<{ id: string; rank: string }>(
      `SELECT t."id", t."rank" FROM "Ticket" t WHERE t."projectId" = ${p3.add(projectId)}::uuid AND t."deletedAt" IS NULL
          AND t."columnId" = ${p3.add(columnId)}::uuid AND t."id" <> ${p3.add(ticketId)}::uuid${after}
        ORDER BY t."rank" ASC, t."id" ASC LIMIT ${p3.add(1)} OFFSET ${p3.add(0)}`,
      p3.values,
    )
  ).rows[0];
  if (prev && next && !(prev.rank < next.rank)) return; // a tie: the domain function re-spreads it; the bench's ranks are distinct
  const rank = generateKeyBetween(prev?.rank ?? null, next?.rank ?? null);
  await pool.query(`UPDATE "Ticket" SET "rank" = $1 WHERE "id" = $2::uuid AND "deletedAt" IS NULL AND "columnId" = $3::uuid`, [rank, t.id, columnId]);
}

const OPEN_WORK_EXCLUDES = [...TERMINAL, "rejected", "draft"];
/** The plain ORDER BY of each walk sort (desk-sort.ts walkSortOrder), over the page's row select's aliases. */
const PLAIN_SORT: Record<"status" | "assignee" | "requester", (dir: string) => string> = {
  status: (d) =>
    `array_position(ARRAY['draft','open','todo','pending','approved','rejected','answered','in_progress','on_hold','waiting_for_response','review','deployed','resolved','closed','completed','done','cancelled']::"TicketStatus"[], t."status") ${d}`,
  requester: (d) => `lower(r."name") COLLATE "C" ${d}, r."id" ${d}`,
  assignee: (d) => `(t."assigneeId" IS NULL) ${d}, lower(a."name") COLLATE "C" ${d}, a."id" ${d}`,
};

/**
 * deskPage sorted by status, assignee or requester as one plain ORDER BY over
 * every match (what the desk did not do: it walks the key's values): the same
 * rows in the same order, so it checks the walk at scale, and its time is the
 * "before" of issue 14. Default view (open work) or a status filter, with or
 * without a (narrow) search.
 */
export function deskSortTwin(actor: Actor, o: { sort: "status" | "assignee" | "requester"; dir: "asc" | "desc"; status?: string[]; q?: string; limit?: number }): SqlQuery {
  const p = new Params();
  const where = [scope(p, actor)];
  if (o.status?.length) where.push(`t."status" IN (${o.status.map((s) => `${p.add(s)}::"TicketStatus"`).join(", ")})`);
  else where.push(`t."status" NOT IN (${OPEN_WORK_EXCLUDES.map((s) => `${p.add(s)}::"TicketStatus"`).join(", ")})`);
  if (o.q) {
    const q1 = p.add(o.q);
    const org = p.add(actor.organizationId);
    const people = `ARRAY(SELECT pu."id" FROM "User" pu WHERE pu."organizationId" = ${org}::uuid
      AND (lower(pu."name") || ' ' || lower(pu."email")) LIKE ${p.add(`%${o.q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`)} LIMIT 20)`;
    where.push(`t."id" = ANY(ARRAY(
      SELECT s."id" FROM "Ticket" s WHERE s."organizationId" = ${org}::uuid AND s."searchVector" @@ websearch_to_tsquery('english', ${q1})
      UNION SELECT c."ticketId" FROM "Comment" c WHERE c."organizationId" = ${org}::uuid AND c."searchVector" @@ websearch_to_tsquery('english', ${q1})
      UNION SELECT n."id" FROM "Ticket" n WHERE n."organizationId" = ${org}::uuid AND n."number" = ${p.add(o.q.toUpperCase())}
      UNION SELECT pr."id" FROM "Ticket" pr WHERE pr."requesterId" = ANY(${people})
      UNION SELECT pa."ticketId" FROM "TicketAssignee" pa WHERE pa."userId" = ANY(${people})))`);
  }
  const d = o.dir === "asc" ? "ASC" : "DESC";
  const text = `
    SELECT t."id", t."number", t."title", t."status"::text AS "status", t."priority"::text AS "priority",
           t."updatedAt", t."createdAt", t."seq", p."key" AS "projectKey",
           t."requesterId", r."name" AS "requesterName", t."assigneeId", a."name" AS "assigneeName", t."slaResolutionDueAt" AS "slaDueAt"
      FROM "Ticket" t
      JOIN "Project" p ON p."id" = t."projectId"
      JOIN "User" r ON r."id" = t."requesterId"
      LEFT JOIN "User" a ON a."id" = t."assigneeId"
     WHERE ${where.join(" AND ")}
     ORDER BY ${PLAIN_SORT[o.sort](d)}, t."updatedAt" ${d}, t."id" ${d}
     LIMIT ${p.add((o.limit ?? 50) + 1)}`;
  return { label: `desk sort ${o.sort} (plain ORDER BY)`, text, values: p.values };
}
