import { beforeAll, describe, expect, it } from "vitest";
import { db, sqlRows } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { createTicket } from "@/lib/domain/tickets/create-ticket";
import { updateTicket } from "@/lib/domain/tickets/update-ticket";
import { getTicketDetail } from "@/lib/domain/tickets/queries";
import { deskPage } from "@/lib/domain/desk/desk-query";
import { parseDeskQuery } from "@/lib/validation/desk";
import { DEMO_EMAILS, expectAppError, seededDemo, type Demo } from "@/test/integration/helpers";
import { requesterCustomerId, requesterCustomerSql } from "./requester-customer";

let demo: Demo;
const a = (email: keyof Demo["actors"]) => demo.actors[email];
let initech: string;
let umbrella: string;

beforeAll(async () => {
  demo = await seededDemo();
  initech = (await db.customer.findFirstOrThrow({ where: { organizationId: demo.acme.id, name: "Initech" } })).id;
  umbrella = (await db.customer.findFirstOrThrow({ where: { organizationId: demo.acme.id, name: "Umbrella Corp" } })).id;
});

const customerOf = async (ticketId: string) => (await db.ticket.findUniqueOrThrow({ where: { id: ticketId }, select: { customerId: true } })).customerId;
const sqlRule = async (userId: string) => (await sqlRows<{ id: string | null }>(Prisma.sql`SELECT ${requesterCustomerSql(userId)}::text AS "id"`))[0]!.id;

/** A requester of Acme made for the test (the demo's own stay as they are). */
async function newRequester(email: string) {
  const role = await db.role.findFirstOrThrow({ where: { organizationId: demo.acme.id, builtIn: "requester" } });
  const sup = await demo.project(demo.acme.id, "SUP");
  const user = await db.user.create({ data: { organizationId: demo.acme.id, email, name: email.split("@")[0]!, roleId: role.id, passwordHash: "x" } });
  await db.projectMember.create({ data: { projectId: sup.id, userId: user.id, organizationId: demo.acme.id } });
  const { actorFor } = await import("@/test/integration/helpers");
  return { user, actor: await actorFor(email) };
}

describe("a requester's customer: the contact link, else the e-mail's domain", () => {
  it("the demo: Rita's tickets are Initech's (her contact record), nobody else's have a customer", async () => {
    const rows = await db.ticket.groupBy({ by: ["requesterId", "customerId"], where: { organizationId: demo.acme.id }, _count: true });
    const rita = a("requester@acme.test").id;
    expect(rows.filter((r) => r.requesterId === rita).map((r) => r.customerId)).toEqual([initech]);
    expect(rows.filter((r) => r.requesterId !== rita).every((r) => r.customerId === null)).toBe(true);
  });

  it("creation writes it; a linked contact decides (even without a customer), a domain only for those with no contact", async () => {
    const byDomain = await newRequester("bill@initech.test");
    const t1 = await createTicket(byDomain.actor, { requestType: "support", title: "By domain", description: "" });
    expect(await customerOf(t1.id)).toBe(initech);

    // Linked to a contact at Umbrella: the link wins over the domain.
    const contact = await db.contact.create({ data: { organizationId: demo.acme.id, name: "Bill", userId: byDomain.user.id, customerId: umbrella } });
    const t2 = await createTicket(byDomain.actor, { requestType: "support", title: "By contact", description: "" });
    expect(await customerOf(t2.id)).toBe(umbrella);
    // A contact without a customer means none, whatever the domain.
    await db.contact.update({ where: { id: contact.id }, data: { customerId: null } });
    const t3 = await createTicket(byDomain.actor, { requestType: "support", title: "Contact without customer", description: "" });
    expect(await customerOf(t3.id)).toBeNull();
    // Tickets keep the customer they were made with.
    expect([await customerOf(t1.id), await customerOf(t2.id)]).toEqual([initech, umbrella]);

    // A domain claimed in another organization is not this one's.
    await db.customer.create({ data: { organizationId: demo.globex.id, name: "Stark", domains: { create: [{ organizationId: demo.globex.id, domain: "stark.test" }] } } });
    const elsewhere = await newRequester("tony@stark.test");
    const t4 = await createTicket(elsewhere.actor, { requestType: "support", title: "Other organization's domain", description: "" });
    expect(await customerOf(t4.id)).toBeNull();
  });

  it("the SQL of the creation statement and its Prisma twin agree for every user", async () => {
    const users = await db.user.findMany({ select: { id: true, email: true } });
    expect(users.length).toBeGreaterThanOrEqual(DEMO_EMAILS.length);
    let withCustomer = 0;
    for (const u of users) {
      const prisma = await requesterCustomerId(db, u.id);
      expect(await sqlRule(u.id), u.email).toBe(prisma);
      if (prisma) withCustomer++;
    }
    // Both kinds of answer were checked.
    expect(withCustomer).toBeGreaterThan(0);
    expect(withCustomer).toBeLessThan(users.length);
  });
});

