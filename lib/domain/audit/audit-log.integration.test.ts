import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { seededDemo, expectAppError, type Demo } from "@/test/integration/helpers";
import { parseCsv } from "@/test/csv-parse";
import { auditQuerySchema, type AuditQueryInput } from "@/lib/validation/audit";
import { listAudit } from "./list-audit";
import { auditCsv, AUDIT_EXPORT_COLUMNS } from "./export-audit";
import { searchAuditActors } from "./search-actors";

let demo: Demo;
const a = (email: keyof Demo["actors"]) => demo.actors[email];
const q = (input: AuditQueryInput = {}) => auditQuerySchema.parse(input);
const BASE = Date.parse("2026-11-20T12:00:00.000Z");
const at = (minutes: number) => new Date(BASE + minutes * 60_000);

async function readAll(gen: AsyncGenerator<string>): Promise<string> {
  let out = "";
  for await (const chunk of gen) out += chunk;
  return out;
}

beforeAll(async () => {
  demo = await seededDemo();
  await db.auditLog.deleteMany({});
  const admin = a("admin@acme.test");
  const agent = a("agent@acme.test");
  const rows = [
    ...Array.from({ length: 8 }, (_, i) => ({ organizationId: demo.acme.id, actorId: agent.id, action: "auth.sign_in", data: { email: "agent@acme.test" }, ip: "10.0.0.1", createdAt: at(i * 10) })),
    // Three at the same instant: the keyset's id breaks the tie.
    ...Array.from({ length: 3 }, () => ({ organizationId: demo.acme.id, actorId: admin.id, action: "asset.updated", entityType: "asset", data: { old: { name: "a" }, new: { name: "b" } }, createdAt: at(35) })),
    { organizationId: demo.acme.id, actorId: null, action: "webhook.secret_rotated", data: {}, createdAt: at(200) },
    { organizationId: demo.globex.id, actorId: a("admin@globex.test").id, action: "auth.sign_in", data: { email: "admin@globex.test" }, createdAt: at(5) },
  ];
  await db.auditLog.createMany({ data: rows });
});

describe("audit log: list, filters and keyset paging", () => {
  it("walks every Acme row newest first by (createdAt, id), older and back newer, 3 a page", async () => {
    const admin = a("admin@acme.test");
    const expected = (await db.auditLog.findMany({ where: { organizationId: demo.acme.id }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], select: { id: true } })).map((r) => r.id);
    expect(expected).toHaveLength(12);
    const pages: string[][] = [];
    let page = await listAudit(admin, q(), { limit: 3 });
    expect(page.newerCursor).toBeNull();
    pages.push(page.rows.map((r) => r.id));
    while (page.olderCursor) {
      page = await listAudit(admin, q({ older: page.olderCursor }), { limit: 3 });
      pages.push(page.rows.map((r) => r.id));
    }
    expect(pages.flat()).toEqual(expected);
    expect(pages).toHaveLength(4);
    // Back up from the last page: the same pages, in reverse.
    const back: string[][] = [page.rows.map((r) => r.id)];
    while (page.newerCursor) {
      page = await listAudit(admin, q({ newer: page.newerCursor }), { limit: 3 });
      back.unshift(page.rows.map((r) => r.id));
    }
    expect(back).toEqual(pages);
  });

  it("filters by action, by actor and by days in the viewer's time zone", async () => {
    const admin = a("admin@acme.test");
    const byAction = await listAudit(admin, q({ action: "asset.updated" }));
    expect(byAction.rows.map((r) => r.action)).toEqual(["asset.updated", "asset.updated", "asset.updated"]);
    const byActor = await listAudit(admin, q({ actor: a("agent@acme.test").id }));
    expect(byActor.rows).toHaveLength(8);
    expect(byActor.rows.every((r) => r.actorName === "Sam Agent" && r.actorId === a("agent@acme.test").id)).toBe(true);
    // BASE + 200 min is 15:20 UTC on 20 Nov; in Tokyo (UTC+9) that is 00:20 on 21 Nov.
    const tokyo = await listAudit(admin, q({ from: "2026-11-21", to: "2026-11-21", tz: "Asia/Tokyo" }));
    expect(tokyo.rows.map((r) => r.action)).toEqual(["webhook.secret_rotated"]);
    const utcDay = await listAudit(admin, q({ from: "2026-11-20", to: "2026-11-20" }));
    expect(utcDay.rows).toHaveLength(12);
    expect((await listAudit(admin, q({ from: "2026-11-21", to: "2026-11-21" }))).rows).toHaveLength(0);
    // "System" rows have no actor.
    expect(tokyo.rows[0]!.actorId).toBeNull();
  });

  it("another organization's admin sees only their own rows; non-admins are not found", async () => {
    const globex = await listAudit(a("admin@globex.test"), q());
    expect(globex.rows.map((r) => r.data)).toEqual([{ email: "admin@globex.test" }]);
    // An Acme actor id as a filter finds nothing in Globex.
    expect((await listAudit(a("admin@globex.test"), q({ actor: a("agent@acme.test").id }))).rows).toEqual([]);
    for (const who of ["agent@acme.test", "manager@acme.test", "requester@acme.test"] as const) {
      await expectAppError(listAudit(a(who), q()), "NOT_FOUND");
      expect(() => auditCsv(a(who), q())).toThrowError(/not found/i);
      await expectAppError(searchAuditActors(a(who), { q: "a" }), "NOT_FOUND");
    }
  });

  it("the actor picker searches the whole organization by name or e-mail, and only it", async () => {
    const admin = a("admin@acme.test");
    const names = (await searchAuditActors(admin, { q: "requester2" })).map((r) => r.name);
    expect(names).toEqual([expect.stringContaining("(requester2@acme.test)")]);
    const all = await searchAuditActors(admin, { q: "" });
    expect(all.length).toBeGreaterThanOrEqual(6);
    expect(all.every((r) => r.name.includes("@acme.test"))).toBe(true);
    expect((await searchAuditActors(a("admin@globex.test"), { q: "acme" })).map((r) => r.name)).toEqual([]);
  });
});

