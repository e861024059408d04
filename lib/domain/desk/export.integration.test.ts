import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { createTicket } from "@/lib/domain/tickets/create-ticket";
import { addComment } from "@/lib/domain/tickets/add-comment";
import { parseDeskQuery } from "@/lib/validation/desk";
import { parseCsv } from "@/test/csv-parse";
import { seededDemo, type Demo } from "@/test/integration/helpers";
import { deskPage } from "./desk-query";
import { deskCsv, EXPORT_COLUMNS, type DeskCsvOptions } from "./export";

let demo: Demo;

beforeAll(async () => {
  demo = await seededDemo();
});

const a = (email: keyof Demo["actors"]) => demo.actors[email];
const q = (params: Record<string, string> = {}) => parseDeskQuery(new URLSearchParams({ state: "all", ...params }));

async function exportCsv(actor: Actor, params: Record<string, string> = {}, opts: DeskCsvOptions = {}) {
  const chunks: string[] = [];
  for await (const chunk of deskCsv(actor, q(params), opts)) chunks.push(chunk);
  const text = chunks.join("");
  const [header, ...rows] = parseCsv(text);
  return { text, chunks, header, rows, numbers: rows.map((r) => r[0]) };
}

const lastExport = (actorId: string) => db.auditLog.findFirstOrThrow({ where: { action: "desk.export", actorId }, orderBy: { createdAt: "desc" } });

describe("desk CSV export", () => {
  it("writes the header and one row per ticket of the view, with the agreed columns", async () => {
    const agent = a("agent@acme.test");
    const { header, rows } = await exportCsv(agent, { project: "SUP", status: "answered" });
    expect(header).toEqual([...EXPORT_COLUMNS]);
    const vpn = await db.ticket.findFirstOrThrow({
      where: { organizationId: demo.acme.id, title: "VPN disconnects every 10 minutes" },
      select: { number: true, createdAt: true, updatedAt: true },
    });
    expect(rows).toEqual([[vpn.number, "VPN disconnects every 10 minutes", "answered", "high", "Rita Requester", "Sam Agent", "SUP", vpn.createdAt.toISOString(), vpn.updatedAt.toISOString()]]);
  });

  it("a requester's export holds only their own tickets", async () => {
    const requester = a("requester2@acme.test");
    const own = await db.ticket.findMany({ where: { requesterId: requester.id, deletedAt: null }, select: { number: true } });
    expect(own.length).toBeGreaterThan(0);
    const { numbers } = await exportCsv(requester);
    expect(numbers.sort()).toEqual(own.map((t) => t.number).sort());
  });

  it("another organization's tickets never appear, and its own export holds only its own", async () => {
    const globexTitles = (await db.ticket.findMany({ where: { organizationId: demo.globex.id }, select: { title: true } })).map((t) => t.title);
    const acmeTitles = (await db.ticket.findMany({ where: { organizationId: demo.acme.id }, select: { title: true } })).map((t) => t.title);
    const acme = await exportCsv(a("admin@acme.test"));
    for (const title of globexTitles) expect(acme.text).not.toContain(title);
    for (const title of globexTitles) expect((await exportCsv(a("admin@acme.test"), { q: title })).rows).toEqual([]);
    const globex = await exportCsv(a("admin@globex.test"));
    expect(globex.numbers.sort()).toEqual(["SUP-1", "SUP-2"]);
    for (const title of acmeTitles) expect(globex.text).not.toContain(title);
  });

  it("words only in an internal note match for staff, never for the requester", async () => {
    const requester = a("requester@acme.test");
    const t = await createTicket(requester, { requestType: "support", title: "Docking station is dead" });
    await addComment(a("agent@acme.test"), { ticketId: t.id, body: "Vendor case under the codeword xylophonic", internal: true });
    expect((await exportCsv(a("agent@acme.test"), { q: "xylophonic" })).numbers).toEqual([t.number]);
    const mine = await exportCsv(requester, { q: "xylophonic" });
    expect(mine.rows).toEqual([]);
    expect(mine.text).not.toContain("Docking station");
  });

  it("walks the view in keyset batches (every row exactly once), ignoring a cursor in the URL", async () => {
    const admin = a("admin@acme.test");
    const all = await db.ticket.count({ where: { organizationId: demo.acme.id, deletedAt: null } });
    const firstPage = await deskPage(admin, { filters: q(), limit: 2 });
    const { rows, chunks, numbers } = await exportCsv(admin, { cursor: firstPage.nextCursor! }, { batchSize: 3 });
    expect(rows).toHaveLength(all);
    expect(new Set(numbers).size).toBe(all);
    // The header, then one chunk per batch of three.
    expect(chunks).toHaveLength(1 + Math.ceil(all / 3));
  });

  it("writes one audit row with the view, the row count, IP and user agent", async () => {
    const agent = a("agent@acme.test");
    const before = await db.auditLog.count({ where: { action: "desk.export" } });
    const { rows } = await exportCsv(agent, { priority: "normal,high", sort: "created", cursor: "whatever" }, { meta: { ip: "203.0.113.9", userAgent: "vitest-agent" } });
    expect(await db.auditLog.count({ where: { action: "desk.export" } })).toBe(before + 1);
    const row = await lastExport(agent.id);
    expect(row).toMatchObject({ organizationId: demo.acme.id, ip: "203.0.113.9", userAgent: "vitest-agent" });
    expect(row.data).toMatchObject({ query: "state=all&priority=normal%2Chigh&sort=created", rows: rows.length, complete: true, filters: { priority: ["normal", "high"], sort: "created" } });
    expect((row.data as Record<string, unknown>).filters).not.toHaveProperty("cursor");
  });

  it("an export cancelled half-way is audited as incomplete with the rows already sent", async () => {
    const admin = a("admin@acme.test");
    const csv = deskCsv(admin, q(), { batchSize: 2 });
    await csv.next(); // header
    await csv.next(); // first batch
    await csv.return(undefined);
    expect((await lastExport(admin.id)).data).toMatchObject({ rows: 2, complete: false });
  });

  it("a title that looks like a formula is exported as text", async () => {
    const t = await createTicket(a("requester@acme.test"), { requestType: "support", title: '=HYPERLINK("http://evil.test","Click")' });
    const { rows } = await exportCsv(a("agent@acme.test"), { q: t.number });
    expect(rows.map((r) => r[1])).toEqual([`'=HYPERLINK("http://evil.test","Click")`]);
  });
});
