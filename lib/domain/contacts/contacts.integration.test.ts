import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { mergeTags } from "@/lib/domain/tags/merge-tags";
import { expectAppError, seededDemo, type Demo } from "@/test/integration/helpers";
import { PICKER_LIMIT } from "@/lib/validation/contacts";
import { createContact, updateContact } from "./save-contact";
import { deleteContact } from "./delete-contact";
import { listContacts } from "./list-contacts";
import { searchRequesterCandidates } from "./requester-candidates";

let demo: Demo;
const a = (email: keyof Demo["actors"]) => demo.actors[email];
const meta = { ip: "198.51.100.8", userAgent: "vitest" };
let ids: { initech: string; umbrella: string; globexCustomer: string; globexTag: string; requester2: string; agent: string; globexRequester: string };

beforeAll(async () => {
  demo = await seededDemo();
  const customer = (organizationId: string, name: string) => db.customer.findFirstOrThrow({ where: { organizationId, name }, select: { id: true } });
  const user = (email: string) => db.user.findUniqueOrThrow({ where: { email }, select: { id: true } });
  const globexCustomer = await db.customer.create({ data: { organizationId: demo.globex.id, name: "Globex's own" } });
  const globexTag = await db.tag.create({ data: { organizationId: demo.globex.id, name: "globex-only" } });
  ids = {
    initech: (await customer(demo.acme.id, "Initech")).id,
    umbrella: (await customer(demo.acme.id, "Umbrella Corp")).id,
    globexCustomer: globexCustomer.id,
    globexTag: globexTag.id,
    requester2: (await user("requester2@acme.test")).id,
    agent: (await user("agent@acme.test")).id,
    globexRequester: (await user("requester@globex.test")).id,
  };
});

async function footprint() {
  const [contacts, contactTags, audits] = await Promise.all([
    db.contact.findMany({ orderBy: { id: "asc" } }),
    db.contactTag.findMany({ orderBy: [{ contactId: "asc" }, { tagId: "asc" }] }),
    db.auditLog.count(),
  ]);
  return { contacts, contactTags, audits };
}

const tagsOf = async (contactId: string) => (await db.contactTag.findMany({ where: { contactId }, select: { tag: { select: { name: true } } } })).map((t) => t.tag.name).sort();

describe("contacts: create", () => {
  it("with a customer, a requester account and existing tags, audited by name; the e-mail is unique per organization", async () => {
    const admin = a("admin@acme.test");
    const made = await createContact(
      admin,
      { name: "Rob Requester", email: "Rob@Initech.TEST", phone: "+1 555 0102 x12", title: "Accounts", customerId: ids.initech, userId: ids.requester2, tags: ["network", "hardware", "network"] },
      meta,
    );
    const row = await db.contact.findUniqueOrThrow({ where: { id: made.id } });
    expect(row).toMatchObject({ email: "rob@initech.test", customerId: ids.initech, userId: ids.requester2, version: 1 });
    expect(await tagsOf(made.id)).toEqual(["hardware", "network"]);
    const audit = await db.auditLog.findFirstOrThrow({ where: { entityId: made.id, action: "contact.created" } });
    expect(audit).toMatchObject({ actorId: admin.id, ip: "198.51.100.8", entityType: "Contact" });
    expect(audit.data).toEqual({
      old: {},
      new: { name: "Rob Requester", email: "rob@initech.test", phone: "+1 555 0102 x12", title: "Accounts", notes: "", customer: "Initech", requester: "requester2@acme.test", tags: ["hardware", "network"] },
    });

    const before = await footprint();
    const dup = await expectAppError(createContact(admin, { name: "Another Rob", email: "ROB@initech.test" }), "VALIDATION");
    expect(dup.fieldErrors?.email?.[0]).toMatch(/Rob Requester already has this e-mail address/);
    const linked = await expectAppError(createContact(admin, { name: "Rob again", userId: ids.requester2 }), "VALIDATION");
    expect(linked.fieldErrors?.userId?.[0]).toMatch(/already the contact “Rob Requester”/);
    const staff = await expectAppError(createContact(admin, { name: "Sam as a contact", userId: ids.agent }), "VALIDATION");
    expect(staff.fieldErrors?.userId?.[0]).toMatch(/Choose a requester/);
    const unknownTag = await expectAppError(createContact(admin, { name: "Tagged", tags: ["no-such-tag"] }), "VALIDATION");
    expect(unknownTag.fieldErrors?.tags?.[0]).toMatch(/“no-such-tag” is not a tag/);
    const phone = await expectAppError(createContact(admin, { name: "Phone", phone: "call me" }), "VALIDATION");
    expect(phone.fieldErrors?.phone?.[0]).toMatch(/digits/);
    const email = await expectAppError(createContact(admin, { name: "Mail", email: "not-an-address" }), "VALIDATION");
    expect(email.fieldErrors?.email?.[0]).toMatch(/valid e-mail/);
    for (const who of ["agent@acme.test", "manager@acme.test", "requester@acme.test"] as const) {
      await expectAppError(createContact(a(who), { name: "Nope" }), "NOT_FOUND");
    }
    expect(await footprint()).toEqual(before);
    // Contacts without an e-mail are many: NULLs never clash.
    await createContact(admin, { name: "No mail one", email: "" });
    await createContact(admin, { name: "No mail two" });
  });

  it("another organization's customer, requester or tag is refused on its field exactly like an unknown one, and nothing is written", async () => {
    const admin = a("admin@acme.test");
    const before = await footprint();
    const unknown = "0196f5a0-0000-7000-8000-00000000beef";
    for (const [field, foreign] of [
      ["customerId", ids.globexCustomer],
      ["userId", ids.globexRequester],
    ] as const) {
      const theirs = await expectAppError(createContact(admin, { name: "Cross", [field]: foreign }), "VALIDATION");
      const none = await expectAppError(createContact(admin, { name: "Cross", [field]: unknown }), "VALIDATION");
      expect(theirs.fieldErrors).toEqual(none.fieldErrors);
      expect(Object.keys(theirs.fieldErrors ?? {})).toEqual([field]);
    }
    const tag = await expectAppError(createContact(admin, { name: "Cross", tags: ["globex-only"] }), "VALIDATION");
    expect(tag.fieldErrors?.tags?.[0]).toMatch(/not a tag of your organization/);
    expect(await footprint()).toEqual(before);
  });
});

