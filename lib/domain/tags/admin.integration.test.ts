import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { updateTicket } from "@/lib/domain/tickets/update-ticket";
import { expectAppError, seededDemo, type Demo } from "@/test/integration/helpers";
import { createTag } from "./create-tag";
import { updateTag } from "./update-tag";
import { deleteTag } from "./delete-tag";
import { mergeTags } from "./merge-tags";
import { listTagsForAdmin } from "./list-tags";

let demo: Demo;
const a = (email: keyof Demo["actors"]) => demo.actors[email];
const meta = { ip: "198.51.100.4", userAgent: "vitest" };

beforeAll(async () => {
  demo = await seededDemo();
});

/** Acme tickets above number 2 (DESIGN §11), for tagging. */
async function acmeTickets(n: number) {
  return db.ticket.findMany({ where: { organizationId: demo.acme.id, deletedAt: null }, orderBy: { number: "asc" }, take: n, select: { id: true, version: true } });
}

async function tagTickets(ticketIds: string[], names: string[]) {
  const admin = a("admin@acme.test");
  for (const id of ticketIds) {
    const t = await db.ticket.findUniqueOrThrow({ where: { id }, select: { version: true, tags: { select: { tag: { select: { name: true } } } } } });
    await updateTicket(admin, { ticketId: id, version: t.version, changes: { tags: [...new Set([...t.tags.map((x) => x.tag.name), ...names])] } });
  }
}

const tagsOf = async (ticketId: string) =>
  (await db.ticketTag.findMany({ where: { ticketId }, select: { tag: { select: { name: true } } } })).map((x) => x.tag.name).sort();

async function footprint() {
  const [tags, ticketTags, history, audits, versions] = await Promise.all([
    db.tag.findMany({ orderBy: { id: "asc" } }),
    db.ticketTag.count(),
    db.ticketHistory.count(),
    db.auditLog.count(),
    db.ticket.aggregate({ _sum: { version: true } }),
  ]);
  return { tags, ticketTags, history, audits, versions };
}

