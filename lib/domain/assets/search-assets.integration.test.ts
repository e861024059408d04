import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { seededDemo, expectAppError, type Demo } from "@/test/integration/helpers";
import { ASSET_SEARCH_LIMIT } from "@/lib/validation/assets";
import { assetSearchSql, searchAssets } from "./search-assets";

let demo: Demo;
const a = (email: keyof Demo["actors"]) => demo.actors[email];
const tags = (rows: { tag: string }[]) => rows.map((r) => r.tag);

async function addAssets(organizationId: string, rows: { tag: string; name: string }[]) {
  await db.asset.createMany({ data: rows.map((r) => ({ organizationId, ...r })) });
}

beforeAll(async () => {
  demo = await seededDemo();
  // The demo's one asset is Acme's SRV-001 "db-prod-01".
  await addAssets(demo.acme.id, [
    { tag: "SRV-002", name: "web-prod-01" },
    { tag: "NET-001", name: "srv-room switch" },
    { tag: "DB-900", name: "Archive" },
  ]);
  await addAssets(demo.globex.id, [{ tag: "SRV-777", name: "db-globex" }]);
});

describe("searchAssets (GET /api/assets/search)", () => {
  it("without a term: the first assets by tag", async () => {
    expect(tags(await searchAssets(a("agent@acme.test"), {}))).toEqual(["DB-900", "NET-001", "SRV-001", "SRV-002"]);
  });

  it("tag prefix matches first (by tag), then name prefix matches (by name), ignoring case", async () => {
    expect(tags(await searchAssets(a("agent@acme.test"), { q: "srv" }))).toEqual(["SRV-001", "SRV-002", "NET-001"]);
    expect(tags(await searchAssets(a("agent@acme.test"), { q: "DB" }))).toEqual(["DB-900", "SRV-001"]);
    expect(tags(await searchAssets(a("agent@acme.test"), { q: "prod" }))).toEqual([]); // not a prefix
    expect(await searchAssets(a("agent@acme.test"), { q: "srv-001" })).toEqual([{ id: expect.any(String), tag: "SRV-001", name: "db-prod-01" }]);
  });

  it("is scoped to the actor's organization", async () => {
    expect(tags(await searchAssets(a("agent@globex.test"), { q: "" }))).toEqual(["SRV-777"]);
    expect(tags(await searchAssets(a("agent@globex.test"), { q: "db" }))).toEqual(["SRV-777"]);
    expect(tags(await searchAssets(a("agent@acme.test"), { q: "srv-7" }))).toEqual([]);
    expect(tags(await searchAssets(a("agent@acme.test"), { q: "globex" }))).toEqual([]);
  });

  it("is bounded at 20, tag matches before name matches, and matches what was typed literally", async () => {
    await addAssets(demo.acme.id, Array.from({ length: 30 }, (_, i) => ({ tag: `BULK-${String(i).padStart(2, "0")}`, name: `bulk host ${i}` })));
    await addAssets(demo.acme.id, [{ tag: "AAA-1", name: "bulk first by tag, but a name match" }]);
    const found = await searchAssets(a("agent@acme.test"), { q: "bulk" });
    expect(found).toHaveLength(ASSET_SEARCH_LIMIT);
    expect(tags(found)).toEqual(Array.from({ length: 20 }, (_, i) => `BULK-${String(i).padStart(2, "0")}`));
    expect(tags(await searchAssets(a("agent@acme.test"), { q: "bulk-29" }))).toEqual(["BULK-29"]);
    expect(await searchAssets(a("agent@acme.test"), { q: "%" })).toEqual([]);
    expect(await searchAssets(a("agent@acme.test"), { q: "bulk_0" })).toEqual([]);
    await db.asset.deleteMany({ where: { organizationId: demo.acme.id, OR: [{ tag: { startsWith: "BULK-" } }, { tag: "AAA-1" }] } });
  });

  it("answers those who may open a change request; not found for everyone else", async () => {
    // Acme's requester belongs to the change project CHG: the portal form asks here.
    expect(tags(await searchAssets(a("requester@acme.test"), { q: "srv-00" }))).toEqual(["SRV-001", "SRV-002"]);
    // Globex has no change project: nothing to pick an asset for.
    await expectAppError(searchAssets(a("requester@globex.test"), { q: "" }), "NOT_FOUND");
    const e = await expectAppError(searchAssets(a("agent@acme.test"), { q: "s\u0000" }), "VALIDATION");
    expect(e.fieldErrors?.q?.[0]).toMatch(/NUL/);
    await expectAppError(searchAssets(a("agent@acme.test"), { q: "x".repeat(101) }), "VALIDATION");
  });

  it("with 20,000 assets a search reads ranges of the two search indexes, never the table", async () => {
    await db.$executeRaw`INSERT INTO "Asset" ("id", "organizationId", "tag", "name", "updatedAt")
      SELECT gen_random_uuid(), ${demo.acme.id}::uuid, 'MANY-' || i, 'host-' || i, now() FROM generate_series(1, 20000) AS i`;
    await db.$executeRawUnsafe(`ANALYZE "Asset"`);
    for (const q of ["", "many-1", "host-1", "zzz"]) {
      const query = assetSearchSql(demo.acme.id, q);
      const plan = (await db.$queryRawUnsafe<{ "QUERY PLAN": string }[]>(`EXPLAIN (ANALYZE, COSTS OFF) ${query.text}`, ...query.values)).map((r) => r["QUERY PLAN"]).join("\n");
      expect(plan, plan).toMatch(/Index Scan using "Asset_tag_search_idx"/);
      if (q) expect(plan, plan).toMatch(/Index Scan using "Asset_name_search_idx"/);
      expect(plan, plan).not.toMatch(/Seq Scan/);
      // Each index scan hands over at most the limit.
      for (const m of plan.matchAll(/Index Scan using "Asset_\w+_search_idx"[^\n]*actual rows=(\d+)/g)) expect(Number(m[1]), plan).toBeLessThanOrEqual(ASSET_SEARCH_LIMIT);
    }
    await db.asset.deleteMany({ where: { organizationId: demo.acme.id, tag: { startsWith: "MANY-" } } });
  });
});
