import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { seededDemo, expectAppError, type Demo } from "@/test/integration/helpers";
import { TAG_SEARCH_LIMIT } from "@/lib/validation/tags";
import { searchTags, tagSearchSql } from "./search-tags";

let demo: Demo;
const a = (email: keyof Demo["actors"]) => demo.actors[email];
const names = (rows: { name: string }[]) => rows.map((r) => r.name);

beforeAll(async () => {
  demo = await seededDemo();
  await db.tag.create({ data: { organizationId: demo.globex.id, name: "network-globex" } });
});

describe("searchTags (GET /api/tags/search)", () => {
  it("finds the organization's tags by prefix, ignoring case, in order", async () => {
    expect(names(await searchTags(a("agent@acme.test"), { q: "" }))).toEqual(["access", "hardware", "network", "urgent-customer"]);
    expect(names(await searchTags(a("agent@acme.test"), { q: "NET" }))).toEqual(["network"]);
    expect(names(await searchTags(a("agent@acme.test"), { q: "work" }))).toEqual([]); // not a prefix
  });

  it("is scoped to the actor's organization", async () => {
    expect(names(await searchTags(a("agent@globex.test"), { q: "net" }))).toEqual(["network-globex"]);
    expect(names(await searchTags(a("agent@acme.test"), { q: "network-" }))).toEqual([]);
  });

  it("is bounded at 20 and matches what was typed literally", async () => {
    await db.tag.createMany({ data: Array.from({ length: 30 }, (_, i) => ({ organizationId: demo.acme.id, name: `bulk-${String(i).padStart(2, "0")}` })) });
    const found = await searchTags(a("agent@acme.test"), { q: "bulk" });
    expect(found).toHaveLength(TAG_SEARCH_LIMIT);
    expect(found[0]).toEqual({ id: "bulk-00", name: "bulk-00" });
    expect(await searchTags(a("agent@acme.test"), { q: "%" })).toEqual([]);
    expect(await searchTags(a("agent@acme.test"), { q: "bulk_0" })).toEqual([]);
    await db.tag.deleteMany({ where: { name: { startsWith: "bulk-" } } });
  });

  it("refuses non-staff and unstorable text", async () => {
    await expectAppError(searchTags(a("requester@acme.test"), { q: "net" }), "FORBIDDEN");
    const e = await expectAppError(searchTags(a("agent@acme.test"), { q: "n\u0000" }), "VALIDATION");
    expect(e.fieldErrors?.q?.[0]).toMatch(/NUL/);
  });

  it("with 20,000 tags a search is a range of Tag_search_idx: it reads only what it returns", async () => {
    await db.$executeRaw`INSERT INTO "Tag" ("id", "organizationId", "name") SELECT gen_random_uuid(), ${demo.acme.id}::uuid, 'many-' || i FROM generate_series(1, 20000) AS i`;
    await db.$executeRawUnsafe(`ANALYZE "Tag"`);
    for (const q of ["", "many-1", "net"]) {
      const query = tagSearchSql(demo.acme.id, q);
      const plan = (await db.$queryRawUnsafe<{ "QUERY PLAN": string }[]>(`EXPLAIN (ANALYZE, COSTS OFF) ${query.text}`, ...query.values)).map((r) => r["QUERY PLAN"]).join("\n");
      expect(plan, plan).toMatch(/Index Scan using "Tag_search_idx"/);
      expect(plan, plan).not.toMatch(/Sort/);
    }
    await db.tag.deleteMany({ where: { name: { startsWith: "many-" } } });
  });
});
