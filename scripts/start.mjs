#!/usr/bin/env node
// `npm start`: database (the private cluster when DATABASE_URL is unset),
// migrations, demo data on an empty embedded database, a build when the
// sources changed since the last one, then the production server
// (scripts/server.mjs: Next behind a Node HTTP server) on PORT (default 3000).
import { spawn, spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { projectEnv, ROOT } from "./embedded-pg.mjs";
import { ensureGenerated } from "./ensure-generated.mjs";
import { buildIsCurrent, fingerprint } from "./build-stamp.mjs";

const usesEmbedded = !process.env.DATABASE_URL;
const env = projectEnv();
const bin = (name) => path.join(ROOT, "node_modules", ".bin", name);
const prismaEnv = { ...env, NODE_OPTIONS: `${env.NODE_OPTIONS ?? ""} --require ${path.join(ROOT, "scripts/unref-timers.cjs")}`.trim() };

function run(label, cmd, args, runEnv = env) {
  const t0 = Date.now();
  const res = spawnSync(cmd, args, { stdio: "inherit", env: runEnv, cwd: ROOT });
  if (res.status !== 0) {
    console.error(`[start] ${label} failed`);
    process.exit(res.status ?? 1);
  }
  console.log(`[start] ${label} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
}

ensureGenerated(prismaEnv);

run("migrate deploy", bin("prisma"), ["migrate", "deploy"], prismaEnv);
if (usesEmbedded || process.env.SEED_DEMO === "1") run("demo data", bin("tsx"), ["--conditions=react-server", "prisma/seed.ts"]);

// A build when the sources changed since the last one (scripts/build-stamp.mjs).
const fp = fingerprint();
if (!buildIsCurrent(fp)) {
  run("next build", bin("next"), ["build"]);
  writeFileSync(path.join(ROOT, ".next", "source-fingerprint"), fp);
}

const port = process.env.PORT ?? "3000";
const host = process.env.HOSTNAME ?? "0.0.0.0";
env.NEXTAUTH_URL ??= `http://localhost:${port}`;
console.log(`[start] serving on http://localhost:${port}`);
// Same process group, signals forwarded: test runners can stop us cleanly.
const child = spawn(process.execPath, [path.join(ROOT, "scripts/server.mjs")], { stdio: "inherit", env: { ...env, PORT: port, HOSTNAME: host, NODE_ENV: "production" }, cwd: ROOT });
for (const sig of ["SIGINT", "SIGTERM", "SIGHUP"]) process.on(sig, () => child.kill(sig));
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
