import "server-only";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { ColumnCategory, Priority, TicketStatus, TicketType, WorkflowKind } from "@/lib/generated/prisma/enums";
import type { Actor } from "@/lib/auth/actor";
import { isStaff } from "@/lib/auth/permissions";
import { invalid, notFound } from "@/lib/errors";
import { canSeeInternal, mayMoveCard, projectScope, ticketScopeSql } from "@/lib/domain/tickets/policy";
import { STATUS_LABELS, WORKFLOW_STATUSES } from "@/lib/domain/tickets/workflow";
import { parseInput } from "@/lib/validation/parse";
import { isUuid } from "@/lib/validation/text";
import { isValidRank } from "./rank";
import { safeDecodeURIComponent } from "@/lib/safe-decode";
import { projectOptions } from "@/lib/domain/projects/options";
import { teamFilterSql } from "@/lib/domain/teams/queue-sql";
import { boardKeySchema, EMPTY_BOARD_QUERY, loadColumnSchema, type BoardQuery, type LoadColumnInput } from "@/lib/validation/board";

// The board of a project: one column per workflow state (support, change) or
// per kanban column, each with its first page of cards in rank order and its
// total. Two queries whatever the number of columns: the cards (one LATERAL
// index scan per column, LIMIT page+1) and the counts (one GROUP BY).

/**
 * Cards per column on first load and per "Load more": a screen shows about ten
 * a column, and rendering 50 × 4 cost the 2,000-card board ~80 ms of React.
 */
export const BOARD_PAGE_SIZE = 25;
/** Column totals count up to this and then say "1,000+": a column of 500,000 closed tickets costs what one of 1,001 does. */
export const COUNT_CAP = 1000;

export interface BoardProject {
  id: string;
  key: string;
  name: string;
  workflow: WorkflowKind;
}

export interface BoardCard {
  id: string;
  number: string;
  title: string;
  priority: Priority;
  type: TicketType;
  version: number;
  status: TicketStatus;
  columnId: string | null;
  rank: string;
  assignees: { id: string; name: string; initials: string }[];
  commentCount: number;
  dueDate: string | null;
  /** Due more than a day before the board was read (decided on the server, so every render of the card agrees). */
  overdue: boolean;
  /** Whether this actor may drag it at all (the server still decides each drop). */
  movable: boolean;
}

export interface BoardColumn {
  /** The status (support, change) or the kanban column's id. */
  key: string;
  label: string;
  color: string | null;
  category: ColumnCategory | null;
  wipLimit: number | null;
  /** Cards in the column for this viewer and filters, up to COUNT_CAP. */
  total: number;
  /** The column holds more than COUNT_CAP cards (total is then COUNT_CAP). */
  totalCapped: boolean;
  cards: BoardCard[];
  nextCursor: string | null;
}

export interface Board {
  project: BoardProject;
  columns: BoardColumn[];
}

type ColumnDef = Omit<BoardColumn, "total" | "totalCapped" | "cards" | "nextCursor">;

/** A board key from a URL segment; a malformed escape is just a key that does not exist. */
export function boardKeyFromParam(raw: string): string {
  return safeDecodeURIComponent(raw) ?? "";
}

/** A project of the actor's organization by key; anything else (another organization's key included) is "not found". */
export async function findBoardProject(actor: Actor, key: string): Promise<BoardProject> {
  const parsed = boardKeySchema.safeParse(key);
  // The board is a staff surface: for anyone else it does not exist.
  if (!parsed.success || !isStaff(actor)) throw notFound("Board");
  const project = await db.project.findFirst({
    where: { organizationId: actor.organizationId, key: parsed.data },
    select: { id: true, key: true, name: true, workflow: true },
  });
  if (!project) throw notFound("Board");
  return project;
}

/** The boards to offer in the switcher: the projects the actor works in (at most PROJECT_OPTIONS_LIMIT, the current one included). */
export async function listBoards(actor: Actor, current?: string): Promise<BoardProject[]> {
  if (!isStaff(actor)) return [];
  return projectOptions(projectScope(actor), current ? [current] : []);
}

