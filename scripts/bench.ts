// `npm run bench`: the desk and board at scale (issue 4, "Benchmark").
//
// Generates once (reused while BENCH_TICKETS and the generator version match)
// an organization of BENCH_TICKETS tickets in its own database (BENCH_DB,
// default helpdesk_bench; helpdesk_bench_<n> at other scales), then times the
// domain functions in-process against it, each beside a hand-written raw-SQL
// twin run through `pg`, and ends with one `BENCH …` line that other tools read.
// Run through scripts/bench/run.cjs (tsx's CommonJS hook; see there why).
//
//   BENCH_TICKETS=1000000   scale (the rest scales with it)
//   BENCH_ITERATIONS=60     timed iterations per read operation (and as many of its twin)
//   BENCH_CREATES=1000      ticket creations (20 concurrent clients)
//   BENCH_MOVES=1000        card reorders
//   BENCH_EXPLAIN=1         print EXPLAIN (ANALYZE, BUFFERS) of each read operation's SQL
//   BENCH_LOG_SQL=1         log the SQL Prisma sends (to check the twins)
//   BENCH_REGENERATE=1      drop and regenerate the data
//   BENCH_DB=name           the database (never the demo one)
//   BENCH_PAGE_ITERATIONS=20 timed requests per page and organization (at least 12)
//   BENCH_LIVE_CLIENTS=200  live streams open at once (/api/live) while replies are sent
//   BENCH_ONLY=desk,board,create,move,pages   a subset of the operations (desk_sort: only the desk's sorts by status, assignee, requester)
//                           (pages: the real pages over HTTP, scripts/bench/pages.ts)
import os from "node:os";
import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { db, getPool } from "@/lib/db";
import { env } from "@/lib/env";
import { loadActor, type Actor } from "@/lib/auth/actor";
import { deskBoxes, deskPage, SEARCH_BROAD_AT } from "@/lib/domain/desk/desk-query";
import { createTicket } from "@/lib/domain/tickets/create-ticket";
import { getBoard } from "@/lib/domain/board/board-query";
import { reorderCard } from "@/lib/domain/board/reorder-card";
import { parseDeskQuery } from "@/lib/validation/desk";
import { pageOps, type PagesReport } from "./bench/pages";
import { benchUrls, createDatabase, databaseExists, dropDatabase, migrateDeploy } from "./bench/database";
import { BENCH_SLUG, GENERATOR_VERSION, generate, scaleFor, SEARCH_WORD } from "./bench/generate";
import { fmt, fmtInt, log, nowMs, runConcurrent, summarize, table, timeOne, timePair } from "./bench/stats";
import {
  boardTwin,
  createTicketTwin,
  deskBoxesTwin,
  deskPageTwin,
  deskSortTwin,
  explain,
  reorderTwin,
  runTwin,
  searchProbeTwin,
  type SqlQuery,
} from "./bench/twins";

const intEnv = (name: string, fallback: number) => {
  const raw = process.env[name];
  const n = raw === undefined || raw === "" ? fallback : Number(raw.replaceAll("_", ""));
  if (!Number.isInteger(n) || n <= 0) throw new Error(`${name} must be a positive integer, got ${raw}`);
  return n;
};

const TICKETS = intEnv("BENCH_TICKETS", 1_000_000);
const ITERATIONS = intEnv("BENCH_ITERATIONS", 60);
const CREATES = intEnv("BENCH_CREATES", 1000);
const MOVES = intEnv("BENCH_MOVES", 1000);
const PAGE_ITERATIONS = intEnv("BENCH_PAGE_ITERATIONS", 20);
const LIVE_CLIENTS = intEnv("BENCH_LIVE_CLIENTS", 200);
const CLIENTS = 20;
const BOARD_KEY = "ENG";
const DESK_STATUSES = ["open", "answered", "in_progress", "waiting_for_response"];
const DEEP_PAGE = 200;
const flag = (name: string) => process.env[name] === "1" || process.env[name] === "true";
/** BENCH_ONLY=desk,board,create,move,pages runs a subset (for investigating one operation; pages: only the HTTP part). */
const ONLY = new Set((process.env.BENCH_ONLY ?? "desk,board,create,move,pages").split(",").map((s) => s.trim()));

interface Row {
  key: string;
  label: string;
  n: number;
  p50: number;
  p95: number;
  rawP50: number;
  rawP95: number;
  target: string;
  ok: boolean | null;
  note?: string;
}
const rows: Row[] = [];
const explains: { label: string; lines: string[] }[] = [];

// ─── Data ───────────────────────────────────────────────────────────────────

interface Meta {
  scale: number;
  version: number;
  generation_seconds: number;
  created_at: Date;
}

async function readMeta(url: string): Promise<Meta | null> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const exists = await c.query(`SELECT to_regclass('public.bench_meta') IS NOT NULL AS ok`);
    if (!exists.rows[0].ok) return null;
    const r = await c.query<Meta>(`SELECT scale, version, generation_seconds, created_at FROM bench_meta LIMIT 1`);
    return r.rows[0] ?? null;
  } finally {
    await c.end();
  }
}

