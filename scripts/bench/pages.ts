// The real pages over HTTP (issue 12, §1): the production server on the bench
// database, signed in through next-auth's credentials endpoint as an agent, a
// requester and the admin of each organization, times the desk, the
// 2,000-card board, the ticket with the most comments, the portal, the users
// administration (50,000 users in the big organization; issue 13) and one
// reply through its server action — in the big organization and in the small
// one, alternately, so the big/small ratio shows how a page's cost grows with
// the data.
//
// The server is started the way `npm start` does (scripts/server.mjs, after a
// `next build` when .next is missing or stale: scripts/build-stamp.mjs), on a
// free port, and stopped at the end (its PID only), also on error.
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { liveOps } from "./live";
import pg from "pg";
import { hashPassword } from "@/lib/auth/password";
import { ensureBuild } from "../build-stamp.mjs";
import { projectEnv } from "../embedded-pg.mjs";
import { ROOT } from "./database";
import { BENCH_SLUG, OTHER_SLUG } from "./generate";
import { actionDataId, actionIdFor, actionProblem, CookieJar, credentialsForm, pageProblem, statusFieldMb, worstRatio } from "./http";
import { fmt, log, nowMs, summarize, timePair } from "./stats";

/**
 * The bench users carry no password (the generator writes none): the few this
 * run signs in as get this one at the start of the page run (one bcrypt hash,
 * an UPDATE of those rows), which needs no regeneration of the data.
 */
const BENCH_PASSWORD = "bench-pages-password";

/**
 * Part of a name, as an admin looks someone up. Both organizations answer a
 * full page (50 rows) so the scale ratio compares like with like: 111 of the
 * small organization's 500 requesters match ("Requester 1", "… 10"–"… 19",
 * "… 100"–"… 199"), 11,111 of the big one's 50,000.
 */
export const ADMIN_USERS_QUERY = "requester 1";

export interface PageRow {
  key: string;
  label: string;
  path: { big: string; small: string };
  n: number;
  bigP50: number;
  bigP95: number;
  smallP50: number;
  smallP95: number;
  targetMs: number;
  ok: boolean;
}

export interface PagesReport {
  rows: PageRow[];
  /** Worst big/small p95 ratio of the pages (the reply not included). */
  scaleRatio: number;
  serverRssMb: number | null;
  serverPeakRssMb: number | null;
  build: { built: boolean; seconds: number };
  /** The live streams (scripts/bench/live.ts): how many were open, a reply's delay to them, the server's memory meanwhile. */
  live: { clients: number; p50: number; p95: number; n: number; rssMb: number | null } | null;
}

interface OrgTargets {
  slug: string;
  orgId: string;
  agentEmail: string;
  requesterEmail: string;
  /** The generator's admin of the organization (role Admin, holding org.manage). */
  adminEmail: string;
  requesterTickets: number;
  ticket: { id: string; number: string; comments: number };
  boardKey: string;
}

async function orgTargets(pool: pg.Pool, slug: string, boardKey: string): Promise<OrgTargets> {
  const org = await pool.query<{ id: string }>(`SELECT "id" FROM "Organization" WHERE "slug" = $1`, [slug]);
  if (!org.rows[0]) throw new Error(`pages: no organization ${slug} in the bench database`);
  const orgId = org.rows[0].id;
  const requester = await pool.query<{ email: string; n: string }>(
    `SELECT u."email", count(*) AS n FROM "Ticket" t
       JOIN "User" u ON u."id" = t."requesterId" JOIN "Role" r ON r."id" = u."roleId"
      WHERE t."organizationId" = $1::uuid AND t."deletedAt" IS NULL AND r."builtIn" = 'requester' AND u."active"
      GROUP BY u."email" ORDER BY count(*) DESC, u."email" LIMIT 1`,
    [orgId],
  );
  const ticket = await pool.query<{ id: string; number: string; n: string }>(
    `SELECT t."id", t."number", c.n FROM (
        SELECT "ticketId", count(*) AS n FROM "Comment" WHERE "organizationId" = $1::uuid GROUP BY "ticketId" ORDER BY count(*) DESC, "ticketId" LIMIT 20
      ) c JOIN "Ticket" t ON t."id" = c."ticketId" WHERE t."deletedAt" IS NULL ORDER BY c.n DESC, t."id" LIMIT 1`,
    [orgId],
  );
  if (!requester.rows[0] || !ticket.rows[0]) throw new Error(`pages: ${slug} has no requester with tickets or no commented ticket`);
  return {
    slug,
    orgId,
    agentEmail: `agent0@${slug}.bench.test`,
    adminEmail: `admin@${slug}.bench.test`,
    requesterEmail: requester.rows[0].email,
    requesterTickets: Number(requester.rows[0].n),
    ticket: { id: ticket.rows[0].id, number: ticket.rows[0].number, comments: Number(ticket.rows[0].n) },
    boardKey,
  };
}

