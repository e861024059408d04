// Shared helpers of the integration tier: a clean database per file, the demo
// data (prisma/seed.ts) and actors loaded the way the app loads them.
import { expect } from "vitest";
import { db } from "@/lib/db";
import { loadActor, type Actor } from "@/lib/auth/actor";
import { AppError, type AppErrorCode } from "@/lib/errors";
import type { NumberingScheme, WorkflowKind } from "@/lib/generated/prisma/enums";
import { seedDemo } from "@/prisma/seed";

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

let tables: string[] | undefined;
async function publicTables(): Promise<string[]> {
  tables ??= (
    await db.$queryRaw<{ tablename: string }[]>`
      SELECT tablename::text AS tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> '_prisma_migrations'`
  ).map((t) => t.tablename);
  if (tables.length === 0) throw new Error("No tables: was the test database migrated?");
  return tables;
}

/** Empties every table of the public schema but the migrations ledger. */
export async function resetDatabase(): Promise<void> {
  const names = await publicTables();
  await db.$executeRawUnsafe(`TRUNCATE TABLE ${names.map((t) => `"public".${quote(t)}`).join(", ")} RESTART IDENTITY CASCADE`);
}

// ─── Demo data, seeded once per run ─────────────────────────────────────────
// seedDemo (bcrypt, ~40 transactions) costs ~0.5 s and TRUNCATE of every table
// ~0.1–0.2 s; every file wants the same data. The first loadDemoData() of a
// run truncates, seeds through seedDemo and copies the rows into a side
// schema; later calls empty the tables (DELETE, children first) and copy the
// rows back in one transaction (~30 ms).

const SNAPSHOT = "demo_snapshot";

/** Public tables in an order where every row's foreign keys are inserted before it; null on a cycle. */
async function insertOrder(): Promise<string[] | null> {
  const names = await publicTables();
  const edges = await db.$queryRaw<{ child: string; parent: string }[]>`
    SELECT ch.relname::text AS child, pa.relname::text AS parent
    FROM pg_constraint c
    JOIN pg_class ch ON ch.oid = c.conrelid
    JOIN pg_class pa ON pa.oid = c.confrelid
    JOIN pg_namespace n ON n.oid = ch.relnamespace
    WHERE c.contype = 'f' AND n.nspname = 'public'`;
  const order: string[] = [];
  const state = new Map<string, "visiting" | "done">();
  const visit = (t: string): boolean => {
    if (state.get(t) === "done") return true;
    if (state.get(t) === "visiting") return false;
    state.set(t, "visiting");
    for (const e of edges) if (e.child === t && e.parent !== t && !visit(e.parent)) return false;
    state.set(t, "done");
    order.push(t);
    return true;
  };
  for (const t of names) if (!visit(t)) return null;
  return order;
}

/** Insertable columns (generated columns are recomputed by PostgreSQL). */
async function columnLists(): Promise<Map<string, string>> {
  const rows = await db.$queryRaw<{ table: string; columns: string }[]>`
    SELECT c.relname::text AS table, string_agg(quote_ident(a.attname), ', ' ORDER BY a.attnum) AS columns
    FROM pg_attribute a
    JOIN pg_class c ON c.oid = a.attrelid
    JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = 'public' AND c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
    GROUP BY c.relname`;
  return new Map(rows.map((r) => [r.table, r.columns]));
}

