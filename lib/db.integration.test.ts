import { describe, expect, it } from "vitest";
import { Prisma } from "@/lib/generated/prisma/client";
import { sqlRows } from "./db";

// A statement that reports whether it is itself a prepared statement of its
// connection (pg_prepared_statements lists it while it runs).
const selfCheck = (value: number) => Prisma.sql`
  SELECT ${value}::int AS "value",
         EXISTS (SELECT 1 FROM pg_prepared_statements WHERE "statement" LIKE '%selfCheck marker%') AS "prepared" -- selfCheck marker`;

describe("sqlRows", () => {
  it("prepared: kept on the connection under a name, and each call still reads its own values", async () => {
    const rows = await Promise.all([1, 2, 3].map((v) => sqlRows<{ value: number; prepared: boolean }>(selfCheck(v), { prepared: true })));
    expect(rows.map((r) => r[0])).toEqual([1, 2, 3].map((value) => ({ value, prepared: true })));
  });

  it("unprepared by default: an unnamed statement is not kept", async () => {
    const [row] = await sqlRows<{ value: number; prepared: boolean }>(Prisma.sql`
      SELECT ${7}::int AS "value",
             EXISTS (SELECT 1 FROM pg_prepared_statements WHERE "statement" LIKE '%unnamed marker%') AS "prepared" -- unnamed marker`);
    expect(row).toEqual({ value: 7, prepared: false });
  });
});
