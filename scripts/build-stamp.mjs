// Whether the production build (.next) is current: a fingerprint of everything
// the build depends on, written beside it after each `next build`. Shared by
// `npm start` (scripts/start.mjs) and `npm run bench` (scripts/bench/pages.ts).
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { ROOT } from "./embedded-pg.mjs";

const SOURCES = ["app", "components", "lib", "public", "prisma/schema.prisma", "proxy.ts", "instrumentation.ts", "next.config.ts", "postcss.config.mjs", "tsconfig.json", "package-lock.json", "types"];

export function fingerprint() {
  const hash = createHash("sha256");
  const walk = (p) => {
    if (!existsSync(p)) return;
    const st = statSync(p);
    if (st.isDirectory()) {
      if (p.endsWith(path.join("lib", "generated"))) return;
      for (const name of readdirSync(p).sort()) walk(path.join(p, name));
    } else {
      hash.update(path.relative(ROOT, p));
      hash.update(readFileSync(p));
    }
  };
  for (const s of SOURCES) walk(path.join(ROOT, s));
  return hash.digest("hex");
}

const stampFile = path.join(ROOT, ".next", "source-fingerprint");

/** True when .next holds a build of the current sources. */
export function buildIsCurrent(fp = fingerprint()) {
  return existsSync(path.join(ROOT, ".next", "BUILD_ID")) && existsSync(stampFile) && readFileSync(stampFile, "utf8") === fp;
}

/** Runs `next build` when .next is missing or stale; returns whether it built (seconds taken). */
export function ensureBuild(env = process.env, log = console.log) {
  const fp = fingerprint();
  if (buildIsCurrent(fp)) return { built: false, seconds: 0 };
  const t0 = Date.now();
  const res = spawnSync(path.join(ROOT, "node_modules", ".bin", "next"), ["build"], { stdio: "inherit", env, cwd: ROOT });
  if (res.status !== 0) throw new Error(`next build failed (${res.status ?? res.signal})`);
  writeFileSync(stampFile, fp);
  const seconds = (Date.now() - t0) / 1000;
  log(`[build] next build (${seconds.toFixed(1)} s)`);
  return { built: true, seconds };
}
