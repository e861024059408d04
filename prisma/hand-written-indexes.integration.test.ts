import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { seededDemo } from "@/test/integration/helpers";
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

  it.each(["Ticket", "Comment"])("%s.searchVector is a stored generated column under a GIN index (a plain DEFAULT would leave new rows unsearchable)", async (table) => {
    const rows = await db.$queryRaw<{ generated: string; index: string | null }[]>`
      SELECT a.attgenerated::text AS "generated",
             (SELECT i.indexdef FROM pg_indexes i WHERE i.tablename = ${table} AND i.indexname = ${`${table}_search_idx`}) AS "index"
        FROM pg_attribute a WHERE a.attrelid = ${`"${table}"`}::regclass AND a.attname = 'searchVector'`;
    expect(rows[0]?.generated).toBe("s");
    expect(rows[0]?.index).toMatch(/USING gin \("searchVector"\)/);
  });

  it("a ticket is searchable by its words the moment it is written, and a comment once edited", async () => {
    await seededDemo();
    const t = await db.ticket.findFirstOrThrow({ select: { id: true, organizationId: true } });
    await db.ticket.update({ where: { id: t.id }, data: { title: "Armadillo keyboard" } });
    const ticketHits = await db.$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM "Ticket" WHERE "searchVector" @@ websearch_to_tsquery('english', 'armadillos')`;
    expect(ticketHits[0].n).toBe(1);
    const c = await db.comment.create({ data: { organizationId: t.organizationId, ticketId: t.id, type: "comment", body: "First words" }, select: { id: true } });
    await db.comment.update({ where: { id: c.id }, data: { body: "Pangolin firmware" } });
    const commentHits = await db.$queryRaw<{ id: string }[]>`
      SELECT "id" FROM "Comment" WHERE "searchVector" @@ websearch_to_tsquery('english', 'pangolins')`;
    expect(commentHits).toEqual([{ id: c.id }]);
  });
});