async function ensureData(): Promise<{ url: string; generatedNow: boolean; seconds: number | null }> {
  const urls = benchUrls(TICKETS);
  const exists = await databaseExists(urls.admin, urls.name);
  const meta = exists && !flag("BENCH_REGENERATE") ? await readMeta(urls.bench) : null;
  if (meta && meta.scale === TICKETS && meta.version === GENERATOR_VERSION) {
    // Migrations added since the data was generated. One that rewrites a table
    // leaves it without statistics or a visibility map (no index-only scans)
    // until autovacuum comes by: do its work now, as an operator would.
    const applied = async () => {
      const c = new pg.Client({ connectionString: urls.bench });
      await c.connect();
      try {
        return Number((await c.query(`SELECT count(*) AS n FROM "_prisma_migrations" WHERE "finished_at" IS NOT NULL`)).rows[0].n);
      } finally {
        await c.end();
      }
    };
    const before = await applied();
    migrateDeploy(urls.bench);
    if ((await applied()) !== before) {
      const v0 = nowMs();
      const c = new pg.Client({ connectionString: urls.bench });
      await c.connect();
      await c.query(`VACUUM (ANALYZE)`).finally(() => c.end());
      log(`Data: new migrations applied; VACUUM (ANALYZE) took ${fmt((nowMs() - v0) / 1000, 1)} s`);
    }
    log(`Data: reusing ${urls.name} (${fmtInt(TICKETS)} tickets, generated ${meta.created_at.toISOString()} in ${fmt(meta.generation_seconds, 0)} s)`);
    return { url: urls.bench, generatedNow: false, seconds: meta.generation_seconds };
  }
  log(
    meta
      ? `Data: ${urls.name} holds scale ${fmtInt(meta.scale)} v${meta.version}; regenerating at ${fmtInt(TICKETS)} v${GENERATOR_VERSION}`
      : `Data: generating ${urls.name} at ${fmtInt(TICKETS)} tickets`,
  );
  if (exists) await dropDatabase(urls.admin, urls.name);
  await createDatabase(urls.admin, urls.name);
  const m0 = nowMs();
  migrateDeploy(urls.bench);
  log(`  prisma migrate deploy                        ${fmt((nowMs() - m0) / 1000, 1).padStart(7)} s`);
  const result = await generate(urls.bench, scaleFor(TICKETS));
  const c = new pg.Client({ connectionString: urls.bench });
  await c.connect();
  await c.query(`CREATE TABLE bench_meta (scale int NOT NULL, version int NOT NULL, generation_seconds float8 NOT NULL, created_at timestamptz NOT NULL DEFAULT now())`);
  await c.query(`INSERT INTO bench_meta (scale, version, generation_seconds) VALUES ($1, $2, $3)`, [TICKETS, GENERATOR_VERSION, result.seconds]);
  await c.end();
  log(`Data: generated in ${fmt(result.seconds, 1)} s`);
  return { url: urls.bench, generatedNow: true, seconds: result.seconds };
}

async function describeData(pool: pg.Pool, orgId: string) {
  const r = await pool.query(
    `SELECT (SELECT count(*) FROM "Ticket" WHERE "organizationId" = $1::uuid) AS tickets,
            (SELECT count(*) FROM "Ticket" WHERE "organizationId" = $1::uuid AND "deletedAt" IS NULL
                AND "status" NOT IN ('closed', 'completed', 'cancelled', 'done')) AS live,
            (SELECT count(*) FROM "Comment" WHERE "organizationId" = $1::uuid) AS comments,
            (SELECT count(*) FROM "Comment" WHERE "organizationId" = $1::uuid AND "type" = 'internal_note') AS internal,
            (SELECT count(*) FROM "TicketAssignee" WHERE "organizationId" = $1::uuid AND "isPrimary") AS assigned,
            (SELECT count(*) FROM "User" WHERE "organizationId" = $1::uuid) AS users,
            (SELECT count(*) FROM "Project" WHERE "organizationId" = $1::uuid) AS projects,
            (SELECT count(*) FROM "Ticket" t JOIN "Project" p ON p."id" = t."projectId"
              WHERE p."organizationId" = $1::uuid AND p."key" = $2 AND t."deletedAt" IS NULL AND t."status" NOT IN ('done')) AS board_live,
            (SELECT count(*) FROM "Ticket" WHERE "organizationId" <> $1::uuid) AS other_tickets,
            (SELECT count(*) FROM (
               SELECT s."id" FROM "Ticket" s WHERE s."organizationId" = $1::uuid
                  AND s."searchVector" @@ websearch_to_tsquery('english', $3)
               UNION
               SELECT c."ticketId" FROM "Comment" c WHERE c."organizationId" = $1::uuid
                  AND c."searchVector" @@ websearch_to_tsquery('english', $3)) x) AS search_hits,
            pg_size_pretty(pg_database_size(current_database())) AS size`,
    [orgId, BOARD_KEY, SEARCH_WORD],
  );
  const d = r.rows[0];
  const n = (k: string) => fmtInt(Number(d[k]));
  log(
    `Data: ${n("tickets")} tickets (${n("live")} live, ${fmt((100 * Number(d.live)) / Number(d.tickets), 1)}%), ${n("comments")} comments ` +
      `(${n("internal")} internal), ${n("assigned")} assigned, ${n("users")} users, ${n("projects")} projects; ` +
      `board ${BOARD_KEY}: ${n("board_live")} live cards; "${SEARCH_WORD}" in ${n("search_hits")} tickets ` +
      `(${fmt((100 * Number(d.search_hits)) / Number(d.tickets), 2)}%); other organization: ${n("other_tickets")} tickets; database ${d.size}`,
  );
}

// ─── Operations ─────────────────────────────────────────────────────────────

const ms = (v: number) => fmt(v, 1);

/**
 * Times a read operation and its twin alternately; checks once that both
 * return the same thing (the twin is only a fair yardstick if it is the same query).
 */