async function columnDefs(project: BoardProject): Promise<ColumnDef[]> {
  if (project.workflow === "kanban") {
    const columns = await db.kanbanColumn.findMany({
      where: { projectId: project.id },
      orderBy: [{ position: "asc" }, { createdAt: "asc" }],
      select: { id: true, name: true, color: true, category: true, wipLimit: true },
    });
    return columns.map((c) => ({ key: c.id, label: c.name, color: c.color, category: c.category, wipLimit: c.wipLimit }));
  }
  return WORKFLOW_STATUSES[project.workflow].map((s) => ({ key: s, label: STATUS_LABELS[s], color: null, category: null, wipLimit: null }));
}

/** The column a ticket sits in, as SQL over `"Ticket" t`. */
const columnOf = (project: BoardProject) => (project.workflow === "kanban" ? Prisma.sql`t."columnId"` : Prisma.sql`t."status"`);
const castKey = (project: BoardProject, key: Prisma.Sql) =>
  project.workflow === "kanban" ? Prisma.sql`${key}::uuid` : Prisma.sql`${key}::"TicketStatus"`;

/** Scope and filters as SQL conditions over `"Ticket" t`. */
function conditions(actor: Actor, project: BoardProject, f: BoardQuery): Prisma.Sql[] {
  const where: Prisma.Sql[] = [Prisma.sql`t."projectId" = ${project.id}::uuid`, ticketScopeSql(actor)];
  if (f.assignee.length) {
    const ids = f.assignee.filter((a) => a !== "none").map((a) => (a === "me" ? actor.id : a));
    const parts: Prisma.Sql[] = [];
    if (f.assignee.includes("none")) parts.push(Prisma.sql`NOT EXISTS (SELECT 1 FROM "TicketAssignee" na WHERE na."ticketId" = t."id")`);
    if (ids.length) parts.push(Prisma.sql`EXISTS (SELECT 1 FROM "TicketAssignee" fa WHERE fa."ticketId" = t."id" AND fa."userId" = ANY(${ids}::uuid[]))`);
    where.push(Prisma.sql`(${Prisma.join(parts, " OR ")})`);
  }
  const team = teamFilterSql(actor, f.team);
  if (team) where.push(team);
  if (f.tag.length) {
    where.push(Prisma.sql`EXISTS (SELECT 1 FROM "TicketTag" tt JOIN "Tag" g ON g."id" = tt."tagId"
      WHERE tt."ticketId" = t."id" AND g."organizationId" = ${actor.organizationId}::uuid AND g."name" = ANY(${f.tag}::text[]))`);
  }
  if (f.type.length) where.push(Prisma.sql`t."type"::text = ANY(${f.type}::text[])`);
  if (f.q) {
    const like = `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    where.push(Prisma.sql`(t."title" ILIKE ${like} OR t."number" ILIKE ${like})`);
  }
  return where;
}

interface CardRow {
  columnKey: string;
  id: string;
  number: string;
  title: string;
  priority: Priority;
  type: TicketType;
  version: number;
  status: TicketStatus;
  columnId: string | null;
  rank: string;
  dueDate: Date | null;
  commentCount: number;
  assignees: { id: string; name: string }[] | string;
}

/**
 * Up to `take + 1` cards of each column in `keys`, in (rank, id) order. The
 * comment counts and assignees are computed for those rows only (outside the
 * LIMIT), so a column of 10,000 cards costs what a column of 51 does.
 */
async function cardRows(actor: Actor, project: BoardProject, keys: string[], where: Prisma.Sql[], take: number): Promise<CardRow[]> {
  const commentTypes = canSeeInternal(actor) ? Prisma.sql`('comment', 'internal_note')` : Prisma.sql`('comment')`;
  return db.$queryRaw<CardRow[]>`
    SELECT x.*,
           (SELECT count(*)::int FROM "Comment" c WHERE c."ticketId" = x."id" AND c."type"::text IN ${commentTypes}) AS "commentCount",
           (SELECT coalesce(json_agg(json_build_object('id', u."id", 'name', u."name") ORDER BY a."isPrimary" DESC, a."assignedAt", u."name"), '[]'::json)
              FROM "TicketAssignee" a JOIN "User" u ON u."id" = a."userId" WHERE a."ticketId" = x."id") AS "assignees"
      FROM unnest(${keys}::text[]) WITH ORDINALITY AS k("key", "ord")
      CROSS JOIN LATERAL (
        SELECT k."key" AS "columnKey", k."ord", t."id", t."number", t."title", t."priority"::text AS "priority", t."type"::text AS "type",
               t."version", t."status"::text AS "status", t."columnId", t."rank", t."dueDate"
          FROM "Ticket" t
         WHERE ${columnOf(project)} = ${castKey(project, Prisma.sql`k."key"`)} AND ${Prisma.join(where, " AND ")}
         ORDER BY t."rank", t."id"
         LIMIT ${take + 1}
      ) x
     ORDER BY x."ord", x."rank", x."id"`;
}

export function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return "?";
  const first = words[0]![0]!;
  const last = words.length > 1 ? words[words.length - 1]![0]! : (words[0]![1] ?? "");
  return (first + last).toUpperCase();
}

/** A card is overdue a day after its due date (due dates are calendar days). */
const OVERDUE_AFTER_MS = 86_400_000;

function toCard(actor: Actor, project: BoardProject, r: CardRow): BoardCard {
  const people = (typeof r.assignees === "string" ? JSON.parse(r.assignees) : r.assignees) as { id: string; name: string }[];
  return {
    id: r.id,
    number: r.number,
    title: r.title,
    priority: r.priority,
    type: r.type,
    version: r.version,
    status: r.status,
    columnId: r.columnId,
    rank: r.rank,
    assignees: people.map((p) => ({ ...p, initials: initials(p.name) })),
    commentCount: r.commentCount,
    dueDate: r.dueDate ? r.dueDate.toISOString() : null,
    overdue: r.dueDate ? r.dueDate.getTime() < Date.now() - OVERDUE_AFTER_MS : false,
    movable: project.workflow === "kanban" ? mayMoveCard(actor, { assigneeIds: people.map((p) => p.id) }) : true,
  };
}

export function encodeBoardCursor(card: { rank: string; id: string }): string {
  return Buffer.from(JSON.stringify([card.rank, card.id])).toString("base64url");
}

function decodeBoardCursor(raw: string): { rank: string; id: string } | null {
  try {
    const v = JSON.parse(Buffer.from(raw, "base64url").toString("utf8"));
    // Only a rank the board could have written (a NUL or a stray character reached the ::varchar cast).
    if (Array.isArray(v) && v.length === 2 && typeof v[0] === "string" && isValidRank(v[0]) && isUuid(v[1])) {
      return { rank: v[0], id: v[1] };
    }
  } catch {}
  return null;
}

/** Splits rows (page + 1 per column) into pages with their "load more" cursors. */
function pages(actor: Actor, project: BoardProject, rows: CardRow[], take: number) {
  const byKey = new Map<string, { cards: BoardCard[]; nextCursor: string | null }>();
  for (const r of rows) {
    const page = byKey.get(r.columnKey) ?? { cards: [], nextCursor: null };
    byKey.set(r.columnKey, page);
    if (page.cards.length < take) page.cards.push(toCard(actor, project, r));
    else page.nextCursor = encodeBoardCursor(page.cards[page.cards.length - 1]!);
  }
  return byKey;
}

/** Per column, the number of matching cards up to COUNT_CAP + 1 (an index range each, never the whole project). */
function columnCounts(project: BoardProject, keys: string[], where: Prisma.Sql[]) {
  return db.$queryRaw<{ key: string; n: number }[]>`
    SELECT k."key", (SELECT count(*)::int FROM (
             SELECT 1 FROM "Ticket" t WHERE ${columnOf(project)} = ${castKey(project, Prisma.sql`k."key"`)} AND ${Prisma.join(where, " AND ")} LIMIT ${COUNT_CAP + 1}
           ) c) AS "n"
      FROM unnest(${keys}::text[]) AS k("key")`;
}

/** The board of a project for this actor: only tickets in their scope, filtered as the URL says. */
export async function getBoard(actor: Actor, projectKey: string, filters: BoardQuery = EMPTY_BOARD_QUERY, opts: { pageSize?: number } = {}): Promise<Board> {
  const take = Math.min(Math.max(opts.pageSize ?? BOARD_PAGE_SIZE, 1), 200);
  const project = await findBoardProject(actor, projectKey);
  const defs = await columnDefs(project);
  const where = conditions(actor, project, filters);
  const keys = defs.map((d) => d.key);
  const [rows, counts] = await Promise.all([
    keys.length ? cardRows(actor, project, keys, where, take) : Promise.resolve([]),
    keys.length ? columnCounts(project, keys, where) : Promise.resolve([]),
  ]);
  const byKey = pages(actor, project, rows, take);
  const totals = new Map(counts.map((c) => [c.key, c.n]));
  return {
    project,
    columns: defs.map((d) => {
      const n = totals.get(d.key) ?? 0;
      return { ...d, total: Math.min(n, COUNT_CAP), totalCapped: n > COUNT_CAP, cards: byKey.get(d.key)?.cards ?? [], nextCursor: byKey.get(d.key)?.nextCursor ?? null };
    }),
  };
}

/** "Load more" in one column: the cards after the cursor (keyset on rank, id — never OFFSET). */
export async function loadColumnPage(actor: Actor, raw: LoadColumnInput, opts: { pageSize?: number } = {}) {
  const input = parseInput(loadColumnSchema, raw);
  const take = Math.min(Math.max(opts.pageSize ?? BOARD_PAGE_SIZE, 1), 200);
  const project = await findBoardProject(actor, input.projectKey);
  const defs = await columnDefs(project);
  if (!defs.some((d) => d.key === input.column)) throw notFound("Column");
  const cursor = decodeBoardCursor(input.cursor);
  if (!cursor) throw invalid("The board changed; reload it.", { cursor: ["Invalid cursor"] });
  const where = conditions(actor, project, input.filters);
  where.push(Prisma.sql`(t."rank", t."id") > (${cursor.rank}::varchar COLLATE "C", ${cursor.id}::uuid)`);
  const rows = await cardRows(actor, project, [input.column], where, take);
  const page = pages(actor, project, rows, take).get(input.column);
  return { cards: page?.cards ?? [], nextCursor: page?.nextCursor ?? null };
}

/** At most this many cards are read again at once (a live batch names up to a hundred). */
export const CARDS_BY_ID_LIMIT = 100;

/**
 * The cards of these tickets as the board shows them to this actor with these
 * filters, each with its column: what a live board reads when others move or
 * change cards (lib/live). A ticket out of scope, deleted, in another project
 * or filtered out is simply not returned — the board drops its card. With
 * `totals`, each column's count as getBoard gives it.
 */
export async function boardCardsById(
  actor: Actor,
  projectKey: string,
  filters: BoardQuery,
  ids: readonly string[],
  opts: { totals?: boolean } = {},
): Promise<{ cards: { column: string; card: BoardCard }[]; totals: { key: string; total: number; totalCapped: boolean }[] | null }> {
  const project = await findBoardProject(actor, projectKey);
  const wanted = [...new Set(ids.filter(isUuid))].slice(0, CARDS_BY_ID_LIMIT);
  const defs = await columnDefs(project);
  const keys = defs.map((d) => d.key);
  const where = conditions(actor, project, filters);
  const [rows, counts] = await Promise.all([
    keys.length && wanted.length ? cardRows(actor, project, keys, [...where, Prisma.sql`t."id" = ANY(${wanted}::uuid[])`], CARDS_BY_ID_LIMIT) : Promise.resolve([]),
    opts.totals && keys.length ? columnCounts(project, keys, where) : Promise.resolve(null),
  ]);
  return {
    cards: rows.map((r) => ({ column: r.columnKey, card: toCard(actor, project, r) })),
    totals: counts ? counts.map((c) => ({ key: c.key, total: Math.min(c.n, COUNT_CAP), totalCapped: c.n > COUNT_CAP })) : null,
  };
}
