import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { HAND_WRITTEN_INDEXES } from "./hand-written-indexes";

describe("hand-written indexes", () => {
  it.each(HAND_WRITTEN_INDEXES)("$name exists on $table ($why)", async ({ table, name }) => {
    const rows = await db.$queryRaw<{ indexname: string }[]>`
      SELECT indexname::text AS indexname FROM pg_indexes WHERE schemaname = 'public' AND tablename = ${table} AND indexname = ${name}`;
    expect(rows).toHaveLength(1);
  });

  it("board ranks compare byte by byte (collation C)", async () => {
    const rows = await db.$queryRaw<{ collation_name: string }[]>`
      SELECT collation_name::text AS collation_name FROM information_schema.columns WHERE table_name = 'Ticket' AND column_name = 'rank'`;
    expect(rows[0]?.collation_name).toBe("C");
  });
});
