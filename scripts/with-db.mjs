#!/usr/bin/env node
// Runs a command with the project's environment: DATABASE_URL (the private
// cluster when unset), NEXTAUTH_SECRET and DATA_DIR. Prisma CLI commands get a
// preload that unrefs the WASM engine's long timers (else each takes ~11 s).
import { spawn } from "node:child_process";
import path from "node:path";
import { projectEnv, ROOT } from "./embedded-pg.mjs";

const [cmd, ...args] = process.argv.slice(2);
if (!cmd) {
  console.error("usage: with-db <command> [args…]");
  process.exit(2);
}
const env = projectEnv();
if (cmd === "prisma") {
  env.NODE_OPTIONS = `${env.NODE_OPTIONS ?? ""} --require ${path.join(ROOT, "scripts/unref-timers.cjs")}`.trim();
}
const child = spawn(cmd, args, { stdio: "inherit", env, shell: false });
for (const sig of ["SIGINT", "SIGTERM", "SIGHUP"]) process.on(sig, () => child.kill(sig));
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
