import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// Issue 12: add-comment.ts used to move a ticket's status with its own
// compare-and-set and history row. Every status change now goes through
// writeTransition (transition-ticket.ts): the SLA clock and automation will hang
// on it. This trips when code elsewhere writes Ticket.status itself.
const ROOT = path.resolve(__dirname, "../../..");
const WRITER = "lib/domain/tickets/transition-ticket.ts";
// Creation sets the first status; that is not a change.
const CREATION = ["lib/domain/tickets/insert-ticket.ts", "prisma/factories.ts", "prisma/seed.ts"];

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
  const files = [...sources(path.join(ROOT, "lib")), ...sources(path.join(ROOT, "app"))].map((f) => path.relative(ROOT, f));

  it("scans the sources", () => {
    expect(files.length).toBeGreaterThan(100);
    expect(files).toContain(WRITER);
  });

  it("no module but transition-ticket.ts writes Ticket.status", () => {
    const offenders = files
      .filter((f) => f !== WRITER && !CREATION.includes(f))
      .filter((f) => {
        const text = readFileSync(path.join(ROOT, f), "utf8");
        return PRISMA_WRITE.test(text) || SQL_WRITE.test(text);
      });
    expect(offenders).toEqual([]);
  });

  it("would catch the old reply write", () => {
    const old = `await tx.ticket.updateMany({ where: { id: ticket.id, status: ticket.status }, data: { ...fields, status: nextStatus, version: { increment: 1 } } })`;
    expect(new RegExp(PRISMA_WRITE.source).test(old)).toBe(true);
  });
});
