// A private PostgreSQL cluster under .data/pg, started from the installed
// binaries when DATABASE_URL is not set. Used by every npm script that needs a
// database so that `npm install && npm start` works on a fresh machine.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync, chmodSync, readdirSync } from "node:fs";
import { createHash, randomBytes } from "node:crypto";
import path from "node:path";

export const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
export const DATA_DIR = path.resolve(process.env.DATA_DIR ?? path.join(ROOT, ".data"));
const PG_DIR = path.join(DATA_DIR, "pg");
// A port derived from the data folder, so that two checkouts on one machine
// (a developer's and CI's clone) each get their own cluster.
const portFor = (dir) => 54329 + (parseInt(createHash("sha256").update(dir).digest("hex").slice(0, 8), 16) % 600);
export const PG_PORT = Number(process.env.EMBEDDED_PG_PORT || portFor(DATA_DIR));

function findBinDir() {
  try {
    const dir = execFileSync("pg_config", ["--bindir"], { encoding: "utf8" }).trim();
    if (existsSync(path.join(dir, "initdb"))) return dir;
  } catch {}
  const base = "/usr/lib/postgresql";
  if (existsSync(base)) {
    const versions = readdirSync(base).filter((v) => existsSync(path.join(base, v, "bin", "initdb")));
    versions.sort((a, b) => Number(b) - Number(a));
    if (versions[0]) return path.join(base, versions[0], "bin");
  }
  throw new Error(
    "No PostgreSQL server binaries found. Install PostgreSQL (Debian: apt-get install -y postgresql) or set DATABASE_URL.",
  );
}

const isRoot = typeof process.getuid === "function" && process.getuid() === 0;

// PostgreSQL refuses to run as root: run its binaries as the postgres user.
function pgRun(bin, args, opts = {}) {
  const cmd = path.join(findBinDir(), bin);
  const [file, argv] = isRoot ? ["runuser", ["-u", "postgres", "--", cmd, ...args]] : [cmd, args];
  const res = spawnSync(file, argv, { encoding: "utf8", ...opts });
  if (res.status !== 0 && !opts.allowFail) {
    throw new Error(`${bin} ${args.join(" ")} failed (${res.status}):\n${res.stdout ?? ""}${res.stderr ?? ""}`);
  }
  return res;
}

function ensureTraversable(dir) {
  // The postgres user must reach the data folder through every parent.
  let d = dir;
  while (d !== path.dirname(d)) {
    spawnSync("chmod", ["o+x", d]);
    d = path.dirname(d);
  }
}

function ensureCluster() {
  mkdirSync(DATA_DIR, { recursive: true });
  if (!existsSync(path.join(PG_DIR, "PG_VERSION"))) {
    mkdirSync(PG_DIR, { recursive: true });
    if (isRoot) {
      ensureTraversable(DATA_DIR);
      spawnSync("chown", ["-R", "postgres", PG_DIR]);
    }
    chmodSync(PG_DIR, 0o700);
    pgRun("initdb", ["-D", PG_DIR, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--locale=C.UTF-8"]);
  } else if (isRoot) {
    ensureTraversable(DATA_DIR);
  }
}

function isRunning() {
  const res = pgRun("pg_ctl", ["status", "-D", PG_DIR], { allowFail: true });
  return res.status === 0;
}

/** The port a running cluster listens on (line 4 of postmaster.pid). */
function runningPort() {
  try {
    return Number(readFileSync(path.join(PG_DIR, "postmaster.pid"), "utf8").split("\n")[3]);
  } catch {
    return null;
  }
}

function start() {
  const log = path.join(PG_DIR, "server.log");
  const opts = [
    `-p ${PG_PORT}`,
    "-h 127.0.0.1",
    "-c unix_socket_directories=''",
    "-c max_connections=200",
    "-c shared_buffers=512MB",
    "-c work_mem=16MB",
    "-c maintenance_work_mem=512MB",
    "-c fsync=on",
    "-c synchronous_commit=off",
  ].join(" ");
  pgRun("pg_ctl", ["start", "-w", "-t", "60", "-D", PG_DIR, "-l", log, "-o", opts]);
}

function psql(sql, db = "postgres") {
  return pgRun("psql", ["-h", "127.0.0.1", "-p", String(PG_PORT), "-U", "postgres", "-d", db, "-tAc", sql]).stdout.trim();
}

export function ensureDatabase(name) {
  const exists = psql(`SELECT 1 FROM pg_database WHERE datname = '${name}'`);
  if (exists !== "1") psql(`CREATE DATABASE "${name}"`);
}

export function dropDatabase(name) {
  psql(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
}

export function embeddedUrl(db) {
  return `postgresql://postgres@127.0.0.1:${PG_PORT}/${db}`;
}

/** Starts the private cluster if needed and returns its DATABASE_URL. */
export function startEmbedded(db = "helpdesk") {
  ensureCluster();
  if (isRunning() && runningPort() !== PG_PORT) pgRun("pg_ctl", ["stop", "-D", PG_DIR, "-m", "fast"]);
  if (!isRunning()) start();
  ensureDatabase(db);
  return embeddedUrl(db);
}

export function stopEmbedded() {
  if (existsSync(path.join(PG_DIR, "PG_VERSION")) && isRunning()) {
    pgRun("pg_ctl", ["stop", "-D", PG_DIR, "-m", "fast"], { allowFail: true });
  }
}

/** A NEXTAUTH_SECRET generated once and kept beside the data. */
export function persistentSecret() {
  mkdirSync(DATA_DIR, { recursive: true });
  const file = path.join(DATA_DIR, "nextauth-secret");
  if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString("base64url"), { mode: 0o600 });
  return readFileSync(file, "utf8").trim();
}

/** The environment every command of the project runs with. */
export function projectEnv(extra = {}) {
  const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", CHECKPOINT_DISABLE: "1", EMBEDDED_PG_PORT: String(PG_PORT), ...extra };
  if (!env.DATABASE_URL) env.DATABASE_URL = startEmbedded(env.EMBEDDED_DB_NAME || "helpdesk");
  if (!env.NEXTAUTH_SECRET) env.NEXTAUTH_SECRET = persistentSecret();
  env.DATA_DIR ??= DATA_DIR;
  return env;
}
