import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createTicket } from "@/lib/domain/tickets/create-ticket";
import { updateTicket } from "@/lib/domain/tickets/update-ticket";
import { expectAppError, seededDemo, type Demo } from "@/test/integration/helpers";
import { PICKER_LIMIT } from "@/lib/validation/contacts";
import { createCustomer, updateCustomer } from "./save-customer";
import { deleteCustomer } from "./delete-customer";
import { listCustomers } from "./list-customers";
import { searchCustomers } from "./search-customers";

let demo: Demo;
const a = (email: keyof Demo["actors"]) => demo.actors[email];
const meta = { ip: "198.51.100.7", userAgent: "vitest" };

beforeAll(async () => {
  demo = await seededDemo();
});

/** Every row the customer writers could touch, to prove a refusal wrote nothing. */
async function footprint() {
  const [customers, domains, contacts, tickets, history, audits] = await Promise.all([
    db.customer.findMany({ orderBy: { id: "asc" } }),
    db.customerDomain.findMany({ orderBy: [{ organizationId: "asc" }, { domain: "asc" }] }),
    db.contact.findMany({ orderBy: { id: "asc" } }),
    db.ticket.findMany({ orderBy: { id: "asc" }, select: { id: true, customerId: true, version: true } }),
    db.ticketHistory.count(),
    db.auditLog.count(),
  ]);
  return { customers, domains, contacts, tickets, history, audits };
}

const initech = () => db.customer.findFirstOrThrow({ where: { organizationId: demo.acme.id, name: "Initech" } });

