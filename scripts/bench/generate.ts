// Set-based generator of the benchmark organization: INSERT … SELECT FROM
// generate_series with deterministic pseudo-randomness (hashint8 of the series
// number and a salt), through `pg`, into a database migrated by
// `prisma migrate deploy`. Every id is a function of its series number, so
// later statements (comments, tags) recompute the ticket they belong to
// instead of joining a million rows.
//
// The app and the data builders create tickets through one statement
// (lib/domain/tickets/insert-ticket.ts); this generator stays bulk SQL for
// speed and writes the same kinds of creation rows: a rank for every ticket,
// the requester as a watcher, one `created` history row (newValue the
// workflow's first state). What it does NOT write, on purpose (the bench times
// reads, and creations through the real statement): the history of the later
// steps (status_change, assigned, comment_added — a closed ticket has only its
// `created` row), change items, and notifications or e-mails.
import pg from "pg";
import { BUILT_IN_ROLES, BUILT_IN_ROLE_NAMES, BUILT_IN_ROLE_PERMISSIONS } from "@/lib/auth/permissions";
import { buildPhrases, PHRASE_COUNT } from "./phrases";
import { fmt, log, nowMs } from "./stats";

/** Bump when the generated data changes shape: reruns then regenerate. */
export const GENERATOR_VERSION = 4;

export const SEARCH_WORD = "zebrafirmware";
export const BENCH_SLUG = "bench";
export const OTHER_SLUG = "bench-other";

export interface Scale {
  tickets: number;
  comments: number;
  agents: number;
  requesters: number;
  /** Non-terminal cards of the board project (ENG). */
  boardCards: number;
  otherTickets: number;
  otherAgents: number;
  otherRequesters: number;
}

export function scaleFor(tickets: number): Scale {
  const otherTickets = Math.max(500, Math.round(tickets / 100));
  return {
    tickets,
    comments: tickets * 3,
    agents: Math.max(10, Math.round((200 * tickets) / 1_000_000)),
    requesters: Math.max(50, Math.round(tickets / 20)),
    boardCards: Math.min(2000, Math.floor(tickets * 0.02)),
    otherTickets,
    otherAgents: 10,
    otherRequesters: Math.max(20, Math.round(otherTickets / 20)),
  };
}

type Workflow = "support" | "change" | "kanban";
interface ProjectDef {
  key: string;
  name: string;
  workflow: Workflow;
  dated: boolean;
  /** Share of the organization's tickets, per mille. */
  share: number;
  board?: boolean;
}

const SUPPORT_KEYS = ["SUP", "HR", "FAC", "NET", "SEC", "APP", "ERP", "CRM", "WEB", "MAIL", "PRN", "VPN", "DB", "IAM"];
function benchProjects(): ProjectDef[] {
  const kanbanAndChange: ProjectDef[] = [
    { key: "ENG", name: "Engineering", workflow: "kanban", dated: false, share: 40, board: true },
    { key: "OPS", name: "Operations", workflow: "kanban", dated: false, share: 20 },
    { key: "DATA", name: "Data platform", workflow: "kanban", dated: false, share: 20 },
    { key: "CHG", name: "Server changes", workflow: "change", dated: true, share: 30 },
    { key: "DEPLOY", name: "Deployments", workflow: "change", dated: true, share: 30 },
    { key: "INFRA", name: "Infrastructure changes", workflow: "change", dated: true, share: 30 },
  ];
  const rest = 1000 - kanbanAndChange.reduce((s, p) => s + p.share, 0);
  const support = SUPPORT_KEYS.map((key, i): ProjectDef => ({
    key,
    name: `${key} support`,
    workflow: "support",
    dated: false,
    share: Math.floor(rest / SUPPORT_KEYS.length) + (i < rest % SUPPORT_KEYS.length ? 1 : 0),
  }));
  return [...kanbanAndChange, ...support];
}
const OTHER_PROJECTS: ProjectDef[] = [
  { key: "SUP", name: "Other support", workflow: "support", dated: false, share: 800 },
  { key: "ENG", name: "Other engineering", workflow: "kanban", dated: false, share: 200 },
];

