import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { NextRequest } from "next/server";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { signInAs } from "@/test/integration/session";
import { seededDemo, expectAppError, type Demo } from "@/test/integration/helpers";
import { ASSET_COMPONENTS_LIMIT } from "@/lib/validation/assets";
import { listAssetComponents } from "./asset-components";

// The route handler reads the session through getActor: the test decides who is signed in (test/integration/session.ts).
vi.mock("@/lib/auth/actor", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/lib/auth/actor")>()),
  getActor: (await import("@/test/integration/session")).sessionActor,
}));
// Another file may have loaded the route's modules with the real getActor: load them afresh, and leave fresh ones behind.
vi.resetModules();
const { GET } = await import("@/app/api/assets/[id]/components/route");
afterAll(() => {
  vi.resetModules();
});

let demo: Demo;
let srv001: string;
let globexAsset: string;
const a = (email: keyof Demo["actors"]) => demo.actors[email];
const refs = (r: { components: { reference: string }[] }) => r.components.map((c) => c.reference);

async function get(actor: Actor | null, assetId: string, q?: string) {
  signInAs(actor);
  const url = `http://localhost/api/assets/${assetId}/components${q ? `?q=${encodeURIComponent(q)}` : ""}`;
  const res = await GET(new NextRequest(url), { params: Promise.resolve({ id: assetId }) });
  return { status: res.status, body: (await res.json()) as { results?: { name: string; reference: string }[]; more?: boolean; code?: string } };
}

beforeAll(async () => {
  demo = await seededDemo();
  srv001 = (await db.asset.findFirstOrThrow({ where: { organizationId: demo.acme.id, tag: "SRV-001" }, select: { id: true } })).id;
  globexAsset = (
    await db.asset.create({
      data: { organizationId: demo.globex.id, tag: "GLX-001", name: "globex-db", components: { create: [{ organizationId: demo.globex.id, componentType: "nic", reference: "Globex NIC" }] } },
    })
  ).id;
});

describe("listAssetComponents (GET /api/assets/<id>/components)", () => {
  it("answers the asset's components, by type then reference, with their type's label, to staff and to requesters who may file a change", async () => {
    for (const who of ["agent@acme.test", "tech@acme.test", "manager@acme.test", "requester@acme.test"] as const) {
      const r = await listAssetComponents(a(who), { assetId: srv001 });
      expect(refs(r), who).toEqual(["Intel Xeon Gold 6338", "Onboard 1GbE", "800W Platinum PSU", "Samsung 32GB DDR4-3200 RDIMM", "Samsung PM9A3 1.92TB NVMe"]);
      expect(r.more).toBe(false);
    }
    const nic = (await listAssetComponents(a("requester@acme.test"), { assetId: srv001 })).components[1];
    expect(nic).toEqual({
      id: expect.any(String),
      componentType: "nic",
      typeLabel: "Network card",
      reference: "Onboard 1GbE",
      serial: "NIC-ONB-0001",
      quantity: 1,
      name: "Network card · Onboard 1GbE · serial NIC-ONB-0001 · 1 installed",
    });
  });

  it("narrows by what was typed: reference, serial, or the type's code or label", async () => {
    const r = a("requester@acme.test");
    expect(refs(await listAssetComponents(r, { assetId: srv001, q: "1gbe" }))).toEqual(["Onboard 1GbE"]);
    expect(refs(await listAssetComponents(r, { assetId: srv001, q: "NIC-ONB" }))).toEqual(["Onboard 1GbE"]);
    expect(refs(await listAssetComponents(r, { assetId: srv001, q: "network" }))).toEqual(["Onboard 1GbE"]);
    expect(refs(await listAssetComponents(r, { assetId: srv001, q: "samsung" }))).toEqual(["Samsung 32GB DDR4-3200 RDIMM", "Samsung PM9A3 1.92TB NVMe"]);
    expect(refs(await listAssetComponents(r, { assetId: srv001, q: "nothing like it" }))).toEqual([]);
  });

  it("another organization's asset, an unknown id and a malformed id are not found; so is everything for those who may not file a change", async () => {
    await expectAppError(listAssetComponents(a("agent@globex.test"), { assetId: srv001 }), "NOT_FOUND");
    await expectAppError(listAssetComponents(a("admin@globex.test"), { assetId: srv001 }), "NOT_FOUND");
    await expectAppError(listAssetComponents(a("agent@acme.test"), { assetId: globexAsset }), "NOT_FOUND");
    await expectAppError(listAssetComponents(a("requester@acme.test"), { assetId: globexAsset }), "NOT_FOUND");
    await expectAppError(listAssetComponents(a("agent@acme.test"), { assetId: "00000000-0000-7000-8000-000000000000" }), "NOT_FOUND");
    await expectAppError(listAssetComponents(a("agent@acme.test"), { assetId: "not-a-uuid" }), "NOT_FOUND");
    // Globex has no change project: its requester has nothing to pick components for, not even their own organization's.
    await expectAppError(listAssetComponents(a("requester@globex.test"), { assetId: globexAsset }), "NOT_FOUND");
    // The Globex admin sees Globex's asset.
    expect(refs(await listAssetComponents(a("admin@globex.test"), { assetId: globexAsset }))).toEqual(["Globex NIC"]);
  });

  it(`is bounded at ${ASSET_COMPONENTS_LIMIT} and says there are more; typing narrows to the rest`, async () => {
    await db.assetComponent.createMany({
      data: Array.from({ length: 60 }, (_, i) => ({ organizationId: demo.acme.id, assetId: srv001, componentType: "storage", reference: `Bulk disk ${String(i).padStart(2, "0")}`, serial: `BULK-${i}` })),
    });
    const all = await listAssetComponents(a("agent@acme.test"), { assetId: srv001 });
    expect(all.components).toHaveLength(ASSET_COMPONENTS_LIMIT);
    expect(all.more).toBe(true);
    const one = await listAssetComponents(a("agent@acme.test"), { assetId: srv001, q: "bulk disk 59" });
    expect(refs(one)).toEqual(["Bulk disk 59"]);
    expect(one.more).toBe(false);
    await expectAppError(listAssetComponents(a("agent@acme.test"), { assetId: srv001, q: "x".repeat(101) }), "VALIDATION");
    await db.assetComponent.deleteMany({ where: { assetId: srv001, reference: { startsWith: "Bulk disk" } } });
  });

  it("the route: 401 signed out, 200 with the results signed in, 404 for another organization's asset", async () => {
    const out = await get(null, srv001);
    expect(out.status).toBe(401);
    expect(out.body.results).toBeUndefined();
    const mine = await get(a("requester@acme.test"), srv001, "onboard");
    expect(mine.status).toBe(200);
    expect(mine.body).toEqual({ results: [expect.objectContaining({ reference: "Onboard 1GbE", name: "Network card · Onboard 1GbE · serial NIC-ONB-0001 · 1 installed" })], more: false });
    const theirs = await get(a("agent@globex.test"), srv001);
    expect(theirs.status).toBe(404);
    expect(JSON.stringify(theirs.body)).not.toMatch(/Onboard|db-prod/);
    expect((await get(a("agent@acme.test"), globexAsset)).status).toBe(404);
  });
});