describe("tags: create and edit", () => {
  it("names are one rule (trimmed, lower-case): unique per organization whatever the case; colour is #rrggbb", async () => {
    const admin = a("admin@acme.test");
    const tag = await createTag(admin, { name: "  Printers ", color: "#AABBCC", description: "Anything that prints" }, meta);
    expect(tag).toMatchObject({ name: "printers", color: "#aabbcc", description: "Anything that prints", version: 1 });
    const dup = await expectAppError(createTag(admin, { name: "PRINTERS", color: "#000000" }), "VALIDATION");
    expect(dup.fieldErrors?.name?.[0]).toMatch(/already exists/);
    const colour = await expectAppError(createTag(admin, { name: "scanners", color: "red" }), "VALIDATION");
    expect(colour.fieldErrors?.color?.[0]).toMatch(/#64748b/);
    const bad = await expectAppError(createTag(admin, { name: "-x", color: "#000000" }), "VALIDATION");
    expect(bad.fieldErrors?.name).toBeTruthy();
    // The same name in another organization is another tag.
    await createTag(a("admin@globex.test"), { name: "printers", color: "#112233" });
    // Non-admins manage no tags.
    for (const who of ["agent@acme.test", "manager@acme.test", "requester@acme.test"] as const) {
      await expectAppError(createTag(a(who), { name: "nope", color: "#000000" }), "NOT_FOUND");
    }
    const row = await db.auditLog.findFirstOrThrow({ where: { entityId: tag.id, action: "tag.created" } });
    expect(row).toMatchObject({ ip: "198.51.100.4", userAgent: "vitest", actorId: admin.id });
    expect(row.data).toEqual({ old: {}, new: { name: "printers", color: "#aabbcc", description: "Anything that prints" } });
  });

  it("an edit is compare-and-set on the version and audited with old and new values; a rename onto another tag is refused", async () => {
    const admin = a("admin@acme.test");
    const tag = await createTag(admin, { name: "wifi", color: "#0ea5e9" });
    const saved = await updateTag(admin, { id: tag.id, version: tag.version, name: "Wi-Fi", color: "#0284c7", description: "Wireless" }, meta);
    expect(saved).toMatchObject({ version: 2, changed: true });
    const stale = await expectAppError(updateTag(admin, { id: tag.id, version: 1, name: "wlan", color: "#0284c7" }), "CONFLICT");
    expect(stale.message).toMatch(/Someone else changed this tag first/);
    expect(await db.tag.findUniqueOrThrow({ where: { id: tag.id }, select: { name: true, color: true, description: true } })).toEqual({ name: "wi-fi", color: "#0284c7", description: "Wireless" });
    const clash = await expectAppError(updateTag(admin, { id: tag.id, version: 2, name: "Network", color: "#0284c7" }), "VALIDATION");
    expect(clash.fieldErrors?.name?.[0]).toMatch(/merge into it/);
    const row = await db.auditLog.findFirstOrThrow({ where: { entityId: tag.id, action: "tag.updated" } });
    expect(row.data).toEqual({ tag: "wifi", old: { name: "wifi", color: "#0ea5e9", description: "" }, new: { name: "wi-fi", color: "#0284c7", description: "Wireless" } });
  });
});

describe("tags: delete and merge", () => {
  it("delete takes the tag off its tickets (history row each, new version) in one transaction with its audit row", async () => {
    const admin = a("admin@acme.test");
    const tag = await createTag(admin, { name: "temporary", color: "#f97316" });
    const [t1, t2] = await acmeTickets(2);
    await tagTickets([t1!.id, t2!.id], ["temporary"]);
    const listed = (await listTagsForAdmin(admin, { q: "temp" })).rows;
    expect(listed.map((r) => [r.name, r.tickets])).toEqual([["temporary", 2]]);
    const v1 = (await db.ticket.findUniqueOrThrow({ where: { id: t1!.id } })).version;
    const r = await deleteTag(admin, { id: tag.id }, meta);
    expect(r.tickets).toBe(2);
    expect(await db.tag.count({ where: { id: tag.id } })).toBe(0);
    expect(await tagsOf(t1!.id)).not.toContain("temporary");
    expect((await db.ticket.findUniqueOrThrow({ where: { id: t1!.id } })).version).toBe(v1 + 1);
    expect(await db.ticketHistory.count({ where: { ticketId: { in: [t1!.id, t2!.id] }, action: "tag_removed", oldValue: "temporary", actorId: admin.id } })).toBe(2);
    const row = await db.auditLog.findFirstOrThrow({ where: { entityId: tag.id, action: "tag.deleted" } });
    expect(row.data).toEqual({ old: { name: "temporary", color: "#f97316", description: "" }, new: {}, tickets: 2 });
  });

  it("merge: every ticket of the source carries the target once (no duplicate rows), the source goes, counts and audit say how many", async () => {
    const admin = a("admin@acme.test");
    const source = await createTag(admin, { name: "net", color: "#22c55e" });
    const [t1, t2, t3] = await acmeTickets(3);
    await tagTickets([t1!.id, t2!.id], ["net"]);
    await tagTickets([t2!.id, t3!.id], ["network"]);
    const target = await db.tag.findFirstOrThrow({ where: { organizationId: demo.acme.id, name: "network" } });
    const before = new Map((await listTagsForAdmin(admin)).rows.map((r) => [r.name, r.tickets]));
    expect([before.get("net"), before.get("network")]).toEqual([2, 2]);

    const mergedAt = new Date((await db.$queryRaw<{ now: Date }[]>`SELECT now() AS now`)[0]!.now.getTime() - 1);
    const r = await mergeTags(admin, { sourceId: source.id, target: "Network" }, meta);
    expect(r).toEqual({ sourceId: source.id, targetId: target.id, tickets: 2, added: 1, alreadyTagged: 1 });
    expect(await db.tag.count({ where: { id: source.id } })).toBe(0);
    for (const t of [t1!, t2!, t3!]) expect(await tagsOf(t.id)).toContain("network");
    expect(await db.ticketTag.count({ where: { tagId: target.id } })).toBe(3);
    const after = new Map((await listTagsForAdmin(admin)).rows.map((r) => [r.name, r.tickets]));
    expect([after.has("net"), after.get("network")]).toEqual([false, 3]);
    // History written by the merge: t1 lost "net" and gained "network"; t2 (which had both) only lost "net".
    const written = await db.ticketHistory.findMany({ where: { createdAt: { gte: mergedAt }, action: { in: ["tag_added", "tag_removed"] } }, select: { ticketId: true, action: true, oldValue: true, newValue: true } });
    const of = (id: string) => written.filter((h) => h.ticketId === id).map((h) => `${h.action}:${h.oldValue ?? h.newValue}`).sort();
    expect(of(t1!.id)).toEqual(["tag_added:network", "tag_removed:net"]);
    expect(of(t2!.id)).toEqual(["tag_removed:net"]);
    expect(of(t3!.id)).toEqual([]);
    const row = await db.auditLog.findFirstOrThrow({ where: { action: "tag.merged", entityId: target.id } });
    expect(row.data).toEqual({ old: { name: "net", color: "#22c55e", description: "" }, new: { mergedInto: "network" }, tickets: 2, added: 1, alreadyTagged: 1 });
    expect(row).toMatchObject({ ip: "198.51.100.4", userAgent: "vitest" });

    await expectAppError(mergeTags(admin, { sourceId: target.id, target: "network" }), "VALIDATION");
    const missing = await expectAppError(mergeTags(admin, { sourceId: target.id, target: "no-such-tag" }), "VALIDATION");
    expect(missing.fieldErrors?.target?.[0]).toMatch(/no tag named/);
  });

  it("the list is paged by name and searched by prefix", async () => {
    const admin = a("admin@acme.test");
    for (let i = 0; i < 55; i++) await createTag(admin, { name: `bulk-${String(i).padStart(2, "0")}`, color: "#64748b" });
    const first = await listTagsForAdmin(admin, { q: "bulk" });
    expect(first.rows).toHaveLength(50);
    expect(first.hasNext).toBe(true);
    const second = await listTagsForAdmin(admin, { q: "bulk", page: 2 });
    expect(second.rows.map((r) => r.name)).toEqual(["bulk-50", "bulk-51", "bulk-52", "bulk-53", "bulk-54"]);
    expect(second.hasNext).toBe(false);
    expect((await listTagsForAdmin(admin, { q: "BULK-0" })).rows).toHaveLength(10);
  });
});

describe("another organization's admin", () => {
  it("gets NOT_FOUND for Acme tag ids and writes nothing", async () => {
    const globex = a("admin@globex.test");
    const acmeTag = await db.tag.findFirstOrThrow({ where: { organizationId: demo.acme.id, name: "hardware" } });
    await db.tag.upsert({ where: { organizationId_name: { organizationId: demo.globex.id, name: "mine" } }, create: { organizationId: demo.globex.id, name: "mine" }, update: {} });
    const before = await footprint();
    await expectAppError(updateTag(globex, { id: acmeTag.id, version: acmeTag.version, name: "pwned", color: "#000000" }), "NOT_FOUND");
    await expectAppError(deleteTag(globex, { id: acmeTag.id }), "NOT_FOUND");
    await expectAppError(mergeTags(globex, { sourceId: acmeTag.id, target: "mine" }), "NOT_FOUND");
    // An Acme tag's name as the target names nothing in Globex.
    const globexTag = await db.tag.findFirstOrThrow({ where: { organizationId: demo.globex.id, name: "mine" } });
    await expectAppError(mergeTags(globex, { sourceId: globexTag.id, target: "hardware" }), "VALIDATION");
    expect((await listTagsForAdmin(globex)).rows.map((r) => r.name)).not.toContain("hardware");
    expect(await footprint()).toEqual(before);
  });
});