async function readOp(o: {
  key: string;
  label: string;
  domain: () => Promise<unknown>;
  twin: SqlQuery[];
  /** Twin statements run after each other (true) or together (Promise.all, like the domain function). */
  sequential?: number;
  targetMs?: number;
  targetRatio?: number;
  same?: (domain: unknown, twin: pg.QueryResult[]) => string | null;
  iterations?: number;
  pool: pg.Pool;
}) {
  const runRaw = async () => {
    const seq = o.sequential ?? 0;
    const out: pg.QueryResult[] = [];
    for (const q of o.twin.slice(0, seq)) out.push(await runTwin(o.pool, q));
    out.push(...(await Promise.all(o.twin.slice(seq).map((q) => runTwin(o.pool, q)))));
    return out;
  };
  if (o.same) {
    const problem = o.same(await o.domain(), await runRaw());
    if (problem) log(`  ! ${o.label}: the twin differs from the domain function: ${problem}`);
  }
  const iterations = Math.min(ITERATIONS, o.iterations ?? ITERATIONS);
  const t = await timePair(o.domain, runRaw, { warmup: Math.min(3, iterations), warmupMs: iterations < ITERATIONS ? 0 : 3_000, iterations, budgetMs: 45_000 });
  const a = summarize(t.a);
  const b = summarize(t.b);
  const ratio = a.p95 / b.p95;
  const targets: string[] = [];
  let ok: boolean | null = null;
  if (o.targetMs) {
    targets.push(`p95 ≤ ${o.targetMs} ms`);
    ok = a.p95 <= o.targetMs;
  }
  if (o.targetRatio) {
    targets.push(`≤ ${o.targetRatio}× raw`);
    ok = (ok ?? true) && ratio <= o.targetRatio;
  }
  rows.push({ key: o.key, label: o.label, n: a.n, p50: a.p50, p95: a.p95, rawP50: b.p50, rawP95: b.p95, target: targets.join(", ") || "—", ok });
  log(`  ${o.label}: p50 ${ms(a.p50)} ms, p95 ${ms(a.p95)} ms; raw p50 ${ms(b.p50)} ms, p95 ${ms(b.p95)} ms (n=${a.n})`);
  if (flag("BENCH_EXPLAIN")) {
    // The plan of the operation's slowest statement; one line for the others.
    const plans = [];
    for (const q of o.twin) plans.push({ q, ...(await explain(o.pool, q)) });
    const slowest = plans.reduce((a, b) => (b.ms > a.ms ? b : a));
    const others = plans.filter((x) => x !== slowest).map((x) => `${x.q.label} ${fmt(x.ms, 1)} ms`);
    explains.push({
      label: `${o.label.trim()}: ${slowest.q.label} ${fmt(slowest.ms, 1)} ms${others.length ? ` (others: ${others.join(", ")})` : ""}`,
      lines: slowest.lines,
    });
  }
}

const sameRows = (domain: unknown, twin: pg.QueryResult[]) => {
  const d = (domain as { rows: { id: string }[] }).rows.map((r) => r.id);
  const t = twin[0].rows.slice(0, d.length).map((r: { id: string }) => r.id);
  return d.join() === t.join() ? null : `rows ${d.length} vs ${twin[0].rows.length}, first ids ${d[0]} vs ${t[0]}`;
};

async function deskOps(actor: Actor, pool: pg.Pool) {
  const filters = parseDeskQuery(new URLSearchParams({ status: DESK_STATUSES.join(",") }));
  const page = () => deskPage(actor, { filters, limit: 50 });
  await readOp({
    key: "desk",
    label: `desk page: status filter, sort updated, 50 rows + box counts`,
    domain: () => Promise.all([page(), deskBoxes(actor)]),
    twin: [deskPageTwin(actor, { status: DESK_STATUSES }), deskBoxesTwin(actor)],
    targetMs: 100,
    targetRatio: 1.5,
    same: (domain, twin) => {
      const [p, boxes] = domain as [{ rows: { id: string }[] }, Record<string, number>];
      const rowsProblem = sameRows(p, twin);
      const t = twin[1].rows[0] as Record<string, string>;
      const boxProblem = Object.entries(boxes).find(([k, v]) => Number(t[k]) !== v);
      return rowsProblem ?? (boxProblem ? `box ${boxProblem[0]}: ${boxProblem[1]} vs ${t[boxProblem[0]]}` : null);
    },
    pool,
  });
  // Its two halves, to see which one costs what.
  await readOp({ key: "desk_rows", label: "  └ rows only (deskPage)", domain: page, twin: [deskPageTwin(actor, { status: DESK_STATUSES })], same: sameRows, pool });
  await readOp({ key: "desk_boxes", label: "  └ box counts only (deskBoxes)", domain: () => deskBoxes(actor), twin: [deskBoxesTwin(actor)], pool });

  // Page 200, reached by following nextCursor (fewer when the filter has fewer pages).
  const w0 = nowMs();
  let pageNo = 1;
  let current = await page();
  let previousLast: { id: string; updatedAt: Date } | null = null;
  let cursor: string | null = null;
  while (pageNo < DEEP_PAGE && current.nextCursor) {
    previousLast = current.rows[current.rows.length - 1];
    cursor = current.nextCursor;
    current = await deskPage(actor, { filters: { ...filters, cursor }, limit: 50 });
    pageNo++;
  }
  const walkMs = nowMs() - w0;
  if (!cursor || !previousLast) {
    rows.push({ key: "deep", label: "desk page 200 (keyset)", n: 0, p50: NaN, p95: NaN, rawP50: NaN, rawP95: NaN, target: "—", ok: null, note: "the filter has one page" });
  } else {
    const deepFilters = { ...filters, cursor };
    log(`  (followed nextCursor to page ${pageNo} in ${fmt(walkMs / 1000, 1)} s)`);
    await readOp({
      key: "deep",
      label: `desk page ${pageNo} of the same filter (keyset cursor)`,
      domain: () => deskPage(actor, { filters: deepFilters, limit: 50 }),
      twin: [deskPageTwin(actor, { status: DESK_STATUSES, after: [previousLast.updatedAt.toISOString(), previousLast.id] })],
      targetMs: 100,
      same: sameRows,
      pool,
    });
  }

  // Every state (the desk's "Any status"): the twin searches the whole scope.
  const search = parseDeskQuery(new URLSearchParams({ q: SEARCH_WORD, state: "all" }));
  await readOp({
    key: "search",
    label: `desk search "${SEARCH_WORD}" (tickets + comments), first 50`,
    domain: () => deskPage(actor, { filters: search, limit: 50 }),
    twin: await searchTwin(actor, pool, SEARCH_WORD),
    sequential: 1,
    targetMs: 150,
    same: sameSearchRows,
    pool,
  });
  // Scope: the other organization holds the word too (more densely); none of its tickets may show.
  const found = (await deskPage(actor, { filters: search, limit: 500 })).rows.map((r) => r.id);
  const leaked = await pool.query<{ n: string }>(`SELECT count(*) AS n FROM "Ticket" WHERE "id" = ANY($1::uuid[]) AND "organizationId" <> $2::uuid`, [
    found,
    actor.organizationId,
  ]);
  if (Number(leaked.rows[0].n) > 0) log(`  ! search returned ${leaked.rows[0].n} tickets of another organization`);
}