async function snapshotExists(): Promise<boolean> {
  const rows = await db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM pg_namespace WHERE nspname = ${SNAPSHOT}`;
  return rows[0]!.n > 0;
}

async function takeSnapshot(order: string[]) {
  await db.$transaction([
    db.$executeRawUnsafe(`CREATE SCHEMA ${SNAPSHOT}`),
    ...order.map((t) => db.$executeRawUnsafe(`CREATE TABLE ${SNAPSHOT}.${quote(t)} AS TABLE "public".${quote(t)}`)),
  ]);
}

/**
 * Tables kept by triggers from others (TicketCount and TeamTicketCount, from Ticket): not copied,
 * since inserting the tickets counts them again, and recounted once at the end.
 */
const DERIVED = new Set(["TicketCount", "TeamTicketCount"]);

async function restoreSnapshot(all: string[]) {
  const columns = await columnLists();
  const order = all.filter((t) => !DERIVED.has(t));
  await db.$transaction([
    ...[...order].reverse().map((t) => db.$executeRawUnsafe(`DELETE FROM "public".${quote(t)}`)),
    ...order.map((t) => {
      const cols = columns.get(t)!;
      return db.$executeRawUnsafe(`INSERT INTO "public".${quote(t)} (${cols}) OVERRIDING SYSTEM VALUE SELECT ${cols} FROM ${SNAPSHOT}.${quote(t)}`);
    }),
    db.$executeRawUnsafe(`SELECT ticket_count_rebuild()`),
  ]);
}

/** Empties every table and loads the demo data (prisma/seed.ts seedDemo). */
export async function loadDemoData(): Promise<void> {
  const order = await insertOrder();
  if (order && (await snapshotExists())) return restoreSnapshot(order);
  await resetDatabase();
  await seedDemo(db);
  if (order) await takeSnapshot(order);
}

export const DEMO_EMAILS = [
  "admin@acme.test",
  "manager@acme.test",
  "agent@acme.test",
  "tech@acme.test",
  "requester@acme.test",
  "requester2@acme.test",
  "admin@globex.test",
  "agent@globex.test",
  "requester@globex.test",
] as const;
export type DemoEmail = (typeof DEMO_EMAILS)[number];

/** An active user as the app sees them (role permissions and memberships read from the database). */
export async function actorFor(email: string): Promise<Actor> {
  const user = await db.user.findUniqueOrThrow({ where: { email }, select: { id: true } });
  const actor = await loadActor(user.id);
  if (!actor) throw new Error(`${email} is not an active user`);
  return actor;
}

export interface Demo {
  actors: Record<DemoEmail, Actor>;
  acme: { id: string };
  globex: { id: string };
  /** A project by organization and key, shaped for createProject/seedTicket/allocateNumber. */
  project(orgId: string, key: string): Promise<{ id: string; organizationId: string; key: string; numbering: NumberingScheme; workflow: WorkflowKind }>;
}

/** A clean database with the demo data (DESIGN §11) and an actor per demo account. */
export async function seededDemo(): Promise<Demo> {
  await loadDemoData();
  const actors = {} as Record<DemoEmail, Actor>;
  for (const email of DEMO_EMAILS) actors[email] = await actorFor(email);
  const acme = await db.organization.findUniqueOrThrow({ where: { slug: "acme" }, select: { id: true } });
  const globex = await db.organization.findUniqueOrThrow({ where: { slug: "globex" }, select: { id: true } });
  return {
    actors,
    acme,
    globex,
    project: (organizationId, key) =>
      db.project.findUniqueOrThrow({
        where: { organizationId_key: { organizationId, key } },
        select: { id: true, organizationId: true, key: true, numbering: true, workflow: true },
      }),
  };
}

/** Awaits a promise that must reject with an AppError of this code; returns the error. */
export async function expectAppError(promise: Promise<unknown>, code: AppErrorCode): Promise<AppError> {
  let caught: unknown;
  try {
    await promise;
  } catch (e) {
    caught = e;
  }
  expect(caught, `expected an AppError ${code}`).toBeInstanceOf(AppError);
  expect((caught as AppError).code).toBe(code);
  return caught as AppError;
}

/** Row counts of the tables a ticket write touches, to prove a refusal wrote nothing. */
export async function writeFootprint() {
  const [tickets, history, comments, watchers, counters] = await Promise.all([
    db.ticket.count(),
    db.ticketHistory.count(),
    db.comment.count(),
    db.watcher.count(),
    db.numberCounter.findMany({ orderBy: [{ organizationId: "asc" }, { scope: "asc" }] }),
  ]);
  return { tickets, history, comments, watchers, counters };
}

/** The raw token of the newest e-mail to `to` linking to /<path>/<token> (the e-mail is the only place it exists). */
export async function linkTokenFor(to: string, path: "invite" | "reset" | "confirm"): Promise<string> {
  const mail = await db.outboxMessage.findFirstOrThrow({ where: { to }, orderBy: { createdAt: "desc" } });
  const m = new RegExp(`/${path}/([A-Za-z0-9_-]{43})`).exec(mail.text);
  if (!m) throw new Error(`no ${path} link in ${mail.text}`);
  return m[1]!;
}