describe("audit log: CSV export", () => {
  it("quotes what needs quoting, defuses formulas, labels actions, writes ISO dates, and records itself", async () => {
    const admin = a("admin@acme.test");
    const { roleId } = await db.user.findUniqueOrThrow({ where: { id: admin.id }, select: { roleId: true } });
    const evil = await db.user.create({ data: { organizationId: demo.acme.id, email: "evil@acme.test", name: '=HYPERLINK("http://x","click")', roleId } });
    await db.auditLog.create({
      data: { organizationId: demo.acme.id, actorId: evil.id, action: "tag.created", entityType: "tag", entityId: "t1", data: { name: "@SUM(A1)", note: 'a "quoted", line\nbreak' }, ip: "+1", createdAt: at(300) },
    });
    const before = await db.auditLog.count({ where: { action: "audit.exported" } });
    const text = await readAll(auditCsv(admin, q({ action: "tag.created" }), { meta: { ip: "203.0.113.9", userAgent: "test" } }));
    const [header, row, ...rest] = parseCsv(text);
    expect(header).toEqual([...AUDIT_EXPORT_COLUMNS]);
    expect(rest).toEqual([]);
    const cell = (name: (typeof AUDIT_EXPORT_COLUMNS)[number]) => row![AUDIT_EXPORT_COLUMNS.indexOf(name)];
    expect(cell("time")).toBe(at(300).toISOString());
    expect(cell("action")).toBe("Tag created");
    expect(cell("action_code")).toBe("tag.created");
    expect(cell("actor")).toBe(`'=HYPERLINK("http://x","click")`);
    expect(cell("entity")).toBe("'@SUM(A1)");
    expect(cell("ip")).toBe("'+1");
    expect(cell("summary")).toContain('note: a "quoted", line\nbreak');
    expect(JSON.parse(cell("data")!)).toEqual({ name: "@SUM(A1)", note: 'a "quoted", line\nbreak' });

    const exported = await db.auditLog.findMany({ where: { action: "audit.exported" }, orderBy: { createdAt: "desc" } });
    expect(exported).toHaveLength(before + 1);
    expect(exported[0]).toMatchObject({ organizationId: demo.acme.id, actorId: admin.id, ip: "203.0.113.9", data: { filter: "action=tag.created", action: "tag.created", rows: 1, complete: true } });
    await db.auditLog.deleteMany({ where: { actorId: evil.id } });
    await db.user.delete({ where: { id: evil.id } });
  });

  it("walks in batches and stops at the cap, saying so in its audit row", async () => {
    const admin = a("admin@acme.test");
    const all = await db.auditLog.count({ where: { organizationId: demo.acme.id, action: "auth.sign_in" } });
    expect(all).toBe(8);
    const full = parseCsv(await readAll(auditCsv(admin, q({ action: "auth.sign_in" }), { batchSize: 3 })));
    expect(full).toHaveLength(1 + 8);
    const times = full.slice(1).map((r) => r[0]!);
    expect(times).toEqual([...times].sort().reverse());
    const capped = parseCsv(await readAll(auditCsv(admin, q({ action: "auth.sign_in" }), { batchSize: 2, maxRows: 5 })));
    expect(capped).toHaveLength(1 + 5);
    const last = await db.auditLog.findFirstOrThrow({ where: { action: "audit.exported" }, orderBy: { createdAt: "desc" } });
    expect(last.data).toMatchObject({ rows: 5, complete: false, cappedAt: 5 });
    // Exactly at the cap: complete.
    await readAll(auditCsv(admin, q({ action: "auth.sign_in" }), { maxRows: 8 }));
    const exact = await db.auditLog.findFirstOrThrow({ where: { action: "audit.exported" }, orderBy: { createdAt: "desc" } });
    expect(exact.data).toMatchObject({ rows: 8, complete: true });
  });

  it("Globex's export holds none of Acme's rows", async () => {
    const rows = parseCsv(await readAll(auditCsv(a("admin@globex.test"), q())));
    expect(rows.slice(1).every((r) => !r.join(",").includes("acme"))).toBe(true);
    expect(rows.slice(1).some((r) => r.join(",").includes("admin@globex.test"))).toBe(true);
  });
});