/** The desk search's two statements: the probe, then the page by the strategy the probe picks. */
async function searchTwin(actor: Actor, pool: pg.Pool, word: string): Promise<SqlQuery[]> {
  const probe = searchProbeTwin(actor, word, SEARCH_BROAD_AT);
  const n = (await runTwin(pool, probe)).rows[0].n as number;
  const broad = n > SEARCH_BROAD_AT;
  log(`  (search "${word}": ${n > SEARCH_BROAD_AT ? `more than ${fmtInt(SEARCH_BROAD_AT)}` : fmtInt(n)} matching rows → ${broad ? "walk the sort order" : "collect ids"})`);
  return [probe, deskPageTwin(actor, { q: word, broad })];
}
const sameSearchRows = (domain: unknown, twin: pg.QueryResult[]) => sameRows(domain, twin.slice(1));

/**
 * The sorts by status, assignee and requester (issue 14): the default view
 * (open work) and a status filter with the search, each beside the plain
 * ORDER BY it replaced (the same rows: the check holds the walk to it at
 * scale). Few iterations: the twin takes up to seconds.
 */
async function deskSortOps(actor: Actor, pool: pg.Pool) {
  for (const sort of ["status", "assignee", "requester"] as const) {
    for (const [suffix, params, twin] of [
      ["", { sort, dir: "asc" }, { sort, dir: "asc" as const }],
      ["_search", { sort, dir: "asc", status: DESK_STATUSES.join(","), q: SEARCH_WORD }, { sort, dir: "asc" as const, status: DESK_STATUSES, q: SEARCH_WORD }],
    ] as const) {
      const filters = parseDeskQuery(new URLSearchParams(params));
      await readOp({
        key: `desk_sort_${sort}${suffix}`,
        label: `desk sort ${sort}, ${suffix ? `status filter + search "${SEARCH_WORD}"` : "default view (open work)"}, first 50`,
        domain: () => deskPage(actor, { filters, limit: 50 }),
        twin: [deskSortTwin(actor, twin)],
        targetMs: 100,
        same: sameRows,
        iterations: 15,
        pool,
      });
    }
  }
}

/** Search beyond the issue's ~0.1% word: a word nobody wrote and a very common one (information, no target). */
async function searchExtremes(actor: Actor, pool: pg.Pool) {
  for (const [key, word, label] of [
    ["search_none", "quokkaboard", "desk search, a word no ticket contains"],
    ["search_common", "printer", "desk search, a common word"],
  ] as const) {
    const filters = parseDeskQuery(new URLSearchParams({ q: word, state: "all" }));
    await readOp({
      key,
      label: `  ${label} ("${word}")`,
      domain: () => deskPage(actor, { filters, limit: 50 }),
      twin: await searchTwin(actor, pool, word),
      sequential: 1,
      targetMs: 150,
      same: sameSearchRows,
      iterations: 8,
      pool,
    });
  }
}

