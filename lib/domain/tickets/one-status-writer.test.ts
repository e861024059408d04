import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// Issue 12: add-comment.ts used to move a ticket's status with its own
// compare-and-set and history row. Every status change now goes through
// writeTransition (transition-ticket.ts): the SLA clock and automation will hang
// on it. This trips when code elsewhere writes Ticket.status itself.
const ROOT = path.resolve(__dirname, "../../..");
const WRITER = "lib/domain/tickets/transition-ticket.ts";
// Creation sets the first status; that is not a change. The data builders
// (prisma/factories.ts) create through it and move tickets through writeTransition.
const CREATION = ["lib/domain/tickets/insert-ticket.ts"];
// The benchmark's generator writes a million tickets in bulk SQL, in their final
// state (same row shape: rank, watcher, created history; scripts/bench/generate.ts).
const BULK = ["scripts/bench/generate.ts"];
// The benchmark puts the ticket its timed replies moved back as it was (not a move).
const RESTORE = ["scripts/bench/pages.ts"];

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return name === "generated" || name === "node_modules" ? [] : sources(full);
    return /\.tsx?$/.test(name) && !/\.test\.ts$/.test(name) ? [full] : [];
  });
}

const PRISMA_WRITE = /\bticket\.(?:update|updateMany|upsert|create|createMany)\(\{[\s\S]{0,400}?\bdata:\s*\{[^}]*\bstatus\s*:/;
const SQL_WRITE = /UPDATE\s+"Ticket"\s+SET[\s\S]{0,200}?"?status"?\s*=/i;

describe("one writer of a ticket's status", () => {
  const files = ["lib", "app", "prisma", "scripts"].flatMap((d) => sources(path.join(ROOT, d))).map((f) => path.relative(ROOT, f));

  it("scans the sources", () => {
    expect(files.length).toBeGreaterThan(100);
    expect(files).toContain(WRITER);
  });

  it("no module but transition-ticket.ts writes Ticket.status", () => {
    const offenders = files
      .filter((f) => f !== WRITER && !CREATION.includes(f) && !BULK.includes(f) && !RESTORE.includes(f))
      .filter((f) => {
        const text = readFileSync(path.join(ROOT, f), "utf8");
        return PRISMA_WRITE.test(text) || SQL_WRITE.test(text);
      });
    expect(offenders).toEqual([]);
  });

  it("no module but insert-ticket.ts creates Ticket rows (one creation path: app and data builders)", () => {
    const creates = /\bticket\.(?:create|createMany|createManyAndReturn|upsert)\(|INSERT\s+INTO\s+"Ticket"\s*\(/;
    const offenders = files.filter((f) => !CREATION.includes(f) && !BULK.includes(f)).filter((f) => creates.test(readFileSync(path.join(ROOT, f), "utf8")));
    expect(offenders).toEqual([]);
    expect(creates.test(readFileSync(path.join(ROOT, CREATION[0]!), "utf8"))).toBe(true);
  });

  it("would catch the old reply write", () => {
    const old = `await tx.ticket.updateMany({ where: { id: ticket.id, status: ticket.status }, data: { ...fields, status: nextStatus, version: { increment: 1 } } })`;
    expect(new RegExp(PRISMA_WRITE.source).test(old)).toBe(true);
  });
});