const COLUMNS = [
  { name: "To do", category: "todo", color: "#64748b" },
  { name: "In progress", category: "in_progress", color: "#f59e0b" },
  { name: "Review", category: "review", color: "#8b5cf6" },
  { name: "Done", category: "done", color: "#10b981" },
];
const TAGS = ["vpn", "email", "printer", "laptop", "password", "network", "database", "backup", "security", "access", "hardware", "software", "outage", "billing", "onboarding", "offboarding", "wifi", "storage", "monitoring", "deploy", "frontend", "backend", "mobile", "performance", "bug", "feature", "urgent", "vip", "audit", "compliance"];

// ─── SQL macros (inlined text: SQL functions would not be inlined and cost µs per row) ──

/** A deterministic 31-bit hash of a series number and a salt. */
const H = (e: string, salt: number) => `(hashint8((${e})::bigint * 1009 + ${salt})::bigint & 2147483647)`;
/** A uuid v7 (like Prisma's) from a timestamp, with the series number in its last 48 bits: unique per discriminator. */
const UUID7 = (ts: string, disc: number, i: string) =>
  `(lpad(to_hex((extract(epoch from ${ts}) * 1000)::bigint), 12, '0') || '7' || lpad(to_hex(${H(i, 900 + disc)} & 4095), 3, '0') || '8' || lpad(to_hex(${H(i, 950 + disc)} & 4095), 3, '0') || lpad(to_hex((${disc}::bigint << 40) + (${i})::bigint), 12, '0'))::uuid`;
const ID = (text: string) => `md5(${text})::uuid`;
const AGENT = (org: number, k: string) => ID(`'bench:${org}:agent:' || (${k})`);
const REQUESTER = (org: number, k: string) => ID(`'bench:${org}:requester:' || (${k})`);
const ORG = (org: number) => ID(`'bench:org:${org}'`);
const ROLE = (org: number, role: string) => ID(`'bench:${org}:role:${role}'`);
const SECS = (e: string) => `((${e})::double precision * interval '1 second')`;
const B62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const B62_DIGIT = (x: string, k: number) => `substr('${B62}', 1 + ((${x}) / ${62 ** k})::int % 62, 1)`;

interface OrgPlan {
  org: number;
  name: string;
  slug: string;
  tickets: number;
  comments: number;
  agents: number;
  requesters: number;
  boardCards: number;
  projects: ProjectDef[];
  /** One ticket in `titleWordMod` carries the search word in its title, one comment in `commentWordMod` in its body. */
  titleWordMod: number;
  commentWordMod: number;
  ticketDisc: number;
  commentDisc: number;
}

export interface GenerateResult {
  seconds: number;
  steps: { step: string; seconds: number }[];
}