async function boardOps(actor: Actor, pool: pg.Pool) {
  const board = await getBoard(actor, BOARD_KEY);
  const twin = boardTwin(actor, board.project, board.columns.map((c) => c.key));
  const counts = await pool.query<{ cards: string; live: string }>(
    `SELECT count(*) AS cards, count(*) FILTER (WHERE "status" <> 'done') AS live FROM "Ticket" WHERE "projectId" = $1::uuid AND "deletedAt" IS NULL`,
    [board.project.id],
  );
  await readOp({
    key: "board",
    label: `board ${BOARD_KEY} (${fmtInt(Number(counts.rows[0].live))} live + ${fmtInt(Number(counts.rows[0].cards) - Number(counts.rows[0].live))} done cards, ${board.columns.length} columns, 50 each)`,
    domain: () => getBoard(actor, BOARD_KEY),
    twin,
    sequential: 2,
    targetMs: 150,
    same: (domain, twinRes) => {
      const b = domain as Awaited<ReturnType<typeof getBoard>>;
      const d = b.columns.flatMap((c) => c.cards.map((x) => x.id)).join();
      const t = new Map<string, string[]>();
      for (const r of twinRes[2].rows as { columnKey: string; id: string }[]) t.set(r.columnKey, [...(t.get(r.columnKey) ?? []), r.id]);
      const tt = b.columns.flatMap((c) => (t.get(c.key) ?? []).slice(0, c.cards.length)).join();
      const totals = new Map((twinRes[3].rows as { key: string; n: number }[]).map((r) => [r.key, Math.min(r.n, 1000)]));
      const badTotal = b.columns.find((c) => totals.get(c.key) !== c.total);
      return d !== tt ? "card ids differ" : badTotal ? `column ${badTotal.label}: total ${badTotal.total} vs ${totals.get(badTotal.key)}` : null;
    },
    pool,
  });
}

// ─── Writes ─────────────────────────────────────────────────────────────────

/** Rows inserted/updated/deleted per table so far (cumulative statistics). */
async function tableWrites(pool: pg.Pool): Promise<Map<string, number>> {
  const r = await pool.query<{ relname: string; w: string }>(`SELECT relname, n_tup_ins + n_tup_upd + n_tup_del AS w FROM pg_stat_user_tables`);
  return new Map(r.rows.map((x) => [x.relname, Number(x.w)]));
}
/**
 * The statistics once every backend has flushed its counters: a busy backend
 * flushes at most once a second, an idle one within 10 s. Waits 11 s, then
 * until two reads a second apart agree.
 */