describe("customers: create and edit", () => {
  it("a name is unique per organization whatever its case; each domain belongs to one customer; audited with old and new values", async () => {
    const admin = a("admin@acme.test");
    const made = await createCustomer(admin, { name: "  Hooli ", domains: ["@Hooli.test", "hooli.example", "hooli.test"], notes: "Big one" }, meta);
    expect(made).toMatchObject({ name: "Hooli", version: 1 });
    expect((await db.customerDomain.findMany({ where: { customerId: made.id }, orderBy: { domain: "asc" } })).map((d) => d.domain)).toEqual(["hooli.example", "hooli.test"]);
    const row = await db.auditLog.findFirstOrThrow({ where: { entityId: made.id, action: "customer.created" } });
    expect(row).toMatchObject({ actorId: admin.id, ip: "198.51.100.7", userAgent: "vitest", entityType: "Customer" });
    expect(row.data).toEqual({ old: {}, new: { name: "Hooli", domains: ["hooli.example", "hooli.test"], notes: "Big one" } });

    const before = await footprint();
    const dup = await expectAppError(createCustomer(admin, { name: "HOOLI" }), "VALIDATION");
    expect(dup.fieldErrors?.name?.[0]).toMatch(/“Hooli” already exists/);
    const claimed = await expectAppError(createCustomer(admin, { name: "Pied Piper", domains: ["piper.test", "initech.test"] }), "VALIDATION");
    expect(claimed.fieldErrors?.domains?.[0]).toMatch(/initech\.test already belongs to Initech/);
    const bad = await expectAppError(createCustomer(admin, { name: "Bad domains", domains: ["not a domain"] }), "VALIDATION");
    expect(bad.fieldErrors?.["domains.0"]?.[0]).toMatch(/initech\.test/);
    await expectAppError(createCustomer(admin, { name: "" }), "VALIDATION");
    // Non-admins administer no customers: to them it does not exist.
    for (const who of ["agent@acme.test", "manager@acme.test", "requester@acme.test"] as const) {
      await expectAppError(createCustomer(a(who), { name: "Nope" }), "NOT_FOUND");
    }
    expect(await footprint()).toEqual(before);
    // The same name and domain in another organization are another customer's.
    await createCustomer(a("admin@globex.test"), { name: "Hooli", domains: ["hooli.test"] });
  });

  it("an edit is compare-and-set on the version, writes only what changed, and refuses another customer's name or domain", async () => {
    const admin = a("admin@acme.test");
    const c = await createCustomer(admin, { name: "Vandelay", domains: ["vandelay.test"] });
    const saved = await updateCustomer(admin, { id: c.id, version: 1, name: "Vandelay Industries", domains: ["vandelay.test", "vandelay.example"], notes: "Imports" }, meta);
    expect(saved).toMatchObject({ version: 2, changed: true });
    const row = await db.auditLog.findFirstOrThrow({ where: { entityId: c.id, action: "customer.updated" } });
    expect(row.data).toEqual({
      customer: "Vandelay",
      old: { name: "Vandelay", domains: ["vandelay.test"], notes: "" },
      new: { name: "Vandelay Industries", domains: ["vandelay.example", "vandelay.test"], notes: "Imports" },
    });
    // A rename that only changes the case of its own name is fine.
    expect(await updateCustomer(admin, { id: c.id, version: 2, name: "VANDELAY Industries", domains: ["vandelay.test", "vandelay.example"], notes: "Imports" })).toMatchObject({ version: 3 });
    // Nothing changed: no new version, no audit row.
    const audits = await db.auditLog.count();
    expect(await updateCustomer(admin, { id: c.id, version: 3, name: "VANDELAY Industries", domains: ["vandelay.example", "vandelay.test"], notes: "Imports" })).toEqual({ id: c.id, version: 3, changed: false });
    expect(await db.auditLog.count()).toBe(audits);

    const before = await footprint();
    const stale = await expectAppError(updateCustomer(admin, { id: c.id, version: 2, name: "Kramerica", domains: [], notes: "" }), "CONFLICT");
    expect(stale.message).toMatch(/Someone else changed this customer first/);
    const clash = await expectAppError(updateCustomer(admin, { id: c.id, version: 3, name: "initech", domains: [], notes: "" }), "VALIDATION");
    expect(clash.fieldErrors?.name?.[0]).toMatch(/“Initech” already exists/);
    const taken = await expectAppError(updateCustomer(admin, { id: c.id, version: 3, name: "Vandelay", domains: ["initech.test"], notes: "" }), "VALIDATION");
    expect(taken.fieldErrors?.domains?.[0]).toMatch(/belongs to Initech/);
    expect(await footprint()).toEqual(before);
  });

  it("the list is keyset-paged by name, searched by prefix or any part, and its total is capped", async () => {
    const admin = a("admin@acme.test");
    await db.customer.createMany({ data: Array.from({ length: 30 }, (_, i) => ({ organizationId: demo.acme.id, name: `Bulk customer ${String(i).padStart(2, "0")}` })) });
    const first = await listCustomers(admin, { q: "bulk" });
    expect(first.rows).toHaveLength(25);
    expect(first.total).toBe(30);
    expect(first.prev).toBeNull();
    const second = await listCustomers(admin, { q: "bulk", after: first.next! });
    expect(second.rows.map((r) => r.name)).toEqual(["Bulk customer 25", "Bulk customer 26", "Bulk customer 27", "Bulk customer 28", "Bulk customer 29"]);
    expect(second.next).toBeNull();
    const back = await listCustomers(admin, { q: "bulk", before: second.prev! });
    expect(back.rows.map((r) => r.name)).toEqual(first.rows.map((r) => r.name));
    expect((await listCustomers(admin, { q: "tomer 2" })).rows.map((r) => r.name)).toEqual(Array.from({ length: 10 }, (_, i) => `Bulk customer 2${i}`));
    expect((await listCustomers(admin, { q: "um" })).rows.map((r) => r.name)).toEqual(["Umbrella Corp"]);
    // A forged cursor is the first page, LIKE's wildcards are literal.
    expect((await listCustomers(admin, { q: "bulk", after: "garbage" })).rows[0]?.name).toBe("Bulk customer 00");
    expect((await listCustomers(admin, { q: "%" })).rows).toEqual([]);
    const initechRow = (await listCustomers(admin, { q: "initech" })).rows[0];
    expect(initechRow).toMatchObject({ name: "Initech", domains: ["initech.test"], contacts: 2 });
    await db.customer.deleteMany({ where: { name: { startsWith: "Bulk customer" } } });
  });
});

