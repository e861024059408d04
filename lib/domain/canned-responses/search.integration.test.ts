import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { seededDemo, expectAppError, type Demo } from "@/test/integration/helpers";
import { CANNED_LIST_LIMIT, CANNED_SEARCH_LIMIT } from "@/lib/validation/canned-responses";
import { searchCannedResponses } from "./search";
import { listCannedResponses } from "./list";

let demo: Demo;
const a = (email: keyof Demo["actors"]) => demo.actors[email];
const titles = (rows: { title: string }[]) => rows.map((r) => r.title);
const ACME_ORG = ["Greeting", "Need more information", "Password reset steps", "Resolved, please confirm"];

beforeAll(async () => {
  demo = await seededDemo();
  const agent = a("agent@acme.test");
  await db.cannedResponse.createMany({
    data: [
      { organizationId: demo.acme.id, ownerId: agent.id, title: "agent's sign-off", body: "Cheers, @[Sam Agent](00000000-0000-7000-8000-000000000001)\n\n100% sure" },
      { organizationId: demo.acme.id, ownerId: a("manager@acme.test").id, title: "Manager's own", body: "Not for the agent" },
      { organizationId: demo.globex.id, title: "Globex greeting", body: "Hello from Globex" },
    ],
  });
});

describe("searchCannedResponses (GET /api/canned-responses/search)", () => {
  it("offers the organization's responses and the actor's own, by title ignoring case, with a preview", async () => {
    const all = await searchCannedResponses(a("agent@acme.test"), {});
    expect(titles(all)).toEqual(["agent's sign-off", ...ACME_ORG]);
    expect(all[0]).toEqual({ id: expect.any(String), title: "agent's sign-off", preview: "Cheers, @Sam Agent 100% sure", personal: true });
    expect(all[1]!.personal).toBe(false);
    expect(all[1]!.preview.length).toBeLessThanOrEqual(90);
  });

  it("matches the title or the text anywhere, ignoring case, and what was typed literally", async () => {
    expect(titles(await searchCannedResponses(a("agent@acme.test"), { q: "PASSWORD" }))).toEqual(["Password reset steps"]);
    expect(titles(await searchCannedResponses(a("agent@acme.test"), { q: "screenshot" }))).toEqual(["Need more information"]);
    expect(titles(await searchCannedResponses(a("agent@acme.test"), { q: "100%" }))).toEqual(["agent's sign-off"]);
    expect(await searchCannedResponses(a("agent@acme.test"), { q: "%" })).toHaveLength(1);
    expect(await searchCannedResponses(a("agent@acme.test"), { q: "_" })).toEqual([]);
  });

  it("never offers another organization's responses or another person's own", async () => {
    expect(titles(await searchCannedResponses(a("agent@acme.test"), { q: "globex" }))).toEqual([]);
    expect(titles(await searchCannedResponses(a("agent@acme.test"), { q: "manager" }))).toEqual([]);
    expect(titles(await searchCannedResponses(a("agent@globex.test"), {}))).toEqual(["Globex greeting"]);
    expect(titles(await searchCannedResponses(a("manager@acme.test"), { q: "own" }))).toEqual(["Manager's own"]);
  });

  it("is bounded at 20; refuses non-staff and unstorable text", async () => {
    await db.cannedResponse.createMany({ data: Array.from({ length: 30 }, (_, i) => ({ organizationId: demo.acme.id, title: `Bulk ${String(i).padStart(2, "0")}`, body: "bulk" })) });
    const found = await searchCannedResponses(a("agent@acme.test"), { q: "bulk" });
    expect(found).toHaveLength(CANNED_SEARCH_LIMIT);
    expect(found[0]!.title).toBe("Bulk 00");
    await db.cannedResponse.deleteMany({ where: { title: { startsWith: "Bulk " } } });
    await expectAppError(searchCannedResponses(a("requester@acme.test"), { q: "" }), "FORBIDDEN");
    const e = await expectAppError(searchCannedResponses(a("agent@acme.test"), { q: "a\u0000" }), "VALIDATION");
    expect(e.fieldErrors?.q?.[0]).toMatch(/NUL/);
  });
});

describe("listCannedResponses (/settings/canned-responses)", () => {
  it("shows at most CANNED_LIST_LIMIT per section, says there are more, and finds the others by q", async () => {
    await db.cannedResponse.createMany({
      data: Array.from({ length: CANNED_LIST_LIMIT + 5 }, (_, i) => ({ organizationId: demo.acme.id, title: `Many ${String(i).padStart(3, "0")}`, body: `number ${i}` })),
    });
    const list = await listCannedResponses(a("agent@acme.test"));
    expect(list.organization).toHaveLength(CANNED_LIST_LIMIT);
    expect(list.more).toEqual({ organization: true, personal: false });
    expect(titles(list.personal)).toEqual(["agent's sign-off"]);
    const found = await listCannedResponses(a("agent@acme.test"), { q: "Many 104" });
    expect(titles(found.organization)).toEqual(["Many 104"]);
    expect(found.organization[0]!.body).toBe("number 104");
    expect(found.more.organization).toBe(false);
    expect(found.personal).toEqual([]);
    await db.cannedResponse.deleteMany({ where: { title: { startsWith: "Many " } } });
  });
});