async function settledWrites(pool: pg.Pool): Promise<Map<string, number>> {
  await new Promise((r) => setTimeout(r, 11_000));
  let prev = await tableWrites(pool);
  for (let i = 0; i < 10; i++) {
    await new Promise((r) => setTimeout(r, 1_000));
    const cur = await tableWrites(pool);
    if (cur.size === prev.size && [...cur].every(([k, v]) => prev.get(k) === v)) break;
    prev = cur;
  }
  return prev;
}
function writesSince(before: Map<string, number>, after: Map<string, number>): Map<string, number> {
  const delta = new Map<string, number>();
  for (const [k, v] of after) if (v - (before.get(k) ?? 0) !== 0) delta.set(k, v - (before.get(k) ?? 0));
  return delta;
}
const describeWrites = (d: Map<string, number>, per: number) =>
  [...d].sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${fmt(v / per, 2)}`).join(", ");

/**
 * Samples what the database sessions of the bench database are doing (every
 * 25 ms) while a phase runs: executing, waiting on a lock (e.g. a number
 * counter row), or idle in a transaction (waiting on the application between
 * two statements).
 */
function sampleActivity(url: string) {
  const c = new pg.Client({ connectionString: url });
  const counts = { samples: 0, running: 0, lock: 0, idleInTx: 0, idle: 0 };
  let stopped = false;
  const loop = (async () => {
    await c.connect();
    while (!stopped) {
      const r = await c.query<{ state: string | null; wait: string | null }>(
        `SELECT state, wait_event_type AS wait FROM pg_stat_activity
          WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_type = 'client backend'`,
      );
      counts.samples++;
      for (const x of r.rows) {
        if (x.state === "active" && x.wait === "Lock") counts.lock++;
        else if (x.state === "active") counts.running++;
        else if (x.state?.startsWith("idle in transaction")) counts.idleInTx++;
        else counts.idle++;
      }
      await new Promise((res) => setTimeout(res, 25));
    }
    await c.end();
  })();
  return async () => {
    stopped = true;
    await loop;
    return counts;
  };
}
type Activity = Awaited<ReturnType<ReturnType<typeof sampleActivity>>>;

function describeActivity(parts: Activity[]): string {
  const sum = (k: keyof Activity) => parts.reduce((t, p) => t + p[k], 0);
  const n = Math.max(1, sum("samples"));
  return `sessions on average: ${fmt(sum("running") / n, 1)} executing, ${fmt(sum("lock") / n, 1)} waiting on a lock, ${fmt(sum("idleInTx") / n, 1)} idle in transaction, ${fmt(sum("idle") / n, 1)} idle`;
}

type Timed = Awaited<ReturnType<typeof runConcurrent>>;

/** Timed phases as one: their latencies, errors, wall and CPU time added up. */
function mergeTimed(parts: Timed[]): Timed {
  return {
    latencies: parts.flatMap((p) => p.latencies),
    errors: parts.flatMap((p) => p.errors),
    wallMs: parts.reduce((t, p) => t + p.wallMs, 0),
    cpuMs: parts.reduce((t, p) => t + p.cpuMs, 0),
  };
}

interface CreateResult {
  perSecond: number;
  rawPerSecond: number;
  duplicates: number;
  errors: number;
}

async function creationOps(actor: Actor, pool: pg.Pool): Promise<CreateResult> {
  const projects = (
    await pool.query<{ id: string; key: string; workflow: string; numbering: string }>(
      `SELECT "id", "key", "workflow"::text, "numbering"::text FROM "Project" WHERE "organizationId" = $1::uuid ORDER BY "key"`,
      [actor.organizationId],
    )
  ).rows;
  const created: string[] = [];
  const domainJob = async (i: number) => {
    const p = projects[i % projects.length];
    const t = await createTicket(actor, { projectKey: p.key, title: `Bench creation ${i}`, description: "Created by npm run bench", priority: "normal" });
    created.push(t.id);
  };
  // The twin plans its notices with the domain's code, which reads on the
  // app's pool: its other two statements go there too, so both sides share
  // one pool of DB_POOL_MAX connections (on two pools the twin had twice as many).
  const appPool = getPool();
  const rawJob = async (i: number) => {
    const p = projects[i % projects.length];
    const t = await createTicketTwin(appPool, actor, p, `Bench raw creation ${i}`, new Date());
    created.push(t.id);
  };
  // Both sides warm up first, as a running server is: compiled code, twenty
  // open connections and their backends' catalog caches. Not counted.
  const warm = Math.min(100, Math.ceil(CREATES / 10));
  for (const job of [domainJob, rawJob]) {
    const w = await runConcurrent(warm, CLIENTS, (i) => job(CREATES + i));
    for (const e of w.errors.slice(0, 3)) log(`  ! warm-up creation ${e.index} failed: ${e.message}`);
  }
  // Timed in halves, domain raw raw domain: neither side always runs first
  // (on a shared machine the first phase after the warm-up ran 10-25% slower,
  // whichever it was). The domain's first half also counts the rows written.
  const half = Math.ceil(CREATES / 2);
  const side = { domain: [] as Timed[], raw: [] as Timed[] };
  const activity = { domain: [] as Activity[], raw: [] as Activity[] };
  let writes = new Map<string, number>();
  for (const [name, from, to] of [["domain", 0, half], ["raw", 0, half], ["raw", half, CREATES], ["domain", half, CREATES]] as const) {
    const before = name === "domain" && from === 0 ? await settledWrites(pool) : null;
    const stopSampling = sampleActivity(benchUrls(TICKETS).bench);
    const job = name === "domain" ? domainJob : rawJob;
    side[name].push(await runConcurrent(to - from, CLIENTS, (i) => job(from + i)));
    activity[name].push(await stopSampling());
    if (before) writes = writesSince(before, await settledWrites(pool));
  }
  const domain = mergeTimed(side.domain);
  const raw = mergeTimed(side.raw);
  const [domainActivity, rawActivity] = [describeActivity(activity.domain), describeActivity(activity.raw)];
  const dup = await pool.query<{ n: string }>(
    `SELECT count(*) AS n FROM (SELECT 1 FROM "Ticket" GROUP BY "organizationId", "number" HAVING count(*) > 1) d`,
  );
  const duplicates = Number(dup.rows[0].n);
  const perSecond = (domain.latencies.length / domain.wallMs) * 1000;
  const rawPerSecond = (raw.latencies.length / raw.wallMs) * 1000;
  for (const e of [...domain.errors, ...raw.errors].slice(0, 5)) log(`  ! creation ${e.index} failed: ${e.message}`);
  const a = summarize(domain.latencies);
  const b = summarize(raw.latencies);
  rows.push({
    key: "create",
    label: `create ticket, ${CLIENTS} concurrent clients (latency each)`,
    n: a.n,
    p50: a.p50,
    p95: a.p95,
    rawP50: b.p50,
    rawP95: b.p95,
    target: "≥ 300/s, no duplicate",
    ok: perSecond >= 300 && duplicates === 0 && domain.errors.length === 0,
    note:
      `${fmt(perSecond, 0)}/s (raw ${fmt(rawPerSecond, 0)}/s), ${domain.errors.length} failed, ${duplicates} duplicate numbers; ` +
      `Node CPU per creation ${fmt(domain.cpuMs / CREATES, 2)} ms (raw ${fmt(raw.cpuMs / CREATES, 2)} ms)`,
  });
  log(
    `  creations: ${fmt(perSecond, 0)}/s (raw SQL ${fmt(rawPerSecond, 0)}/s), p50 ${ms(a.p50)} ms, p95 ${ms(a.p95)} ms, ` +
      `${domain.errors.length} failed, ${duplicates} duplicate numbers, Node CPU ${fmt(domain.cpuMs / CREATES, 2)} ms/creation ` +
      `(raw ${fmt(raw.cpuMs / CREATES, 2)}); rows written per creation: ${describeWrites(writes, half)}`,
  );
  log(`    domain: ${domainActivity}`);
  log(`    raw:    ${rawActivity}`);
  // Leave the data as generated for the next run (the counters keep their advance: numbers are never reused).
  // (Notifications go with their tickets; the triage agents' e-mails wait in the outbox, which no worker drains here.)
  await pool.query(`DELETE FROM "Ticket" WHERE "id" = ANY($1::uuid[])`, [created]);
  await pool.query(`DELETE FROM "OutboxMessage" WHERE "organizationId" = $1::uuid AND "status" = 'pending'`, [actor.organizationId]);
  // Their dead rows would otherwise sit in the desk's indexes until autovacuum
  // reaches 2% of the table: the next run's reads would step over them.
  await pool.query(`VACUUM (ANALYZE) "Ticket", "TicketHistory", "Watcher", "NumberCounter", "Notification", "OutboxMessage"`);
  return { perSecond, rawPerSecond, duplicates, errors: domain.errors.length + raw.errors.length };
}

interface MoveResult {
  rowsPerMove: number | null;
  historyRows: number;
  versionBumps: number;
}

/** Reorders inside the board's busiest live column: a random card after a random other card (or to the top). */
async function moveOps(actor: Actor, pool: pg.Pool): Promise<MoveResult> {
  const board = await getBoard(actor, BOARD_KEY);
  const column = board.columns.filter((c) => c.category !== "done").sort((a, b) => b.total - a.total)[0];
  const cards = (
    await pool.query<{ id: string; version: number }>(
      `SELECT t."id", t."version" FROM "Ticket" t WHERE t."projectId" = $1::uuid AND t."columnId" = $2::uuid AND t."deletedAt" IS NULL ORDER BY t."rank", t."id"`,
      [board.project.id, column.key],
    )
  ).rows;
  let seed = 42;
  const rnd = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  const plan = Array.from({ length: MOVES }, () => {
    const card = cards[Math.floor(rnd() * cards.length)];
    let after: string | null = rnd() < 0.05 ? null : cards[Math.floor(rnd() * cards.length)].id;
    if (after === card.id) after = null;
    return { card: card.id, after };
  });
  const versions = new Map(cards.map((c) => [c.id, c.version]));
  const history0 = await pool.query<{ n: string }>(`SELECT count(*) AS n FROM "TicketHistory" WHERE "ticketId" = ANY($1::uuid[])`, [cards.map((c) => c.id)]);

  const before = await settledWrites(pool);
  const latencies: number[] = [];
  let reported = 0;
  const t0 = nowMs();
  for (const m of plan) {
    latencies.push(
      await timeOne(async () => {
        const r = await reorderCard(actor, { ticketId: m.card, column: column.key, afterId: m.after });
        reported += r.rowsWritten;
      }),
    );
  }
  const wall = nowMs() - t0;
  const writes = writesSince(before, await settledWrites(pool));
  const history1 = await pool.query<{ n: string }>(`SELECT count(*) AS n FROM "TicketHistory" WHERE "ticketId" = ANY($1::uuid[])`, [cards.map((c) => c.id)]);
  const after = await pool.query<{ id: string; version: number }>(`SELECT "id", "version" FROM "Ticket" WHERE "id" = ANY($1::uuid[])`, [cards.map((c) => c.id)]);
  const versionBumps = after.rows.filter((r) => versions.get(r.id) !== r.version).length;
  const total = [...writes.values()].reduce((s, v) => s + v, 0);
  const rowsPerMove = total / MOVES;

  // The twin: the same statements for the same kind of move, through pg.
  const raw: number[] = [];
  for (const m of plan.slice(0, Math.min(200, plan.length))) {
    raw.push(await timeOne(() => reorderTwin(pool, actor, board.project.id, column.key, m.card, m.after)));
  }
  const a = summarize(latencies);
  const b = summarize(raw);
  const historyRows = Number(history1.rows[0].n) - Number(history0.rows[0].n);
  rows.push({
    key: "move",
    label: `reorder card in "${column.label}" (${fmtInt(cards.length)} cards), sequential`,
    n: a.n,
    p50: a.p50,
    p95: a.p95,
    rawP50: b.p50,
    rawP95: b.p95,
    target: "1 row per move",
    ok: Math.abs(rowsPerMove - 1) < 0.005 && historyRows === 0 && versionBumps === 0,
    note: `${fmt(rowsPerMove, 3)} rows/move (${describeWrites(writes, MOVES)}; function reports ${fmt(reported / MOVES, 3)}), ${historyRows} history rows, ${versionBumps} version bumps, ${fmt((MOVES / wall) * 1000, 0)} moves/s`,
  });
  log(`  moves: ${rows[rows.length - 1].note}`);
  return { rowsPerMove, historyRows, versionBumps };
}

// ─── Main ───────────────────────────────────────────────────────────────────

async function main() {
  const started = nowMs();
  const data = await ensureData();
  process.env.DATABASE_URL = data.url; // before the app's client is first created
  const poolMax = env().DB_POOL_MAX;

  if (flag("BENCH_LOG_SQL")) {
    // The app's client reads globalThis.prisma first: give it one that logs its SQL.
    const client = new PrismaClient({
      adapter: new PrismaPg({ connectionString: data.url, max: poolMax }),
      log: [{ emit: "event", level: "query" }],
      transactionOptions: { maxWait: 15_000, timeout: 30_000 },
    });
    client.$on("query", (e) => log(`  [prisma ${e.duration} ms] ${e.query.replace(/\s+/g, " ")} -- ${e.params}`));
    (globalThis as unknown as { prisma: unknown }).prisma = client;
  }

  const pool = new pg.Pool({ connectionString: data.url, max: poolMax });
  try {
    const agent = await pool.query<{ id: string; organizationId: string }>(
      `SELECT "id", "organizationId" FROM "User" WHERE "email" = $1`,
      [`agent0@${BENCH_SLUG}.bench.test`],
    );
    const actor = await loadActor(agent.rows[0].id);
    if (!actor) throw new Error("the bench agent could not be loaded");
    await describeData(pool, actor.organizationId);
    log(`Actor: ${actor.name} (${actor.roleName}), member of ${actor.projectIds.length} projects; pool ${poolMax} connections (DB_POOL_MAX)`);

    log(`Machine: ${os.cpus().length} cores, load average ${os.loadavg().map((l) => l.toFixed(2)).join(" ")} (other work on the machine skews the figures)`);
    log("Reads (one client, domain function and raw twin alternately):");
    if (ONLY.has("desk")) await deskOps(actor, pool);
    if (ONLY.has("desk")) await searchExtremes(actor, pool);
    if (ONLY.has("desk") || ONLY.has("desk_sort")) await deskSortOps(actor, pool);
    if (ONLY.has("board")) await boardOps(actor, pool);
    log(`Writes:`);
    const create = ONLY.has("create") ? await creationOps(actor, pool) : null;
    const move = ONLY.has("move") ? await moveOps(actor, pool) : null;
    const pages: PagesReport | null = ONLY.has("pages") ? await pageOps({ url: data.url, pool, boardKey: BOARD_KEY, iterations: PAGE_ITERATIONS, liveClients: LIVE_CLIENTS }) : null;

    // ── Report ──
    log("");
    if (rows.length) log(
      table(
        ["operation", "n", "p50 ms", "p95 ms", "raw p50", "raw p95", "ratio p50", "ratio p95", "target", "ok"],
        rows.map((r) => [
          r.label,
          String(r.n),
          ms(r.p50),
          ms(r.p95),
          ms(r.rawP50),
          ms(r.rawP95),
          fmt(r.p50 / r.rawP50, 2),
          fmt(r.p95 / r.rawP95, 2),
          r.target,
          r.ok === null ? "" : r.ok ? "yes" : "NO",
        ]),
      ),
    );
    for (const r of rows.filter((x) => x.note)) log(`  ${r.key}: ${r.note}`);
    if (pages) {
      log("");
      log("Pages over HTTP (production server; big = bench, small = bench-other; time to the last byte):");
      log(
        table(
          ["page", "n", "big p50", "big p95", "small p50", "small p95", "ratio p95", "target", "ok"],
          [
            ...pages.rows.map((r) => [
              r.label,
              String(r.n),
              ms(r.bigP50),
              ms(r.bigP95),
              ms(r.smallP50),
              ms(r.smallP95),
              fmt(r.bigP95 / r.smallP95, 2),
              `p95 ≤ ${r.targetMs} ms`,
              r.ok ? "yes" : "NO",
            ]),
            ["scale ratio (worst page, big p95 / small p95)", "", "", "", "", "", fmt(pages.scaleRatio, 2), "≤ 1.5", pages.scaleRatio <= 1.5 ? "yes" : "NO"],
            ["server RSS after the page run (MB)", "", fmt(pages.serverRssMb, 0), "", "", "", "", "≤ 400 MB", pages.serverRssMb !== null && pages.serverRssMb <= 400 ? "yes" : "NO"],
            ...(pages.live
              ? [
                  [`live: a reply to ${Math.round(pages.live.clients * 0.8)} of ${pages.live.clients} open streams`, String(pages.live.n), ms(pages.live.p50), ms(pages.live.p95), "", "", "", "p95 ≤ 2000 ms", pages.live.p95 <= 2000 ? "yes" : "NO"],
                  [`server RSS with ${pages.live.clients} streams open (MB)`, "", fmt(pages.live.rssMb, 0), "", "", "", "", "≤ 400 MB", pages.live.rssMb !== null && pages.live.rssMb <= 400 ? "yes" : "NO"],
                ]
              : []),
          ],
        ),
      );
    }
    for (const e of explains) {
      log("");
      log(`EXPLAIN (ANALYZE, BUFFERS) — ${e.label}`);
      for (const l of e.lines) log(`  ${l}`);
    }
    log("");
    log(`Load average at the end: ${os.loadavg().map((l) => l.toFixed(2)).join(" ")}`);
    log(`Generation: ${data.seconds === null ? "n/a" : `${fmt(data.seconds, 1)} s`}${data.generatedNow ? "" : " (earlier run, reused)"}; bench run ${fmt((nowMs() - started) / 1000, 0)} s`);
    const get = (k: string) => rows.find((r) => r.key === k);
    const num = (v: number | undefined | null, d = 1) => (v === undefined || v === null || Number.isNaN(v) ? "n/a" : v.toFixed(d));
    const desk = get("desk");
    const deskSorts = rows.filter((r) => r.key.startsWith("desk_sort_"));
    const deskSortP95 = deskSorts.length ? Math.max(...deskSorts.map((r) => r.p95)) : null;
    const page = (k: string) => pages?.rows.find((r) => r.key === k)?.bigP95;
    log(
      `BENCH tickets=${TICKETS} desk_p95_ms=${num(desk?.p95)} desk_ratio=${num(desk ? desk.p95 / desk.rawP95 : null, 2)} ` +
        `deep_p95_ms=${num(get("deep")?.p95)} desk_sort_p95_ms=${num(deskSortP95)} search_p95_ms=${num(get("search")?.p95)} board_p95_ms=${num(get("board")?.p95)} ` +
        `creates_per_s=${num(create?.perSecond, 0)} duplicate_numbers=${create?.duplicates ?? "n/a"} rows_per_move=${num(move?.rowsPerMove, 2)} ` +
        `page_desk_p95_ms=${num(page("page_desk"))} page_desk_search_p95_ms=${num(page("page_desk_search"))} ` +
        `page_desk_sort_p95_ms=${num(pages ? Math.max(...["status", "assignee", "requester"].map((s) => page(`page_desk_sort_${s}`) ?? NaN)) : null)} page_board_p95_ms=${num(page("page_board"))} ` +
        `page_ticket_p95_ms=${num(page("page_ticket"))} page_portal_p95_ms=${num(page("page_portal"))} reply_p95_ms=${num(page("reply"))} ` +
        `page_admin_users_p95_ms=${num(page("page_admin_users"))} page_admin_users_search_p95_ms=${num(page("page_admin_users_search"))} ` +
        `page_scale_ratio=${num(pages?.scaleRatio, 2)} server_rss_mb=${num(pages?.serverRssMb, 0)} ` +
        `live_clients=${pages?.live?.clients ?? "n/a"} live_p95_ms=${num(pages?.live?.p95)} live_rss_mb=${num(pages?.live?.rssMb, 0)}`,
    );
  } finally {
    await pool.end();
    await db.$disconnect();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