describe("a ticket's customer on the ticket page", () => {
  it("staff who edit the ticket change it (internal history row with names, new version); others may not; another organization's id names none", async () => {
    const t = await createTicket(a("requester2@acme.test"), { requestType: "support", title: "Whose is it", description: "" });
    const v = (await db.ticket.findUniqueOrThrow({ where: { id: t.id } })).version;
    const r = await updateTicket(a("agent@acme.test"), { ticketId: t.id, version: v, changes: { customerId: umbrella } });
    expect(r).toMatchObject({ version: v + 1, changed: 1 });
    expect(await customerOf(t.id)).toBe(umbrella);
    const h = await db.ticketHistory.findFirstOrThrow({ where: { ticketId: t.id, field: "customer" } });
    expect(h).toMatchObject({ action: "field_change", oldValue: null, newValue: "Umbrella Corp", internal: true, actorId: a("agent@acme.test").id });
    // The same customer again changes nothing.
    expect(await updateTicket(a("agent@acme.test"), { ticketId: t.id, version: v + 1, changes: { customerId: umbrella } })).toMatchObject({ changed: 0 });

    const globexCustomer = await db.customer.create({ data: { organizationId: demo.globex.id, name: "Globex's customer" } });
    const history = await db.ticketHistory.count();
    const refused = await expectAppError(updateTicket(a("agent@acme.test"), { ticketId: t.id, version: v + 1, changes: { customerId: globexCustomer.id } }), "VALIDATION");
    expect(refused.fieldErrors?.customerId?.[0]).toMatch(/Choose a customer/);
    await expectAppError(updateTicket(a("requester2@acme.test"), { ticketId: t.id, version: v + 1, changes: { customerId: null } }), "FORBIDDEN");
    await expectAppError(updateTicket(a("agent@globex.test"), { ticketId: t.id, version: v + 1, changes: { customerId: null } }), "NOT_FOUND");
    expect(await customerOf(t.id)).toBe(umbrella);
    expect(await db.ticketHistory.count()).toBe(history);

    await updateTicket(a("agent@acme.test"), { ticketId: t.id, version: v + 1, changes: { customerId: null } });
    expect(await customerOf(t.id)).toBeNull();
  });

  it("staff see it on the page; the requester's view carries neither its name nor its id", async () => {
    const rita = a("requester@acme.test");
    const t = await createTicket(rita, { requestType: "support", title: "Initech's printer", description: "" });
    const staff = await getTicketDetail(a("agent@acme.test"), t.number);
    expect(staff.customer).toEqual({ id: initech, name: "Initech" });
    const own = await getTicketDetail(rita, t.number, { ownOnly: true, requesterView: true });
    expect(own.customer).toBeNull();
    expect(own.customerId).toBeNull();
    expect(JSON.stringify(own)).not.toContain(initech);
  });
});

describe("the desk's Customer filter", () => {
  const numbers = async (email: keyof Demo["actors"], params: Record<string, string>) =>
    (await deskPage(a(email), { filters: parseDeskQuery(new URLSearchParams({ state: "all", ...params })), limit: 200 })).rows.map((r) => r.number).sort();

  it("filters Ticket.customerId in SQL, within the viewer's scope; another organization's customer finds nothing", async () => {
    const initechTickets = (await db.ticket.findMany({ where: { customerId: initech, deletedAt: null }, select: { number: true } })).map((t) => t.number).sort();
    expect(initechTickets.length).toBeGreaterThan(3);
    expect(await numbers("admin@acme.test", { customer: initech })).toEqual(initechTickets);
    // With another filter (AND) and with two customers (OR).
    const open = await numbers("admin@acme.test", { customer: initech, status: "open" });
    expect(open.length).toBeGreaterThan(0);
    expect(open.every((n) => initechTickets.includes(n))).toBe(true);
    const umbrellaTickets = (await db.ticket.findMany({ where: { customerId: umbrella, deletedAt: null }, select: { number: true } })).map((t) => t.number);
    expect(await numbers("admin@acme.test", { customer: `${initech},${umbrella}` })).toEqual([...initechTickets, ...umbrellaTickets].sort());
    // A requester's desk query is still their own tickets only.
    expect(await numbers("requester2@acme.test", { customer: initech })).toEqual([]);
    // Globex's staff filtering by Acme's customer: nothing.
    expect(await numbers("admin@globex.test", { customer: initech })).toEqual([]);
    // A malformed id is dropped (the desk shows unfiltered).
    expect((await numbers("admin@acme.test", { customer: "not-a-uuid" })).length).toBeGreaterThan(initechTickets.length);
  });

  it("reads Ticket_customer_idx", async () => {
    // A customer with one ticket, as most are: by the end of a full run most of Acme's tickets are
    // Initech's (its requester opens them), and for a filter that keeps most rows any index serves.
    const few = await db.customer.create({ data: { organizationId: demo.acme.id, name: "Explain Ltd" }, select: { id: true } });
    const one = await db.ticket.findFirstOrThrow({ where: { organizationId: demo.acme.id, deletedAt: null }, select: { id: true } });
    await db.ticket.update({ where: { id: one.id }, data: { customerId: few.id } });
    await db.$executeRawUnsafe(`ANALYZE "Ticket"`);
    const { deskConditions } = await import("@/lib/domain/desk/desk-query");
    const where = await deskConditions(a("admin@acme.test"), parseDeskQuery(new URLSearchParams({ customer: few.id })));
    const explain = (tx: Parameters<Parameters<typeof db.$transaction>[0]>[0]) =>
      tx.$queryRaw<{ "QUERY PLAN": string }[]>`EXPLAIN (COSTS OFF) SELECT t."id" FROM "Ticket" t WHERE ${Prisma.join(where, " AND ")} ORDER BY t."updatedAt" DESC, t."id" DESC LIMIT 51`;
    const plan = (await explain(db as never)).map((r) => r["QUERY PLAN"]).join("\n");
    // With the demo's few tickets the planner may still read the whole table: with a scan of it made expensive, the index must be usable.
    const forced = await db.$transaction(async (tx) => {
      await tx.$executeRawUnsafe(`SET LOCAL enable_seqscan = off`);
      return (await explain(tx)).map((r) => r["QUERY PLAN"]).join("\n");
    });
    expect(`${plan}\n${forced}`, forced).toMatch(/Ticket_customer_idx/);
  });
});
