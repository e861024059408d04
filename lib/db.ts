import "server-only";
import { createHash } from "node:crypto";
import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { env } from "@/lib/env";

// One pool and one client per process (they survive dev hot reloads), created
// on first use so that importing this module during `next build` needs no
// database. Prisma runs on the same pool that sqlRows() uses, so hand-written
// statements and Prisma queries share connections and limits.
const globalForPrisma = globalThis as unknown as { prisma?: PrismaClient; pgPool?: pg.Pool };

function createPool(): pg.Pool {
  const { DATABASE_URL, DB_POOL_MAX } = env();
  return new pg.Pool({ connectionString: DATABASE_URL, max: DB_POOL_MAX });
}

function createClient(pool: pg.Pool) {
  // Bursts (200 parallel creations, bulk actions) queue for a pooled connection
  // longer than Prisma's 2 s default: wait, rather than fail the user's write.
  return new PrismaClient({ adapter: new PrismaPg(pool), transactionOptions: { maxWait: 15_000, timeout: 30_000 } });
}

/** The process's pool (Prisma's adapter and sqlRows run on it). */
export function getPool(): pg.Pool {
  globalForPrisma.pgPool ??= createPool();
  return globalForPrisma.pgPool;
}

export function getDb(): PrismaClient {
  globalForPrisma.prisma ??= createClient(getPool());
  return globalForPrisma.prisma;
}

export const db: PrismaClient = new Proxy({} as PrismaClient, {
  get(_target, prop) {
    const client = getDb();
    const value = Reflect.get(client, prop, client);
    return typeof value === "function" ? value.bind(client) : value;
  },
});

/**
 * Runs one hand-written statement straight on the pool, for the hot paths
 * where Prisma's per-call work costs more than the query (ticket creation
 * runs ~3× the throughput). Parameters are bound as in $queryRaw; results come
 * back as pg parses them, so select text, numbers and uuids (dates: cast to
 * text or use Prisma). Outside a transaction the statement is its own one.
 */
export async function sqlRows<T extends pg.QueryResultRow>(query: Prisma.Sql, opts: SqlOptions = {}): Promise<T[]> {
  if (globalForPrisma.prisma && !globalForPrisma.pgPool) return globalForPrisma.prisma.$queryRawUnsafe<T[]>(query.text, ...query.values);
  return (await getPool().query<T>(queryConfig(query, opts))).rows;
}

/** The pg query for a statement: text, values and, when prepared, its name. */
export function queryConfig(query: Prisma.Sql, opts: SqlOptions = {}): pg.QueryConfig {
  const name = opts.prepared ? statementName(query.text) : undefined;
  return { text: query.text, values: query.values as unknown[], ...(name ? { name } : {}) };
}

export interface SqlOptions {
  /**
   * Keep the statement prepared on each pooled connection, named after its
   * text: a hot statement is planned once per connection instead of at every
   * call (PostgreSQL still plans for the values while a generic plan would
   * cost more). For statements whose text takes a few shapes at most.
   */
  prepared?: boolean;
}

const statementNames = new Map<string, string>();
const MAX_PREPARED = 200;

/** A statement's name from its text; past MAX_PREPARED texts, none (run unnamed). */
function statementName(text: string): string | undefined {
  let name = statementNames.get(text);
  if (!name && statementNames.size < MAX_PREPARED) {
    name = `h_${createHash("sha1").update(text).digest("hex").slice(0, 24)}`;
    statementNames.set(text, name);
  }
  return name;
}

/**
 * One hand-written read on `client`: inside a transaction through it, outside
 * one (the app's `db`) straight on the pool like sqlRows.
 */
export async function rowsOf<T extends pg.QueryResultRow>(client: Tx | PrismaClient, query: Prisma.Sql, opts: SqlOptions = {}): Promise<T[]> {
  if (client === db || client === globalForPrisma.prisma) return sqlRows<T>(query, opts);
  return (client as Tx).$queryRaw<T[]>(query);
}

export type Db = PrismaClient;
export type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];

/**
 * A timestamp parameter that reads the same through Prisma and plain `pg`
 * (which would send a Date in the server process's local time zone).
 */
export function utc(d: Date | null): Prisma.Sql {
  return Prisma.sql`(${d ? d.toISOString() : null}::timestamptz AT TIME ZONE 'UTC')`;
}
