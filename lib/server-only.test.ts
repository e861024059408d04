import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// Issue 12: every lib/ module that reaches the database imports "server-only",
// so that `next build` refuses a client component importing it, however
// indirectly. This trips when a module reaches the database (a value import of
// lib/db, pg, Prisma's client, or of another such module) without the marker.
const ROOT = path.resolve(__dirname, "..");
const MARKER = /^import "server-only";$/m;

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return name === "generated" ? [] : sources(full);
    return /\.tsx?$/.test(name) && !/\.test\.ts$/.test(name) ? [full] : [];
  });
}

/** The specifiers a module imports as values (type-only imports and `{ type X }` lists skipped). */
export function valueImports(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/^(?:import|export)\s+(type\s+)?([^;'"]*?)\s*from\s+"([^"]+)"/gm)) {
    const [, typeOnly, clause, spec] = m;
    if (typeOnly) continue;
    const names = /^\{([^}]*)\}$/.exec(clause!.trim())?.[1]?.split(",").map((s) => s.trim()).filter(Boolean);
    if (names?.length && names.every((n) => n.startsWith("type "))) continue;
    out.push(spec!);
  }
  for (const m of text.matchAll(/^import\s+"([^"]+)"/gm)) out.push(m[1]!);
  for (const m of text.matchAll(/\bimport\(\s*"([^"]+)"\s*\)/g)) out.push(m[1]!);
  return out;
}

function resolve(from: string, spec: string): string | null {
  const base = spec.startsWith("@/") ? path.join(ROOT, spec.slice(2)) : spec.startsWith(".") ? path.resolve(path.dirname(from), spec) : null;
  if (!base) return null;
  return [`${base}.ts`, `${base}.tsx`, path.join(base, "index.ts"), base].find((f) => existsSync(f) && statSync(f).isFile()) ?? base;
}

const reachesDirectly = (spec: string) => spec === "@/lib/db" || spec === "pg" || spec.startsWith("@prisma/") || spec === "@/lib/generated/prisma/client";

describe('"server-only" in every module that reaches the database', () => {
  const files = sources(path.join(ROOT, "lib"));
  const imports = new Map(files.map((f) => [f, valueImports(readFileSync(f, "utf8"))]));
  const reaching = new Set<string>();
  for (let grew = true; grew; ) {
    grew = false;
    for (const [f, specs] of imports) {
      if (reaching.has(f)) continue;
      if (specs.some((s) => reachesDirectly(s) || reaching.has(resolve(f, s) ?? ""))) {
        reaching.add(f);
        grew = true;
      }
    }
  }
  const rel = (f: string) => path.relative(ROOT, f);

  it("finds them", () => {
    expect(reaching.size).toBeGreaterThan(50);
    for (const f of ["lib/db.ts", "lib/audit.ts", "lib/auth/actor.ts", "lib/domain/tickets/transition-ticket.ts", "lib/actions/tickets.ts"]) expect([...reaching].map(rel)).toContain(f);
  });

  it("each imports it", () => {
    const missing = [...reaching].filter((f) => !MARKER.test(readFileSync(f, "utf8"))).map(rel);
    expect(missing).toEqual([]);
  });

  it("leaves the pure modules client components import unmarked", () => {
    for (const f of ["lib/auth/permissions.ts", "lib/domain/tickets/workflow.ts", "lib/validation/ticket.ts", "lib/errors.ts"]) {
      expect(MARKER.test(readFileSync(path.join(ROOT, f), "utf8")), f).toBe(false);
    }
  });

  it("reads import lists as the compiler does", () => {
    expect(valueImports(`import type { Tx } from "@/lib/db";\nimport { type Tx as T } from "@/lib/db";`)).toEqual([]);
    expect(valueImports(`import { db, type Tx } from "@/lib/db";\nimport "server-only";\nconst m = await import("./lib/mail/worker");`)).toEqual(["@/lib/db", "server-only", "./lib/mail/worker"]);
  });
});