/** Generates both organizations into an empty, migrated database. */
export async function generate(url: string, scale: Scale): Promise<GenerateResult> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const steps: { step: string; seconds: number }[] = [];
  const t0 = nowMs();
  const step: Step = async (name, sql) => {
    const s = nowMs();
    if (typeof sql === "function") await sql();
    else for (const q of Array.isArray(sql) ? sql : [sql]) await client.query(q);
    const seconds = (nowMs() - s) / 1000;
    steps.push({ step: name, seconds });
    log(`  ${name.padEnd(44)} ${fmt(seconds, 1).padStart(7)} s`);
  };

  try {
    // Bulk load: no FK triggers (the data is consistent by construction), big sort memory.
    await client.query(`SET session_replication_role = replica`);
    await client.query(`SET work_mem = '256MB'`);
    await client.query(`SET maintenance_work_mem = '1GB'`);
    await client.query(`SET synchronous_commit = off`);

    const nowRow = await client.query<{ now: string; t0: string }>(
      `SELECT to_char(date_trunc('second', now() AT TIME ZONE 'UTC'), 'YYYY-MM-DD HH24:MI:SS') AS now,
              to_char(date_trunc('second', now() AT TIME ZONE 'UTC') - interval '730 days', 'YYYY-MM-DD HH24:MI:SS') AS t0`,
    );
    const NOW = `timestamp '${nowRow.rows[0].now}'`;
    const T0 = `timestamp '${nowRow.rows[0].t0}'`;
    const SPAN = 730 * 86400 - 7200; // the newest ticket (plus jitter) stays in the past

    const plans: OrgPlan[] = [
      {
        org: 0, name: "Bench", slug: BENCH_SLUG, tickets: scale.tickets, comments: scale.comments, agents: scale.agents,
        requesters: scale.requesters, boardCards: scale.boardCards, projects: benchProjects(), titleWordMod: 2000, commentWordMod: 6000,
        ticketDisc: 1, commentDisc: 3,
      },
      {
        // A second, small organization with the same project keys and a denser search word: scope must matter.
        org: 1, name: "Bench Other", slug: OTHER_SLUG, tickets: scale.otherTickets, comments: scale.otherTickets * 3,
        agents: scale.otherAgents, requesters: scale.otherRequesters, boardCards: 0, projects: OTHER_PROJECTS, titleWordMod: 100,
        commentWordMod: 300, ticketDisc: 2, commentDisc: 4,
      },
    ];

    // ── Helper tables (bench_*; the app never reads them) ──
    await step("helper tables", [
      `CREATE TABLE bench_phrase (k int PRIMARY KEY, s text NOT NULL)`,
      `CREATE TABLE bench_project (org int, idx int, id uuid, key text, name text, workflow text, dated boolean, is_board boolean, PRIMARY KEY (org, idx))`,
      `CREATE TABLE bench_pmap (org int, pm int, idx int, PRIMARY KEY (org, pm))`,
      `CREATE TABLE bench_column (org int, pidx int, category text, id uuid, name text, color text, position int)`,
      `CREATE TABLE bench_agent (org int, k int, n int, id uuid PRIMARY KEY)`,
    ]);
    const phrases = buildPhrases();
    await client.query(`INSERT INTO bench_phrase SELECT * FROM unnest($1::int[], $2::text[])`, [phrases.map((_, i) => i), phrases]);
    for (const p of plans) {
      const rows = p.projects.map((d, idx) => ({ ...d, idx }));
      await client.query(
        `INSERT INTO bench_project SELECT $1::int, idx, md5('bench:' || $1::int || ':project:' || key)::uuid, key, name, workflow, dated, board
           FROM unnest($2::int[], $3::text[], $4::text[], $5::text[], $6::boolean[], $7::boolean[]) AS x(idx, key, name, workflow, dated, board)`,
        [p.org, rows.map((r) => r.idx), rows.map((r) => r.key), rows.map((r) => r.name), rows.map((r) => r.workflow), rows.map((r) => r.dated), rows.map((r) => !!r.board)],
      );
      const pm: number[] = [];
      rows.forEach((r) => {
        for (let i = 0; i < r.share; i++) pm.push(r.idx);
      });
      if (pm.length !== 1000) throw new Error(`project shares of org ${p.org} sum to ${pm.length}, not 1000`);
      await client.query(`INSERT INTO bench_pmap SELECT $1::int, pm - 1, idx FROM unnest($2::int[]) WITH ORDINALITY AS x(idx, pm)`, [p.org, pm]);
      await client.query(
        `INSERT INTO bench_column
           SELECT p.org, p.idx, c.category, md5('bench:' || p.org || ':column:' || p.key || ':' || c.category)::uuid, c.name, c.color, c.position - 1
             FROM bench_project p, unnest($2::text[], $3::text[], $4::text[]) WITH ORDINALITY AS c(name, category, color, position)
            WHERE p.org = $1::int AND p.workflow = 'kanban'`,
        [p.org, COLUMNS.map((c) => c.name), COLUMNS.map((c) => c.category), COLUMNS.map((c) => c.color)],
      );
      await client.query(`INSERT INTO bench_agent SELECT $1::int, k, $2::int, ${AGENT(p.org, "k")} FROM generate_series(0, $2::int - 1) k`, [p.org, p.agents]);
    }

    // ── Organizations, roles, people, projects ──
    for (const p of plans) {
      await step(`org ${p.slug}: organization, roles, users, projects`, [
        `INSERT INTO "Organization" ("id", "name", "slug", "createdAt", "updatedAt") VALUES (${ORG(p.org)}, '${p.name}', '${p.slug}', ${T0}, ${T0})`,
        ...BUILT_IN_ROLES.map(
          (r) =>
            `INSERT INTO "Role" ("id", "organizationId", "builtIn", "name", "permissions", "createdAt", "updatedAt")
             VALUES (${ROLE(p.org, r)}, ${ORG(p.org)}, '${r}', '${BUILT_IN_ROLE_NAMES[r]}', ARRAY[${BUILT_IN_ROLE_PERMISSIONS[r].map((x) => `'${x}'`).join(", ")}]::text[], ${T0}, ${T0})`,
        ),
        `INSERT INTO "User" ("id", "organizationId", "email", "name", "roleId", "createdAt", "updatedAt")
         SELECT ${AGENT(p.org, "k")}, ${ORG(p.org)}, 'agent' || k || '@${p.slug}.bench.test', 'Agent ' || k, ${ROLE(p.org, "agent")}, ${T0}, ${T0}
           FROM generate_series(0, ${p.agents - 1}) k`,
        `INSERT INTO "User" ("id", "organizationId", "email", "name", "roleId", "createdAt", "updatedAt")
         SELECT ${REQUESTER(p.org, "k")}, ${ORG(p.org)}, 'requester' || k || '@${p.slug}.bench.test', 'Requester ' || k, ${ROLE(p.org, "requester")}, ${T0}, ${T0}
           FROM generate_series(0, ${p.requesters - 1}) k`,
        `INSERT INTO "User" ("id", "organizationId", "email", "name", "roleId", "createdAt", "updatedAt")
         SELECT ${ID(`'bench:${p.org}:' || r`)}, ${ORG(p.org)}, r || '@${p.slug}.bench.test', initcap(r), ${ID(`'bench:${p.org}:role:' || r`)}, ${T0}, ${T0}
           FROM unnest(ARRAY['manager', 'admin']) r`,
        `INSERT INTO "Project" ("id", "organizationId", "key", "name", "leadId", "workflow", "numbering", "createdAt", "updatedAt")
         SELECT id, ${ORG(p.org)}, key, name, ${AGENT(p.org, "0")}, workflow::"WorkflowKind",
                (CASE WHEN dated THEN 'dated' ELSE 'key_sequence' END)::"NumberingScheme", ${T0}, ${T0}
           FROM bench_project WHERE org = ${p.org}`,
        `INSERT INTO "KanbanColumn" ("id", "organizationId", "projectId", "name", "color", "category", "position", "createdAt", "updatedAt")
         SELECT c.id, ${ORG(p.org)}, p.id, c.name, c.color, c.category::"ColumnCategory", c.position, ${T0}, ${T0}
           FROM bench_column c JOIN bench_project p ON p.org = c.org AND p.idx = c.pidx WHERE c.org = ${p.org}`,
        // Every agent, the manager and the admin are members of every project; requesters of the
        // first support and the first change project (where the portal files their requests).
        // Three agents per project triage it: each new ticket notifies them (in-app and e-mail).
        `INSERT INTO "ProjectMember" ("projectId", "userId", "organizationId", "triage", "createdAt")
         SELECT p.id, u.id, ${ORG(p.org)}, u.k IS NOT NULL AND (u.k - p.idx * 3 + u.n * 10) % u.n < 3, ${T0}
           FROM bench_project p
           CROSS JOIN (SELECT id, k, n FROM bench_agent WHERE org = ${p.org}
                       UNION ALL SELECT ${ID(`'bench:${p.org}:manager'`)}, NULL, NULL UNION ALL SELECT ${ID(`'bench:${p.org}:admin'`)}, NULL, NULL) u
          WHERE p.org = ${p.org}`,
        `INSERT INTO "ProjectMember" ("projectId", "userId", "organizationId", "triage", "createdAt")
         SELECT p.id, ${REQUESTER(p.org, "k")}, ${ORG(p.org)}, false, ${T0}
           FROM (SELECT DISTINCT ON (workflow) id, workflow FROM bench_project
                  WHERE org = ${p.org} AND workflow IN ('support', 'change') ORDER BY workflow, idx) p
          CROSS JOIN generate_series(0, ${p.requesters - 1}) k`,
        `INSERT INTO "Tag" ("id", "organizationId", "name", "color", "createdAt")
         SELECT ${ID(`'bench:${p.org}:tag:' || (k - 1)`)}, ${ORG(p.org)}, name, '#64748b', ${T0}
           FROM unnest(ARRAY[${TAGS.map((t) => `'${t}'`).join(", ")}]) WITH ORDINALITY AS x(name, k)`,
      ]);
    }

    // Big tables load faster without their secondary indexes: keep their definitions, drop, load, rebuild.
    const bigTables = ["Ticket", "Comment", "TicketAssignee", "TicketTag", "TicketHistory", "Watcher"];
    const indexes = (
      await client.query<{ name: string; def: string; table: string; gin: boolean }>(
        `SELECT i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS def, c.relname AS table,
                am.amname = 'gin' AS gin
           FROM pg_index i
           JOIN pg_class c ON c.oid = i.indrelid
           JOIN pg_class ic ON ic.oid = i.indexrelid
           JOIN pg_am am ON am.oid = ic.relam
          WHERE c.relnamespace = 'public'::regnamespace AND c.relname = ANY($1)
            AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)`,
        [bigTables],
      )
    ).rows;
    await step(`drop ${indexes.length} secondary indexes for the load`, indexes.map((i) => `DROP INDEX ${i.name}`));

    for (const p of plans) await generateOrg(p, step, { NOW, T0, SPAN });

    await step("number counters", [
      `INSERT INTO "NumberCounter" ("organizationId", "scope", "value")
       SELECT t."organizationId",
              CASE WHEN p."numbering" = 'dated' THEN 'dated:' || to_char(t."createdAt", 'YYYYMMDD') ELSE 'project:' || p."id" END,
              max(t."seq")
         FROM "Ticket" t JOIN "Project" p ON p."id" = t."projectId"
        GROUP BY 1, 2`,
    ]);

    // The load ran with triggers off (session_replication_role): count the desk boxes' TicketCount once.
    await step("desk box counts", `SELECT ticket_count_rebuild()`);

    await rebuildIndexes(url, indexes, step);
    await client.query(`RESET session_replication_role`);
    await step("VACUUM ANALYZE", `VACUUM (ANALYZE)`);
    const seconds = (nowMs() - t0) / 1000;
    return { seconds, steps };
  } finally {
    await client.end();
  }
}

