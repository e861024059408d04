// Recreates the integration database (migrated with `prisma migrate deploy`)
// once per run, then hands its URL to the test workers (vitest provide/inject
// in setup.ts; process.env for anything spawned from here).
//
// DATABASE_URL set   → same server, database "<name>_test" (kept as is when it
//                      already ends in _test).
// DATABASE_URL unset → the private cluster (scripts/embedded-pg.mjs), helpdesk_test.
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import pg from "pg";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
  }
}

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

interface EmbeddedPg {
  startEmbedded(db?: string): string;
  embeddedUrl(db: string): string;
}
interface EnsureGenerated {
  ensureGenerated(env?: NodeJS.ProcessEnv): void;
}

/** The project's .mjs helpers, loaded by URL (they ship no type declarations). */
async function script<T>(name: string): Promise<T> {
  return (await import(pathToFileURL(path.join(ROOT, "scripts", name)).href)) as T;
}

export function testDatabaseUrl(base: string): string {
  const url = new URL(base);
  const name = decodeURIComponent(url.pathname.slice(1)) || "helpdesk";
  url.pathname = `/${name.endsWith("_test") ? name : `${name}_test`}`;
  return url.toString();
}

const SAFE_NAME = /^[A-Za-z0-9_]+$/;

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/** A digest of prisma/migrations: the migrated template is rebuilt when it changes. */
function migrationsDigest(): string {
  const dir = path.join(ROOT, "prisma/migrations");
  const hash = createHash("sha256");
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile())) {
    const file = path.join(entry.parentPath, entry.name);
    hash.update(path.relative(dir, file)).update("\0").update(readFileSync(file)).update("\0");
  }
  return hash.digest("hex").slice(0, 32);
}

/**
 * Drops and recreates the test database. The schema comes from
 * `prisma migrate deploy`, run once into "<name>_template" and cloned from
 * there (CREATE DATABASE … TEMPLATE takes ~0.1 s; starting the Prisma CLI takes
 * seconds). The template is re-migrated whenever prisma/migrations changes.
 */
async function recreateDatabase(url: string) {
  const name = decodeURIComponent(new URL(url).pathname.slice(1));
  // Never anything but a *_test database, and nothing that needs quoting.
  if (!/_test$/.test(name) || !SAFE_NAME.test(name)) throw new Error(`Refusing to recreate database "${name}"`);
  const template = `${name}_template`;
  const stamp = `prisma/migrations ${migrationsDigest()}`;

  const client = await connectMaintenance(url);
  try {
    const { rows } = await client.query<{ stamp: string | null }>(
      `SELECT shobj_description(oid, 'pg_database') AS stamp FROM pg_database WHERE datname = $1`,
      [template],
    );
    if (rows[0]?.stamp !== stamp) {
      await client.query(`DROP DATABASE IF EXISTS "${template}" WITH (FORCE)`);
      await client.query(`CREATE DATABASE "${template}"`);
      await migrate(withDatabase(url, template));
      await client.query(`COMMENT ON DATABASE "${template}" IS '${stamp}'`);
    }
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await client.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`);
  } finally {
    await client.end();
  }
}

/** The server's maintenance database: "postgres", else "template1". */
async function connectMaintenance(url: string): Promise<pg.Client> {
  let lastError: unknown;
  for (const db of ["postgres", "template1"]) {
    const client = new pg.Client({ connectionString: withDatabase(url, db) });
    try {
      await client.connect();
      return client;
    } catch (e) {
      lastError = e;
      await client.end().catch(() => {});
    }
  }
  throw lastError;
}

function migrate(url: string): Promise<void> {
  const env = {
    ...process.env,
    DATABASE_URL: url,
    CHECKPOINT_DISABLE: "1",
    // The WASM schema engine leaves a 10 s timer behind (STACK.md).
    NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ""} --require ${path.join(ROOT, "scripts/unref-timers.cjs")}`.trim(),
  };
  return new Promise((resolve, reject) => {
    const child = spawn(path.join(ROOT, "node_modules/.bin/prisma"), ["migrate", "deploy"], { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    child.on("error", reject);
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`prisma migrate deploy failed (${code}):\n${output}`))));
  });
}

export default async function setup(project: TestProject) {
  const { ensureGenerated } = await script<EnsureGenerated>("ensure-generated.mjs");
  ensureGenerated();

  let url: string;
  if (process.env.DATABASE_URL) {
    url = testDatabaseUrl(process.env.DATABASE_URL);
  } else {
    const embedded = await script<EmbeddedPg>("embedded-pg.mjs");
    embedded.startEmbedded("postgres");
    url = embedded.embeddedUrl("helpdesk_test");
  }
  await recreateDatabase(url);

  process.env.DATABASE_URL = url;
  project.provide("databaseUrl", url);
}