describe("contacts: edit and delete", () => {
  it("an edit is compare-and-set on the version and audits only what changed; the linked requester and tags follow the form", async () => {
    const admin = a("admin@acme.test");
    const c = await createContact(admin, { name: "Milton", email: "milton@initech.test", customerId: ids.initech, tags: ["hardware"] });
    const saved = await updateContact(admin, { id: c.id, version: 1, name: "Milton Waddams", email: "milton@initech.test", customerId: ids.umbrella, tags: ["access", "network"], title: "Stapler keeper" }, meta);
    expect(saved).toMatchObject({ version: 2, changed: true });
    expect(await tagsOf(c.id)).toEqual(["access", "network"]);
    const row = await db.auditLog.findFirstOrThrow({ where: { entityId: c.id, action: "contact.updated" } });
    expect(row.data).toEqual({
      contact: "Milton",
      old: { name: "Milton", title: null, customer: "Initech", tags: ["hardware"] },
      new: { name: "Milton Waddams", title: "Stapler keeper", customer: "Umbrella Corp", tags: ["access", "network"] },
    });
    const audits = await db.auditLog.count();
    expect(await updateContact(admin, { id: c.id, version: 2, name: "Milton Waddams", email: "milton@initech.test", customerId: ids.umbrella, tags: ["network", "access"], title: "Stapler keeper" })).toEqual({ id: c.id, version: 2, changed: false });
    expect(await db.auditLog.count()).toBe(audits);

    const before = await footprint();
    const stale = await expectAppError(updateContact(admin, { id: c.id, version: 1, name: "Bob" }), "CONFLICT");
    expect(stale.message).toMatch(/Someone else changed this contact first/);
    const clash = await expectAppError(updateContact(admin, { id: c.id, version: 2, name: "Milton Waddams", email: "alice@umbrella.test" }), "VALIDATION");
    expect(clash.fieldErrors?.email?.[0]).toMatch(/Alice Abernathy already has/);
    expect(await footprint()).toEqual(before);

    const gone = await deleteContact(admin, { id: c.id }, meta);
    expect(gone).toEqual({ id: c.id, name: "Milton Waddams" });
    expect(await db.contact.count({ where: { id: c.id } })).toBe(0);
    expect(await db.contactTag.count({ where: { contactId: c.id } })).toBe(0);
    const del = await db.auditLog.findFirstOrThrow({ where: { entityId: c.id, action: "contact.deleted" } });
    expect(del.data).toMatchObject({ old: { name: "Milton Waddams", customer: "Umbrella Corp", tags: ["access", "network"] }, new: {} });
  });

  it("another organization's admin gets NOT_FOUND for Acme's contacts and writes nothing", async () => {
    const globex = a("admin@globex.test");
    const rita = await db.contact.findFirstOrThrow({ where: { organizationId: demo.acme.id, email: "requester@acme.test" } });
    const before = await footprint();
    await expectAppError(updateContact(globex, { id: rita.id, version: rita.version, name: "Pwned" }), "NOT_FOUND");
    await expectAppError(deleteContact(globex, { id: rita.id }), "NOT_FOUND");
    expect((await listContacts(globex)).rows.map((r) => r.name)).not.toContain("Rita Requester");
    // Acme's customer as a filter names nothing in Globex: the filter is dropped.
    expect((await listContacts(globex, { customer: ids.initech })).customer).toBeNull();
    expect(await footprint()).toEqual(before);
  });

  it("merging a tag carries its contacts to the target (once)", async () => {
    const admin = a("admin@acme.test");
    const src = await db.tag.create({ data: { organizationId: demo.acme.id, name: "vip" } });
    const both = await createContact(admin, { name: "Both tags", tags: ["vip", "access"] });
    const one = await createContact(admin, { name: "One tag", tags: ["vip"] });
    await mergeTags(admin, { sourceId: src.id, target: "access" });
    expect(await tagsOf(both.id)).toEqual(["access"]);
    expect(await tagsOf(one.id)).toEqual(["access"]);
  });
});

