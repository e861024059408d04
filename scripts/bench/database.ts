// The benchmark's own database: never the demo one. Whatever DATABASE_URL the
// launcher gives, the bench switches to BENCH_DB (default helpdesk_bench, or
// helpdesk_bench_<tickets> at a scale other than 1,000,000) on the same
// server, creates it when missing and migrates it with `prisma migrate deploy`.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

/** helpdesk_bench at the default scale, helpdesk_bench_<n> at others (so a small trial run keeps the big data). */
export function benchDatabaseName(tickets: number): string {
  const name = process.env.BENCH_DB || (tickets === 1_000_000 ? "helpdesk_bench" : `helpdesk_bench_${tickets}`);
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`BENCH_DB must be a plain lower-case identifier, got ${name}`);
  if (name === "helpdesk") throw new Error("BENCH_DB must not be the demo database (helpdesk)");
  return name;
}

function withDatabase(url: string, db: string): string {
  const u = new URL(url);
  u.pathname = `/${db}`;
  return u.toString();
}

/** DATABASE_URL pointed at the bench database, and the server's maintenance database. */
export function benchUrls(tickets: number): { bench: string; admin: string; name: string } {
  const base = process.env.DATABASE_URL;
  if (!base) throw new Error("DATABASE_URL is not set: run through `npm run bench` (scripts/with-db.mjs)");
  const name = benchDatabaseName(tickets);
  return { bench: withDatabase(base, name), admin: withDatabase(base, "postgres"), name };
}

async function withAdmin<T>(adminUrl: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export async function databaseExists(adminUrl: string, name: string): Promise<boolean> {
  return withAdmin(adminUrl, async (c) => (await c.query("SELECT 1 FROM pg_database WHERE datname = $1", [name])).rowCount === 1);
}

export async function createDatabase(adminUrl: string, name: string): Promise<void> {
  await withAdmin(adminUrl, (c) => c.query(`CREATE DATABASE "${name}"`));
}

export async function dropDatabase(adminUrl: string, name: string): Promise<void> {
  await withAdmin(adminUrl, (c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
}

/** `prisma migrate deploy` on the bench database (the WASM engine's long timers unref'd, STACK.md). */
export function migrateDeploy(url: string): void {
  const res = spawnSync(path.join(ROOT, "node_modules/.bin/prisma"), ["migrate", "deploy"], {
    cwd: ROOT,
    encoding: "utf8",
    env: {
      ...process.env,
      DATABASE_URL: url,
      NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ""} --require ${path.join(ROOT, "scripts/unref-timers.cjs")}`.trim(),
    },
  });
  if (res.status !== 0) throw new Error(`prisma migrate deploy failed (${res.status}):\n${res.stdout}${res.stderr}`);
}
