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
// (a developer's and CI's clone) each get their own cluster. Two folders can
// still map to the same port, and anything else may hold it: then the next
// free one is taken, and the choice is remembered beside the data so that
// every later command (and the running cluster) agrees on it.
const PORT_FILE = path.join(DATA_DIR, "pg-port");
const portFor = (dir) => 54329 + (parseInt(createHash("sha256").update(dir).digest("hex").slice(0, 8), 16) % 600);
export const PG_PORT = Number(process.env.EMBEDDED_PG_PORT || choosePort());

/** Whether nothing listens on 127.0.0.1:port (asked of a short-lived child: module load is synchronous). */
function portIsFree(port) {
  const probe = `require("net").createServer().once("error",()=>process.exit(1)).listen(${port},"127.0.0.1",function(){this.close(()=>process.exit(0))})`;
  return spawnSync(process.execPath, ["-e", probe], { timeout: 5000 }).status === 0;
}

/** The port of this folder's cluster while it runs (postmaster.pid: pid on line 1, port on line 4). */
function ownClusterPort() {
  try {
    const lines = readFileSync(path.join(DATA_DIR, "pg", "postmaster.pid"), "utf8").split("\n");
    try {
      process.kill(Number(lines[0]), 0);
    } catch (e) {
      if (e.code !== "EPERM") return null; // EPERM: alive, another user's (postgres) process
    }
    return Number(lines[3]) || null;
  } catch {
    return null;
  }
}

function choosePort() {
  const running = ownClusterPort();
  if (running) return running;
  const remembered = existsSync(PORT_FILE) ? Number(readFileSync(PORT_FILE, "utf8").trim()) : NaN;
  const first = Number.isInteger(remembered) && remembered > 0 ? remembered : portFor(DATA_DIR);
  for (let i = 0; i < 200; i++) {
    const port = first + i > 65000 ? 54329 + ((first + i) % 600) : first + i;
    if (!portIsFree(port)) continue;
    if (port !== remembered) {
      mkdirSync(DATA_DIR, { recursive: true });
      writeFileSync(PORT_FILE, `${port}\n`);
    }
    return port;
  }
  throw new Error(`No free port for the private PostgreSQL near ${first}; set EMBEDDED_PG_PORT or DATABASE_URL.`);
}

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