type Step = (name: string, sql: string | string[] | (() => Promise<void>)) => Promise<void>;

async function generateOrg(p: OrgPlan, step: Step, c: { NOW: string; T0: string; SPAN: number }) {
  const { NOW, T0, SPAN } = c;
  const N = p.tickets;
  const created = (i: string) => `(${T0} + ${SECS(`(((${i}) - 1)::bigint * ${SPAN} / ${N}) + ${H(i, 9)} % 3600`)})`;
  const ticketId = (i: string, ts: string) => UUID7(ts, p.ticketDisc, i);
  const org = ORG(p.org);
  // Newer tickets are more often still being worked: 50% live in the newest tenth, ~5.6% before: ~10% overall.
  const liveRandom = `(${H("w.i", 3)} % 1000 < CASE WHEN w.i > ${Math.floor(N * 0.9)} THEN 500 ELSE 56 END)`;
  // The board project: exactly boardCards live cards, its newest ones.
  const live = `CASE WHEN w.is_board THEN (w.scope_n - w.seq) < ${p.boardCards} ELSE ${liveRandom} END`;
  const x = `(${H("w.i", 4)} % 100)`;
  const status = `CASE w.workflow
      WHEN 'support' THEN CASE WHEN NOT w.live THEN 'closed'
           WHEN w.xs < 25 THEN 'open' WHEN w.xs < 45 THEN 'answered' WHEN w.xs < 70 THEN 'in_progress'
           WHEN w.xs < 80 THEN 'on_hold' WHEN w.xs < 90 THEN 'waiting_for_response' ELSE 'resolved' END
      WHEN 'change' THEN CASE WHEN NOT w.live THEN (CASE WHEN w.xs < 80 THEN 'completed' ELSE 'cancelled' END)
           WHEN w.xs < 15 THEN 'draft' WHEN w.xs < 45 THEN 'pending' WHEN w.xs < 60 THEN 'approved'
           WHEN w.xs < 70 THEN 'rejected' WHEN w.xs < 90 THEN 'in_progress' ELSE 'deployed' END
      ELSE CASE WHEN NOT w.live THEN 'done' WHEN w.xs < 45 THEN 'todo' WHEN w.xs < 80 THEN 'in_progress' ELSE 'review' END
    END`;
  const xp = `(${H("w.i", 5)} % 100)`;
  const priority = `CASE WHEN ${xp} < 20 THEN 'low' WHEN ${xp} < 80 THEN 'normal' WHEN ${xp} < 95 THEN 'high' ELSE 'critical' END`;
  const xt = `(${H("w.i", 10)} % 100)`;
  const type = `CASE w.workflow
      WHEN 'support' THEN CASE WHEN ${xt} < 55 THEN 'request' WHEN ${xt} < 85 THEN 'incident' WHEN ${xt} < 90 THEN 'problem' ELSE 'question' END
      WHEN 'change' THEN 'change'
      ELSE CASE WHEN ${xt} < 50 THEN 'task' WHEN ${xt} < 75 THEN 'bug' WHEN ${xt} < 95 THEN 'story' ELSE 'epic' END
    END`;
  const rankX = `((w.i::bigint * 7919) % ${62 ** 4})`;
  const rank = `'d' || ${B62_DIGIT(rankX, 3)} || ${B62_DIGIT(rankX, 2)} || ${B62_DIGIT(rankX, 1)} || ${B62_DIGIT(rankX, 0)}`;

  await step(`org ${p.slug}: ${N.toLocaleString("en")} tickets`, `
    INSERT INTO "Ticket" ("id", "organizationId", "projectId", "number", "seq", "type", "title", "description", "status", "priority",
                          "requesterId", "assigneeId", "columnId", "rank", "urgency", "importance", "dueDate",
                          "submittedAt", "approvedAt", "deployedAt", "completedAt", "cancelledAt", "firstResponseAt", "resolvedAt",
                          "closedAt", "slaStartedAt", "viewCount", "version", "createdAt", "updatedAt", "deletedAt", "deletedById")
    SELECT ${ticketId("w.i", "w.created")}, ${org}, w.project_id,
           CASE WHEN w.dated
                THEN 'TKT-' || to_char(w.created, 'YYYYMMDD') || '-' || CASE WHEN w.seq < 10000 THEN lpad(w.seq::text, 4, '0') ELSE w.seq::text END
                ELSE w.key || '-' || w.seq END,
           w.seq, w.type::"TicketType",
           CASE WHEN ${H("w.i", 40)} % ${p.titleWordMod} = 0 THEN '${SEARCH_WORD} ' ELSE '' END || p1.s,
           p2.s || '. ' || p3.s || '. ' || p4.s || '.',
           w.status::"TicketStatus", w.priority::"Priority",
           CASE WHEN w.workflow = 'kanban' THEN ${AGENT(p.org, `${H("w.i", 8)} % ${p.agents}`)} ELSE ${REQUESTER(p.org, `${H("w.i", 8)} % ${p.requesters}`)} END,
           CASE WHEN w.status = 'draft' OR ${H("w.i", 6)} % 100 >= 60 THEN NULL ELSE ${AGENT(p.org, `${H("w.i", 7)} % ${p.agents}`)} END,
           col.id, w.rank,
           CASE WHEN w.workflow = 'kanban' THEN (ARRAY['low', 'normal', 'normal', 'high'])[1 + ${H("w.i", 15)} % 4]::"Urgency" END,
           CASE WHEN w.workflow = 'kanban' THEN (ARRAY['low', 'normal', 'normal', 'high', 'critical'])[1 + ${H("w.i", 16)} % 5]::"Importance" END,
           CASE WHEN w.workflow = 'kanban' AND ${H("w.i", 17)} % 10 < 3 THEN w.created + interval '14 days' END,
           CASE WHEN w.workflow = 'change' AND w.status <> 'draft' THEN w.created + interval '1 hour' END,
           CASE WHEN w.status IN ('approved', 'in_progress', 'deployed', 'completed') AND w.workflow = 'change' THEN LEAST(w.created + interval '1 day', w.updated) END,
           CASE WHEN w.status IN ('deployed', 'completed') THEN w.updated END,
           CASE WHEN w.status = 'completed' THEN w.updated END,
           CASE WHEN w.status = 'cancelled' THEN w.updated END,
           CASE WHEN w.workflow = 'support' AND w.status <> 'open' THEN LEAST(w.created + ${SECS(`${H("w.i", 18)} % 28800`)}, w.updated) END,
           CASE WHEN w.status IN ('resolved', 'closed', 'done') THEN w.updated END,
           CASE WHEN w.status = 'closed' THEN w.updated END,
           CASE WHEN w.workflow = 'support' THEN w.created END,
           ${H("w.i", 19)} % 50, 1 + ${H("w.i", 20)} % 6,
           w.created, w.updated,
           CASE WHEN ${H("w.i", 13)} % 1000 < 2 THEN w.updated END,
           CASE WHEN ${H("w.i", 13)} % 1000 < 2 THEN ${ID(`'bench:${p.org}:admin'`)} END
      FROM (
        SELECT w.*, ${status} AS status, ${priority} AS priority, ${type} AS type, ${rank} AS rank,
               LEAST(w.created + ${SECS(`${H("w.i", 12)} % 2592000`)}, ${NOW}) AS updated
          FROM (
            SELECT w.*, ${live} AS live, ${x} AS xs
              FROM (
                SELECT b.*, row_number() OVER (PARTITION BY b.scope ORDER BY b.i) AS seq, count(*) OVER (PARTITION BY b.scope) AS scope_n
                  FROM (
                    SELECT g.i, g.created, pr.idx AS pidx, pr.id AS project_id, pr.key, pr.workflow, pr.dated, pr.is_board,
                           CASE WHEN pr.dated THEN 'dated:' || to_char(g.created, 'YYYYMMDD') ELSE 'project:' || pr.idx END AS scope
                      FROM (SELECT i, ${created("i")} AS created FROM generate_series(1, ${N}) i OFFSET 0) g
                      JOIN bench_pmap m ON m.org = ${p.org} AND m.pm = ${H("g.i", 2)} % 1000
                      JOIN bench_project pr ON pr.org = ${p.org} AND pr.idx = m.idx
                  ) b
              ) w
            OFFSET 0
          ) w
        OFFSET 0
      ) w
      LEFT JOIN bench_column col ON col.org = ${p.org} AND col.pidx = w.pidx AND col.category = w.status
      JOIN bench_phrase p1 ON p1.k = ${H("w.i", 21)} % ${PHRASE_COUNT}
      JOIN bench_phrase p2 ON p2.k = ${H("w.i", 22)} % ${PHRASE_COUNT}
      JOIN bench_phrase p3 ON p3.k = ${H("w.i", 23)} % ${PHRASE_COUNT}
      JOIN bench_phrase p4 ON p4.k = ${H("w.i", 24)} % ${PHRASE_COUNT}`);

  // Comments: each picks a ticket by hash (≈ Poisson(3) per ticket), recomputing its id and creation time.
  const C = p.comments;
  await step(`org ${p.slug}: ${C.toLocaleString("en")} comments (~10% internal)`, `
    INSERT INTO "Comment" ("id", "organizationId", "ticketId", "authorId", "type", "body", "isSolution", "createdAt", "updatedAt")
    SELECT ${UUID7("y.ct", p.commentDisc, "y.j")}, ${org}, ${ticketId("y.t", "y.tc")},
           CASE WHEN y.internal OR ${H("y.j", 33)} % 2 = 0 THEN ${AGENT(p.org, `${H("y.j", 34)} % ${p.agents}`)}
                ELSE ${REQUESTER(p.org, `${H("y.t", 8)} % ${p.requesters}`)} END,
           (CASE WHEN y.internal THEN 'internal_note' ELSE 'comment' END)::"CommentType",
           p1.s || '. ' || p2.s || CASE WHEN ${H("y.j", 35)} % 2 = 0 THEN '. ' || p3.s ELSE '' END
             || CASE WHEN ${H("y.j", 36)} % ${p.commentWordMod} = 0 THEN ' ${SEARCH_WORD}' ELSE '' END || '.',
           false, y.ct, y.ct
      FROM (
        SELECT y.*, LEAST(y.tc + ${SECS(`${H("y.j", 31)} % 1209600`)}, ${NOW}) AS ct, ${H("y.j", 32)} % 10 = 0 AS internal
          FROM (
            SELECT z.j, z.t, ${created("z.t")} AS tc
              FROM (SELECT j, 1 + ${H("j", 30)} % ${N} AS t FROM generate_series(1, ${C}) j OFFSET 0) z
            OFFSET 0
          ) y
        OFFSET 0
      ) y
      JOIN bench_phrase p1 ON p1.k = ${H("y.j", 37)} % ${PHRASE_COUNT}
      JOIN bench_phrase p2 ON p2.k = ${H("y.j", 38)} % ${PHRASE_COUNT}
      JOIN bench_phrase p3 ON p3.k = ${H("y.j", 39)} % ${PHRASE_COUNT}`);

  await step(`org ${p.slug}: assignees, tags, watchers, history`, [
    // The primary assignee (denormalised in Ticket.assigneeId) and, for one in ten, a second one.
    `INSERT INTO "TicketAssignee" ("ticketId", "userId", "organizationId", "isPrimary", "assignedAt")
     SELECT t."id", t."assigneeId", t."organizationId", true, t."createdAt" + interval '10 minutes'
       FROM "Ticket" t WHERE t."organizationId" = ${org} AND t."assigneeId" IS NOT NULL`,
    `INSERT INTO "TicketAssignee" ("ticketId", "userId", "organizationId", "isPrimary", "assignedAt")
     SELECT t."id", a2.id, t."organizationId", false, t."createdAt" + interval '20 minutes'
       FROM "Ticket" t
       JOIN bench_agent a ON a.id = t."assigneeId"
       JOIN bench_agent a2 ON a2.org = a.org AND a2.k = (a.k + 1 + (hashtext(t."id"::text) & 2147483647) % (a.n - 1)) % a.n
      WHERE t."organizationId" = ${org} AND (hashtext(t."id"::text) & 2147483647) % 100 < 10`,
    // A quarter of the tickets carry a tag, 8% two.
    `INSERT INTO "TicketTag" ("ticketId", "tagId", "organizationId", "createdAt")
     SELECT ${ticketId("g.i", "g.created")}, ${ID(`'bench:${p.org}:tag:' || g.tag`)}, ${org}, g.created
       FROM (SELECT i, ${created("i")} AS created, ${H("i", 51)} % ${TAGS.length} AS tag FROM generate_series(1, ${N}) i
              WHERE ${H("i", 50)} % 100 < 25 OFFSET 0) g
     UNION ALL
     SELECT ${ticketId("g.i", "g.created")}, ${ID(`'bench:${p.org}:tag:' || g.tag`)}, ${org}, g.created
       FROM (SELECT i, ${created("i")} AS created, (${H("i", 51)} % ${TAGS.length} + 1 + ${H("i", 52)} % ${TAGS.length - 1}) % ${TAGS.length} AS tag
               FROM generate_series(1, ${N}) i WHERE ${H("i", 50)} % 100 < 8 OFFSET 0) g`,
    `INSERT INTO "Watcher" ("ticketId", "userId", "organizationId", "createdAt")
     SELECT t."id", t."requesterId", t."organizationId", t."createdAt" FROM "Ticket" t WHERE t."organizationId" = ${org}`,
    `INSERT INTO "TicketHistory" ("id", "organizationId", "ticketId", "actorId", "action", "newValue", "internal", "createdAt")
     SELECT md5(t."id"::text || ':created')::uuid, t."organizationId", t."id", t."requesterId", 'created',
            CASE p.workflow WHEN 'support' THEN 'open' WHEN 'change' THEN 'draft' ELSE 'todo' END, false, t."createdAt"
       FROM "Ticket" t JOIN bench_project p ON p.org = ${p.org} AND p.id = t."projectId"
      WHERE t."organizationId" = ${org}`,
  ]);
}

/** Rebuilds the dropped indexes on two connections (one per core), biggest first. */
async function rebuildIndexes(url: string, indexes: { name: string; def: string; table: string; gin: boolean }[], step: Step) {
  const weight = (i: { table: string; gin: boolean }) => (i.table === "Comment" ? 3 : 1) * (i.gin ? 10 : 1);
  const queue = [...indexes].sort((a, b) => weight(b) - weight(a));
  await step(`rebuild ${indexes.length} indexes (2 connections)`, async () => {
    await Promise.all(
      [0, 1].map(async () => {
        const c = new pg.Client({ connectionString: url });
        await c.connect();
        try {
          await c.query(`SET maintenance_work_mem = '1GB'`);
          for (let next = queue.shift(); next; next = queue.shift()) {
            const t = nowMs();
            await c.query(next.def);
            log(`    ${next.name.padEnd(42)} ${fmt((nowMs() - t) / 1000, 1).padStart(7)} s`);
          }
        } finally {
          await c.end();
        }
      }),
    );
  });
}
