#!/usr/bin/env node
// `npm test`: lint (ESLint), unit, integration (real PostgreSQL) and
// end-to-end (real Chromium against `npm start`), one after another. Prints
// each runner's counts and, last and alone on its line, the total:
// "N passed, N failed". Lint counts one per file: passed when it has no
// errors (warnings are shown, not failed), failed otherwise.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { ROOT, stopEmbedded } from "./embedded-pg.mjs";
import { ensureGenerated } from "./ensure-generated.mjs";

ensureGenerated();
const OUT = path.join(ROOT, "test-results");
mkdirSync(OUT, { recursive: true });
const bin = (name) => path.join(ROOT, "node_modules", ".bin", name);

const runners = [
  {
    name: "lint",
    cmd: [bin("eslint"), ".", "--format", "json", "--output-file", path.join(OUT, "lint.json")],
    file: path.join(OUT, "lint.json"),
    count: lintCounts,
  },
  {
    name: "unit",
    cmd: [bin("vitest"), "run", "--project", "unit", "--reporter=default", "--reporter=json", `--outputFile.json=${path.join(OUT, "unit.json")}`],
    file: path.join(OUT, "unit.json"),
    count: vitestCounts,
  },
  {
    name: "integration",
    cmd: ["node", "scripts/with-db.mjs", bin("vitest"), "run", "--project", "integration", "--reporter=default", "--reporter=json", `--outputFile.json=${path.join(OUT, "integration.json")}`],
    file: path.join(OUT, "integration.json"),
    count: vitestCounts,
  },
  {
    name: "e2e",
    cmd: [bin("playwright"), "test"],
    file: path.join(OUT, "e2e-results.json"),
    count: playwrightCounts,
  },
];

/** ESLint's JSON report: prints every problem (file:line:col, severity, rule, message), counts files. */
function lintCounts(json) {
  let failed = 0;
  let warnings = 0;
  for (const f of json) {
    if (f.errorCount > 0) failed++;
    warnings += f.warningCount;
    for (const m of f.messages) {
      const where = `${path.relative(ROOT, f.filePath)}:${m.line ?? 0}:${m.column ?? 0}`;
      console.log(`${where}  ${m.severity === 2 ? "error" : "warning"}  ${m.message.split("\n")[0]}  ${m.ruleId ?? ""}`.trimEnd());
    }
  }
  const problems = json.reduce((n, f) => n + f.messages.length, 0);
  console.log(`${json.length} files linted, ${problems ? `${problems} problem${problems === 1 ? "" : "s"}` : "no problems"}${warnings ? ` (${warnings} warnings)` : ""}`);
  return { passed: json.length - failed, failed, skipped: 0 };
}
function vitestCounts(json) {
  return { passed: json.numPassedTests ?? 0, failed: (json.numFailedTests ?? 0) + (json.numRuntimeErrorTestSuites ?? 0) + failedSuites(json), skipped: (json.numPendingTests ?? 0) + (json.numTodoTests ?? 0) };
}
function failedSuites(json) {
  // A file that fails to load has no tests but must count as a failure.
  return (json.testResults ?? []).filter((f) => f.status === "failed" && (f.assertionResults ?? []).length === 0).length;
}
function playwrightCounts(json) {
  const s = json.stats ?? {};
  return { passed: (s.expected ?? 0) + (s.flaky ?? 0), failed: (s.unexpected ?? 0) + (json.errors?.length ?? 0), skipped: s.skipped ?? 0 };
}

const only = process.argv.slice(2);
const totals = { passed: 0, failed: 0, skipped: 0 };
const lines = [];
for (const r of runners) {
  if (only.length && !only.includes(r.name)) continue;
  rmSync(r.file, { force: true });
  console.log(`\n━━ ${r.name} ━━`);
  const t0 = Date.now();
  const res = spawnSync(r.cmd[0], r.cmd.slice(1), { stdio: "inherit", cwd: ROOT, env: process.env });
  const secs = ((Date.now() - t0) / 1000).toFixed(1);
  let c = { passed: 0, failed: 0, skipped: 0 };
  if (existsSync(r.file)) {
    try {
      c = r.count(JSON.parse(readFileSync(r.file, "utf8")));
    } catch {
      c.failed = 1;
    }
  }
  // A runner that exits non-zero without reporting a failure still failed.
  if (res.status !== 0 && c.failed === 0) c.failed = 1;
  if (c.passed + c.failed === 0) c.failed = 1; // a suite that ran nothing is not a pass
  totals.passed += c.passed;
  totals.failed += c.failed;
  totals.skipped += c.skipped;
  lines.push(`${r.name}: ${c.passed} passed, ${c.failed} failed${c.skipped ? `, ${c.skipped} skipped` : ""} (${secs} s)`);
}

console.log("\n" + lines.join("\n"));
console.log(`${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ""}`);
// In CI, leave no private cluster behind (a later clone at the same path would find its port taken).
if (process.env.CI && !process.env.DATABASE_URL) stopEmbedded();
process.exit(totals.failed > 0 ? 1 : 0);
