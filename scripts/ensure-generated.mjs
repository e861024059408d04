// Generates the Prisma client (git-ignored) when it is missing or the schema changed.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { ROOT } from "./embedded-pg.mjs";

export function ensureGenerated(env = process.env) {
  const schemaHash = createHash("sha256").update(readFileSync(path.join(ROOT, "prisma/schema.prisma"))).digest("hex");
  const stamp = path.join(ROOT, "lib/generated/.schema-hash");
  if (existsSync(stamp) && readFileSync(stamp, "utf8") === schemaHash) return;
  const res = spawnSync(path.join(ROOT, "node_modules/.bin/prisma"), ["generate"], {
    stdio: "inherit",
    cwd: ROOT,
    env: { ...env, NODE_OPTIONS: `${env.NODE_OPTIONS ?? ""} --require ${path.join(ROOT, "scripts/unref-timers.cjs")}`.trim() },
  });
  if (res.status !== 0) throw new Error("prisma generate failed");
  writeFileSync(stamp, schemaHash);
}