// ─── The server ─────────────────────────────────────────────────────────────

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

interface Server {
  pid: number;
  base: string;
  stop: () => Promise<void>;
  output: () => string;
}

async function startServer(databaseUrl: string): Promise<Server> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const env = {
    ...projectEnv(),
    DATABASE_URL: databaseUrl,
    NODE_ENV: "production" as const,
    OUTBOX_WORKER: "off",
    PORT: String(port),
    HOSTNAME: "127.0.0.1",
    NEXTAUTH_URL: base,
  };
  if (!env.NEXTAUTH_SECRET) throw new Error("pages: NEXTAUTH_SECRET missing from the project env");
  const child: ChildProcess = spawn(process.execPath, [path.join(ROOT, "scripts/server.mjs")], { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
  if (!child.pid) throw new Error("pages: the server did not start");
  const pid = child.pid;
  let out = "";
  const keep = (b: Buffer) => {
    out = (out + b.toString()).slice(-20_000);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  let exited: number | string | null = null;
  const exit = new Promise<void>((resolve) => child.once("exit", (code, signal) => ((exited = code ?? signal ?? "?"), resolve())));
  // If the bench dies without reaching its finally, the server must not outlive it.
  const killOnExit = () => {
    if (exited === null) process.kill(pid, "SIGKILL");
  };
  process.once("exit", killOnExit);
  const stop = async () => {
    process.removeListener("exit", killOnExit);
    if (exited !== null) return;
    child.kill("SIGTERM");
    const timer = setTimeout(() => exited === null && child.kill("SIGKILL"), 10_000);
    await exit;
    clearTimeout(timer);
  };
  const t0 = nowMs();
  try {
    for (;;) {
      if (exited !== null) throw new Error(`pages: the server exited (${exited}) before it was ready:\n${out}`);
      if (nowMs() - t0 > 90_000) throw new Error(`pages: the server was not ready within 90 s:\n${out}`);
      try {
        const r = await fetch(`${base}/login`, { redirect: "manual" });
        await r.arrayBuffer();
        if (r.status === 200) break;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 250));
    }
  } catch (e) {
    await stop();
    throw e;
  }
  log(`  server: pid ${pid} on ${base}, ready in ${fmt((nowMs() - t0) / 1000, 1)} s (NODE_ENV=production, OUTBOX_WORKER=off)`);
  return { pid, base, stop, output: () => out };
}

// ─── HTTP ───────────────────────────────────────────────────────────────────

interface Answer {
  status: number;
  location: string | null;
  body: string;
}

async function request(base: string, jar: CookieJar, p: string, init: RequestInit = {}): Promise<Answer> {
  const headers = new Headers(init.headers);
  const cookie = jar.header();
  if (cookie) headers.set("cookie", cookie);
  const r = await fetch(`${base}${p}`, { ...init, headers, redirect: "manual" });
  const body = await r.text(); // the whole answer: a page's time is to its last byte
  jar.absorb(r.headers.getSetCookie());
  return { status: r.status, location: r.headers.get("location"), body };
}

/** Signs in over HTTP like the login form: csrf token, then the credentials callback; the jar keeps the session cookie. */
async function signIn(base: string, email: string): Promise<CookieJar> {
  const jar = new CookieJar();
  const csrf = await request(base, jar, "/api/auth/csrf");
  if (csrf.status !== 200) throw new Error(`pages: GET /api/auth/csrf answered ${csrf.status}`);
  const { csrfToken } = JSON.parse(csrf.body) as { csrfToken: string };
  const res = await request(base, jar, "/api/auth/callback/credentials", {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: credentialsForm({ csrfToken, email, password: BENCH_PASSWORD, callbackUrl: `${base}/` }),
  });
  const url = (() => {
    try {
      return (JSON.parse(res.body) as { url?: string }).url ?? "";
    } catch {
      return "";
    }
  })();
  if (res.status !== 200 || url.includes("error=") || !jar.get("next-auth.session-token")) {
    throw new Error(`pages: sign-in of ${email} failed (${res.status}, ${url || res.body.slice(0, 200)})`);
  }
  const session = await request(base, jar, "/api/auth/session");
  const who = (JSON.parse(session.body) as { user?: { email?: string } }).user?.email;
  if (who !== email) throw new Error(`pages: after signing in as ${email} the session is ${who ?? "empty"}`);
  return jar;
}

/** The size of each path's last answer (bytes), for the log. */
const pageBytes = new Map<string, number>();

/** One page request that must answer a rendered page; its time (ms). */
async function page(base: string, jar: CookieJar, p: string, expect?: string, sizeKey = p): Promise<number> {
  const t0 = nowMs();
  const a = await request(base, jar, p);
  const ms = nowMs() - t0;
  const problem = pageProblem(a, expect);
  if (problem) throw new Error(`pages: GET ${p} ${problem}`);
  pageBytes.set(sizeKey, Buffer.byteLength(a.body));
  return ms;
}

// ─── The run ────────────────────────────────────────────────────────────────

export async function pageOps(o: { url: string; pool: pg.Pool; boardKey: string; iterations: number; liveClients: number }): Promise<PagesReport> {
  const { pool } = o;
  log("Pages over HTTP (production server, big and small organization alternately):");
  const build = ensureBuild(projectEnv(), (m) => log(`  ${m}`));
  if (!build.built) log("  build: .next is current (no next build needed)");
  const manifest = JSON.parse(readFileSync(path.join(ROOT, ".next/server/server-reference-manifest.json"), "utf8"));
  const actionId = actionIdFor(manifest, "addCommentAction", "lib/actions/tickets");

  const big = await orgTargets(pool, BENCH_SLUG, o.boardKey);
  const small = await orgTargets(pool, OTHER_SLUG, o.boardKey);
  for (const t of [big, small]) {
    log(
      `  ${t.slug}: agent ${t.agentEmail}; portal as ${t.requesterEmail} (${t.requesterTickets} tickets); ` +
        `ticket ${t.ticket.number} (${t.ticket.comments} comments); board ${t.boardKey}`,
    );
  }
  const emails = [big.agentEmail, big.requesterEmail, big.adminEmail, small.agentEmail, small.requesterEmail, small.adminEmail];
  const hash = await hashPassword(BENCH_PASSWORD);
  const upd = await pool.query(`UPDATE "User" SET "passwordHash" = $1 WHERE "email" = ANY($2::text[])`, [hash, emails]);
  if (upd.rowCount !== emails.length) throw new Error(`pages: set the password of ${upd.rowCount} of ${emails.length} bench users`);
  // A lock left by an earlier, broken run would fail the sign-in; this run does not fail any.
  await pool.query(`DELETE FROM "SignInThrottle" WHERE "key" = ANY($1::text[])`, [[...emails.map((e) => `account:${e}`), "address:127.0.0.1"]]);

  const server = await startServer(o.url);
  const rows: PageRow[] = [];
  let rssMb: number | null = null;
  let peakMb: number | null = null;
  let live: PagesReport["live"] = null;
  try {
    const jars = {
      bigAgent: await signIn(server.base, big.agentEmail),
      bigRequester: await signIn(server.base, big.requesterEmail),
      smallAgent: await signIn(server.base, small.agentEmail),
      smallRequester: await signIn(server.base, small.requesterEmail),
      bigAdmin: await signIn(server.base, big.adminEmail),
      smallAdmin: await signIn(server.base, small.adminEmail),
    };
    log(`  signed in over HTTP as ${emails.join(", ")}`);

    const timing = { warmup: 3, warmupMs: 0, iterations: Math.max(12, o.iterations), minIterations: 12, budgetMs: 40_000 };
    const pagePair = async (key: string, label: string, p: (t: OrgTargets) => string, who: "Agent" | "Requester" | "Admin", expect?: (t: OrgTargets) => string) => {
      const jb = who === "Agent" ? jars.bigAgent : who === "Admin" ? jars.bigAdmin : jars.bigRequester;
      const js = who === "Agent" ? jars.smallAgent : who === "Admin" ? jars.smallAdmin : jars.smallRequester;
      const t = await timePair(
        () => page(server.base, jb, p(big), expect?.(big), `big ${p(big)}`),
        () => page(server.base, js, p(small), expect?.(small), `small ${p(small)}`),
        timing,
      );
      push(key, label, { big: p(big), small: p(small) }, t);
      const kb = (x: string) => fmt((pageBytes.get(x) ?? NaN) / 1024, 0);
      log(`    (answer size: big ${p(big)} ${kb(`big ${p(big)}`)} KB, small ${p(small)} ${kb(`small ${p(small)}`)} KB)`);
    };
    const push = (key: string, label: string, paths: PageRow["path"], t: { a: number[]; b: number[] }) => {
      const a = summarize(t.a);
      const b = summarize(t.b);
      rows.push({ key, label, path: paths, n: a.n, bigP50: a.p50, bigP95: a.p95, smallP50: b.p50, smallP95: b.p95, targetMs: 150, ok: a.p95 <= 150 });
      log(
        `  ${label}: big p50 ${fmt(a.p50)} ms, p95 ${fmt(a.p95)} ms; small p50 ${fmt(b.p50)} ms, p95 ${fmt(b.p95)} ms; ratio p95 ${fmt(a.p95 / b.p95, 2)} (n=${a.n})`,
      );
    };

    await pagePair("page_desk", "/desk (default view)", () => "/desk", "Agent");
    await pagePair("page_desk_search", "/desk?status=open&q=printer", () => "/desk?status=open&q=printer", "Agent");
    for (const sort of ["status", "assignee", "requester"]) await pagePair(`page_desk_sort_${sort}`, `/desk?sort=${sort}&dir=asc`, () => `/desk?sort=${sort}&dir=asc`, "Agent");
    await pagePair("page_board", `/board/${o.boardKey}`, (t) => `/board/${t.boardKey}`, "Agent");
    await pagePair("page_ticket", "/tickets/<most comments>", (t) => `/tickets/${t.ticket.number}`, "Agent", (t) => t.ticket.number);
    await pagePair("page_portal", "/portal (requester with most tickets)", () => "/portal", "Requester");
    // Users administration: the first page of the organization's people by name, and a search of part of a name.
    await pagePair("page_admin_users", "/admin/users (first page)", () => "/admin/users", "Admin", () => "Invite user");
    await pagePair("page_admin_users_search", `/admin/users?q=${ADMIN_USERS_QUERY}`, () => `/admin/users?q=${encodeURIComponent(ADMIN_USERS_QUERY)}`, "Admin", () => "Invite user");

    // One public reply through addCommentAction, replayed as the browser sends it.
    // Replies change the ticket (activity time, first response, open → answered):
    // it is put back and the reply's rows removed afterwards.
    const replyTickets = [big.ticket.id, small.ticket.id];
    const before = await pool.query(
      `SELECT "id", "status"::text, "updatedAt"::text, "firstResponseAt"::text, "version" FROM "Ticket" WHERE "id" = ANY($1::uuid[])`,
      [replyTickets],
    );
    // Prisma's timestamps are UTC without zone: compare them as such, as text (no JS Date round trip).
    const since = (await pool.query<{ t: string }>(`SELECT ((now() AT TIME ZONE 'UTC') - interval '1 second')::text AS t`)).rows[0].t;
    const comments: string[] = [];
    let seq = 0;
    const reply = async (t: OrgTargets, jar: CookieJar) => {
      const p = `/tickets/${t.ticket.number}`;
      const t0 = nowMs();
      const a = await request(server.base, jar, p, {
        method: "POST",
        headers: {
          "Next-Action": actionId,
          Accept: "text/x-component",
          "Content-Type": "text/plain;charset=UTF-8",
          Origin: server.base,
        },
        body: JSON.stringify([{ ticketId: t.ticket.id, body: `Bench reply ${++seq} over HTTP.`, internal: false, attachmentIds: [] }]),
      });
      const ms = nowMs() - t0;
      const problem = actionProblem(a);
      if (problem) throw new Error(`pages: reply (POST ${p}, addCommentAction) ${problem}`);
      const id = actionDataId(a.body);
      if (id) comments.push(id);
      return ms;
    };
    try {
      const t = await timePair(() => reply(big, jars.bigAgent), () => reply(small, jars.smallAgent), timing);
      push("reply", "reply (addCommentAction over HTTP)", { big: `POST /tickets/${big.ticket.number}`, small: `POST /tickets/${small.ticket.number}` }, t);
      // The live stream at size: LIVE_CLIENTS streams open while replies are sent on the big ticket.
      const r = await liveOps({
        base: server.base,
        cookie: jars.bigAgent.header(),
        ticketNumber: big.ticket.number,
        clients: o.liveClients,
        rounds: 10,
        reply: () => reply(big, jars.bigAgent),
        rss: () => statusFieldMb(readFileSync(`/proc/${server.pid}/status`, "utf8"), "VmRSS"),
      });
      const d = summarize(r.delays);
      live = { clients: r.clients, p50: d.p50, p95: d.p95, n: d.n, rssMb: r.rssMb };
      log(
        `  live: ${r.clients} streams open (${Math.round(r.clients * 0.8)} on ${big.ticket.number}, the rest on the desk): ` +
          `a reply reached them in p50 ${fmt(d.p50, 1)} ms, p95 ${fmt(d.p95, 1)} ms (n=${d.n}); server VmRSS ${fmt(r.rssMb, 0)} MB with all open`,
      );
    } finally {
      await pool.query(`DELETE FROM "Notification" WHERE "ticketId" = ANY($1::uuid[]) AND "createdAt" >= $2::timestamp`, [replyTickets, since]);
      await pool.query(`DELETE FROM "TicketHistory" WHERE "ticketId" = ANY($1::uuid[]) AND "createdAt" >= $2::timestamp`, [replyTickets, since]);
      await pool.query(`DELETE FROM "Watcher" WHERE "ticketId" = ANY($1::uuid[]) AND "createdAt" >= $2::timestamp`, [replyTickets, since]);
      const del = await pool.query(`DELETE FROM "Comment" WHERE "ticketId" = ANY($1::uuid[]) AND "createdAt" >= $2::timestamp AND "body" LIKE 'Bench reply %'`, [replyTickets, since]);
      await pool.query(`DELETE FROM "OutboxMessage" WHERE "organizationId" = ANY($1::uuid[]) AND "status" = 'pending' AND "createdAt" >= $2::timestamp`, [[big.orgId, small.orgId], since]);
      for (const r of before.rows) {
        await pool.query(`UPDATE "Ticket" SET "status" = $2::"TicketStatus", "updatedAt" = $3::timestamp, "firstResponseAt" = $4::timestamp, "version" = $5 WHERE "id" = $1::uuid`, [
          r.id,
          r.status,
          r.updatedAt,
          r.firstResponseAt,
          r.version,
        ]);
      }
      log(`  (removed the ${del.rowCount} bench replies${comments.length !== del.rowCount ? ` (${comments.length} acknowledged)` : ""} and put both tickets back)`);
    }

    const status = readFileSync(`/proc/${server.pid}/status`, "utf8");
    rssMb = statusFieldMb(status, "VmRSS");
    peakMb = statusFieldMb(status, "VmHWM");
    let children = "";
    try {
      children = readFileSync(`/proc/${server.pid}/task/${server.pid}/children`, "utf8").trim();
    } catch {
      // no children file
    }
    log(`  server pid ${server.pid}: VmRSS ${fmt(rssMb, 0)} MB after the page run (peak VmHWM ${fmt(peakMb, 0)} MB)${children ? `; child processes: ${children}` : "; no child processes"}`);
  } catch (e) {
    const tail = server.output().split("\n").slice(-30).join("\n");
    if (tail.trim()) log(`  server output (last lines):\n${tail}`);
    throw e;
  } finally {
    await server.stop();
    log(`  server pid ${server.pid} stopped`);
  }
  return { rows, scaleRatio: worstRatio(rows.filter((r) => r.key !== "reply")), serverRssMb: rssMb, serverPeakRssMb: peakMb, build, live };
}