describe("the contact list at 50,000", () => {
  it("pages by name, filters by customer, searches by prefix or any part of name or e-mail; the total is capped", async () => {
    const admin = a("admin@acme.test");
    const initechOnly = await listContacts(admin, { customer: ids.initech });
    expect(initechOnly.customer).toEqual({ id: ids.initech, name: "Initech" });
    // Rob joined Initech in the first test.
    expect(initechOnly.rows.map((r) => r.name)).toEqual(["Peter Gibbons", "Rita Requester", "Rob Requester"]);
    expect(initechOnly.rows[1]).toMatchObject({ customerName: "Initech", userName: "Rita Requester", userEmail: "requester@acme.test", tags: ["urgent-customer"] });
    expect((await listContacts(admin, { q: "umbrella.t" })).rows.map((r) => r.name)).toEqual(["Alice Abernathy"]);
    expect((await listContacts(admin, { q: "pe" })).rows.map((r) => r.name)).toEqual(["Peter Gibbons"]);

    // 50,000 people with names as varied as an organization's: 40 first names × 60 last names, e-mails at 300 domains.
    await db.$executeRaw`
      WITH n AS (
        SELECT i,
               (ARRAY['Ada','Alan','Anna','Ben','Carla','Chen','Dana','Emil','Eva','Farid','Grace','Hana','Ivan','Jon','Kim','Lars','Lea','Mia','Nils','Omar',
                      'Pia','Quinn','Rosa','Sami','Tara','Uma','Vera','Wim','Xena','Yuki','Zoe','Bo','Cy','Di','Ed','Flo','Gus','Hal','Ida','Jo'])[1 + i % 40] AS f,
               (ARRAY['Lovelace','Turing','Hopper','Knuth','Liskov','Ritchie','Thompson','Torvalds','Wirth','Dijkstra','Hoare','Kay','Lamport','McCarthy','Milner',
                      'Naur','Backus','Codd','Engelbart','Feigenbaum','Gray','Hamming','Iverson','Kahn','Cerf','Minsky','Newell','Perlis','Rabin','Scott',
                      'Stonebraker','Sutherland','Tarjan','Ullman','Valiant','Wilkes','Yao','Adleman','Bachman','Blum','Cocke','Corbato','Diffie','Floyd','Goldwasser',
                      'Hellman','Hinton','Kernighan','Lampson','Micali','Patterson','Pearl','Rivest','Shamir','Stearns','Thacker','Wing','Zuse','Aho','Hennessy'])[1 + (i / 40) % 60] AS l
          FROM generate_series(1, 50000) AS i
      )
      INSERT INTO "Contact" ("id", "organizationId", "customerId", "name", "email", "updatedAt")
      SELECT gen_random_uuid(), ${demo.acme.id}::uuid, CASE WHEN i % 10 = 0 THEN ${ids.umbrella}::uuid END,
             f || ' ' || l, lower(f) || '.' || lower(l) || i || '@mail' || (i % 300) || '.test', now()
        FROM n`;
    await db.$executeRawUnsafe(`ANALYZE "Contact"`);
    const lovelaces = (await db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM "Contact" WHERE name LIKE '% Lovelace'`)[0]!.n;
    const first = await listContacts(admin, { q: "lovelace" });
    expect(first.rows).toHaveLength(50);
    expect(first.total).toBe(lovelaces);
    expect(first.rows.every((r) => r.name.endsWith(" Lovelace"))).toBe(true);
    expect(first.rows.map((r) => r.name.toLowerCase())).toEqual([...first.rows.map((r) => r.name.toLowerCase())].sort());
    const second = await listContacts(admin, { q: "lovelace", after: first.next! });
    expect(second.rows).toHaveLength(50);
    expect(second.rows.some((r) => first.rows.some((f) => f.id === r.id))).toBe(false);
    const back = await listContacts(admin, { q: "lovelace", before: second.prev! });
    expect(back.rows.map((r) => r.id)).toEqual(first.rows.map((r) => r.id));
    expect((await listContacts(admin)).total).toBe(10_001);
    const [someone] = await db.$queryRaw<{ email: string }[]>`SELECT email FROM "Contact" WHERE email LIKE '%12345@%'`;
    expect((await listContacts(admin, { q: "12345@" })).rows.map((r) => r.email)).toEqual([someone!.email]);
    const umbrellas = await listContacts(admin, { customer: ids.umbrella });
    expect(umbrellas.total).toBe(5_001);
    expect(umbrellas.rows.every((r) => r.customerName === "Umbrella Corp")).toBe(true);
  });

  it("each filter reads one index in order (no sort of the organization's contacts)", async () => {
    const { contactPageSql, contactTotalSql } = await import("./list-contacts");
    const { readKeyset } = await import("./access");
    // The tags of each row are sorted (a sub-plan); the contacts never are.
    const contactSort = /Sort Key: .*\bk\./;
    const plan = async (sql: { text: string; values: unknown[] }) =>
      (await db.$queryRawUnsafe<{ "QUERY PLAN": string }[]>(`EXPLAIN (ANALYZE, COSTS OFF) ${sql.text}`, ...sql.values)).map((r) => r["QUERY PLAN"]).join("\n");
    const base = { organizationId: demo.acme.id, keyset: readKeyset({}) };
    const all = await plan(contactPageSql({ ...base, customerId: null, q: "" }));
    expect(all, all).toMatch(/Index Scan using "Contact_admin_order_idx"/);
    expect(all, all).not.toMatch(contactSort);
    const prefix = await plan(contactPageSql({ ...base, customerId: null, q: "ad" }));
    expect(prefix, prefix).toMatch(/Contact_admin_order_idx/);
    expect(prefix, prefix).not.toMatch(/Seq Scan on "Contact"/);
    const byCustomer = await plan(contactPageSql({ ...base, customerId: ids.umbrella, q: "" }));
    expect(byCustomer, byCustomer).toMatch(/Index Scan using "Contact_customer_order_idx"/);
    expect(byCustomer, byCustomer).not.toMatch(contactSort);
    const rare = await plan(contactPageSql({ ...base, customerId: null, q: "12345@" }));
    expect(rare, rare).toMatch(/Contact_search_idx/);
    const total = await plan(contactTotalSql({ ...base, customerId: null, q: "" }));
    // However it is read, the count stops at the cap.
    expect(total, total).toMatch(/Limit \(actual time=[\d.]+ rows=10001 loops=1\)/);
  });
});

describe("searchRequesterCandidates (GET /api/admin/contacts/requesters)", () => {
  it("offers active requesters of the organization who are no contact yet, by name or e-mail; admins only", async () => {
    const admin = a("admin@acme.test");
    // Rita is a contact already; requester2 became one above; staff are never offered.
    const all = (await searchRequesterCandidates(admin, { q: "" })).map((r) => r.name);
    expect(all).not.toContain("Rita Requester · requester@acme.test");
    expect(all.some((n) => /agent@acme/.test(n))).toBe(false);
    await db.user.create({ data: { organizationId: demo.acme.id, email: "nora@initech.test", name: "Nora Newcomer", roleId: (await db.role.findFirstOrThrow({ where: { organizationId: demo.acme.id, builtIn: "requester" } })).id } });
    expect((await searchRequesterCandidates(admin, { q: "no" })).map((r) => r.name)).toEqual(["Nora Newcomer · nora@initech.test"]);
    expect((await searchRequesterCandidates(admin, { q: "initech.t" })).map((r) => r.name)).toEqual(["Nora Newcomer · nora@initech.test"]);
    expect(await searchRequesterCandidates(a("admin@globex.test"), { q: "nora" })).toEqual([]);
    expect((await searchRequesterCandidates(admin, { q: "" })).length).toBeLessThanOrEqual(PICKER_LIMIT);
    await expectAppError(searchRequesterCandidates(a("agent@acme.test"), { q: "no" }), "NOT_FOUND");
  });
});