describe("customers: delete", () => {
  it("its tickets lose it (history row and new version each), its contacts stay without it, its domains go; one audit row says how many", async () => {
    const admin = a("admin@acme.test");
    const c = await createCustomer(admin, { name: "Soylent", domains: ["soylent.test"] });
    const contact = await db.contact.create({ data: { organizationId: demo.acme.id, name: "Sol Roth", customerId: c.id } });
    const ticket = await createTicket(a("requester2@acme.test"), { requestType: "support", title: "Soylent ticket", description: "" });
    const t0 = await db.ticket.findUniqueOrThrow({ where: { id: ticket.id } });
    await updateTicket(a("agent@acme.test"), { ticketId: ticket.id, version: t0.version, changes: { customerId: c.id } });
    const v1 = (await db.ticket.findUniqueOrThrow({ where: { id: ticket.id } })).version;

    const r = await deleteCustomer(admin, { id: c.id }, meta);
    expect(r).toEqual({ id: c.id, name: "Soylent", contacts: 1, tickets: 1 });
    expect(await db.customer.count({ where: { id: c.id } })).toBe(0);
    expect(await db.customerDomain.count({ where: { domain: "soylent.test" } })).toBe(0);
    expect((await db.contact.findUniqueOrThrow({ where: { id: contact.id } })).customerId).toBeNull();
    const after = await db.ticket.findUniqueOrThrow({ where: { id: ticket.id } });
    expect(after).toMatchObject({ customerId: null, version: v1 + 1 });
    const history = await db.ticketHistory.findMany({ where: { ticketId: ticket.id, field: "customer" }, orderBy: { createdAt: "asc" } });
    expect(history.map((h) => [h.oldValue, h.newValue, h.internal, h.actorId])).toEqual([
      [null, "Soylent", true, a("agent@acme.test").id],
      ["Soylent", null, true, admin.id],
    ]);
    const row = await db.auditLog.findFirstOrThrow({ where: { entityId: c.id, action: "customer.deleted" } });
    expect(row.data).toEqual({ old: { name: "Soylent", domains: ["soylent.test"], notes: "" }, new: {}, contacts: 1, tickets: 1 });
  });
});

describe("another organization's admin", () => {
  it("gets NOT_FOUND for Acme's customer ids and writes nothing", async () => {
    const globex = a("admin@globex.test");
    const acme = await initech();
    const before = await footprint();
    await expectAppError(updateCustomer(globex, { id: acme.id, version: acme.version, name: "Pwned", domains: [], notes: "" }), "NOT_FOUND");
    await expectAppError(deleteCustomer(globex, { id: acme.id }), "NOT_FOUND");
    expect((await listCustomers(globex)).rows.map((r) => r.name)).not.toContain("Initech");
    expect(await footprint()).toEqual(before);
  });
});

describe("searchCustomers (GET /api/customers/search)", () => {
  it("answers staff and admins with the organization's customers by name, at most 20; requesters get NOT_FOUND", async () => {
    expect((await searchCustomers(a("agent@acme.test"), { q: "" })).map((c) => c.name)).toEqual(expect.arrayContaining(["Initech", "Umbrella Corp"]));
    expect((await searchCustomers(a("agent@acme.test"), { q: "ini" })).map((c) => c.name)).toEqual(["Initech"]);
    expect((await searchCustomers(a("agent@acme.test"), { q: "brella" })).map((c) => c.name)).toEqual(["Umbrella Corp"]);
    expect(await searchCustomers(a("agent@globex.test"), { q: "ini" })).toEqual([]);
    await db.customer.createMany({ data: Array.from({ length: 30 }, (_, i) => ({ organizationId: demo.acme.id, name: `Many ${i}` })) });
    expect(await searchCustomers(a("admin@acme.test"), { q: "many" })).toHaveLength(PICKER_LIMIT);
    await db.customer.deleteMany({ where: { name: { startsWith: "Many " } } });
    await expectAppError(searchCustomers(a("requester@acme.test"), { q: "ini" }), "NOT_FOUND");
    const nul = await expectAppError(searchCustomers(a("agent@acme.test"), { q: "in\u0000" }), "VALIDATION");
    expect(nul.fieldErrors?.q?.[0]).toMatch(/NUL/);
  });
});
