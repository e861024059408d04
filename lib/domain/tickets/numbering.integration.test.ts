import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { addMember, createProject } from "@/prisma/factories";
import { createTicket } from "./create-ticket";
import { allocateNumber } from "./numbering";
import { seededDemo, type Demo } from "@/test/integration/helpers";

// DESIGN §3 "Numbering": allocated inside the creating transaction, never
// duplicated or reused under concurrency; the dated sequence is per
// organization per UTC day, shared by its dated projects, and widens past 9999.

let demo: Demo;
let requester: Actor;

beforeAll(async () => {
  demo = await seededDemo();
  requester = demo.actors["requester@acme.test"];
});

async function counter(organizationId: string, scope: string): Promise<number | null> {
  const row = await db.numberCounter.findUnique({ where: { organizationId_scope: { organizationId, scope } } });
  return row?.value ?? null;
}

const range = (from: number, count: number) => Array.from({ length: count }, (_, i) => from + i);
const seqOf = (number: string) => Number(number.slice(number.lastIndexOf("-") + 1));

describe("KEY-N numbering", () => {
  it("200 parallel creations in one project get 200 distinct, consecutive numbers", async () => {
    const sup = await demo.project(demo.acme.id, "SUP");
    const start = (await counter(demo.acme.id, `project:${sup.id}`))!;
    expect(start).toBe(8); // the demo's eight support tickets

    const created = await Promise.all(
      range(1, 200).map((i) => createTicket(requester, { projectKey: "SUP", title: `Parallel request ${i}` })),
    );
    const numbers = created.map((t) => t.number);
    expect(new Set(numbers).size).toBe(200);
    expect(numbers.every((n) => /^SUP-\d+$/.test(n))).toBe(true);
    expect(numbers.map(seqOf).sort((a, b) => a - b)).toEqual(range(start + 1, 200));
    expect(await counter(demo.acme.id, `project:${sup.id}`)).toBe(start + 200);

    const stored = await db.ticket.findMany({ where: { projectId: sup.id, id: { in: created.map((t) => t.id) } }, select: { number: true, seq: true } });
    expect(stored).toHaveLength(200);
    for (const t of stored) expect(t.seq).toBe(seqOf(t.number));
    expect(Math.max(...stored.map((t) => t.seq))).toBe(await counter(demo.acme.id, `project:${sup.id}`));
  });

  it("each project keeps its own sequence, and Globex's SUP is independent of Acme's", async () => {
    const g = await createTicket(demo.actors["requester@globex.test"], { projectKey: "SUP", title: "Globex third" });
    expect(g.number).toBe("SUP-3");
  });
});

describe("dated numbering TKT-YYYYMMDD-NNNN", () => {
  it("200 parallel allocations on one day: no duplicates, 0001…0200", async () => {
    const now = new Date("2031-03-14T12:00:00.000Z");
    const created = await Promise.all(
      range(1, 200).map((i) => createTicket(requester, { projectKey: "CHG", title: `Parallel change ${i}` }, { now })),
    );
    const numbers = created.map((t) => t.number).sort();
    expect(new Set(numbers).size).toBe(200);
    expect(numbers).toEqual(range(1, 200).map((n) => `TKT-20310314-${String(n).padStart(4, "0")}`));
    expect(await counter(demo.acme.id, "dated:20310314")).toBe(200);
    // Drafts consume a number, like every other creation.
    expect(new Set(created.map((t) => t.status))).toEqual(new Set(["draft"]));
  });

  it("restarts at 0001 on the next UTC day (injected clock across midnight)", async () => {
    const before = await createTicket(requester, { projectKey: "CHG", title: "Late change" }, { now: new Date("2031-05-31T23:59:59.000Z") });
    const lastMs = await createTicket(requester, { projectKey: "CHG", title: "Very late change" }, { now: new Date("2031-05-31T23:59:59.999Z") });
    const after = await createTicket(requester, { projectKey: "CHG", title: "Early change" }, { now: new Date("2031-06-01T00:00:00.000Z") });
    const next = await createTicket(requester, { projectKey: "CHG", title: "Early change 2" }, { now: new Date("2031-06-01T00:00:01.000Z") });
    expect([before.number, lastMs.number, after.number, next.number]).toEqual([
      "TKT-20310531-0001",
      "TKT-20310531-0002",
      "TKT-20310601-0001",
      "TKT-20310601-0002",
    ]);
    // The day is the UTC day, whatever the server's zone: 23:30 at UTC-5 is already tomorrow.
    const offset = await createTicket(requester, { projectKey: "CHG", title: "Evening in New York" }, { now: new Date("2031-05-31T23:30:00-05:00") });
    expect(offset.number).toBe("TKT-20310601-0003");
  });

  it("is shared by the organization's dated projects and separate per organization", async () => {
    const now = new Date("2031-08-08T08:00:00.000Z");
    const acmeAdmin = demo.actors["admin@acme.test"];
    await createProject(db, demo.acme, { key: "OPS", name: "Operations", workflow: "support", numbering: "dated", members: [{ id: acmeAdmin.id }] });
    const a1 = await createTicket(acmeAdmin, { projectKey: "CHG", title: "Change" }, { now });
    const a2 = await createTicket(acmeAdmin, { projectKey: "OPS", title: "Ops request" }, { now });
    const a3 = await createTicket(acmeAdmin, { projectKey: "CHG", title: "Change again" }, { now });
    expect([a1.number, a2.number, a3.number]).toEqual(["TKT-20310808-0001", "TKT-20310808-0002", "TKT-20310808-0003"]);

    const globexAdmin = demo.actors["admin@globex.test"];
    const gOps = await createProject(db, demo.globex, { key: "OPS", name: "Globex Ops", workflow: "support", numbering: "dated" });
    await addMember(db, gOps, globexAdmin.id);
    const g1 = await createTicket(globexAdmin, { projectKey: "OPS", title: "Globex ops" }, { now });
    expect(g1.number).toBe("TKT-20310808-0001");
  });

  it("widens past 9999", async () => {
    const now = new Date("2031-07-01T10:00:00.000Z");
    await db.numberCounter.create({ data: { organizationId: demo.acme.id, scope: "dated:20310701", value: 9998 } });
    const numbers: string[] = [];
    for (const title of ["Nine-nine-nine-nine", "Ten thousand", "Ten thousand and one"]) {
      numbers.push((await createTicket(requester, { projectKey: "CHG", title }, { now })).number);
    }
    expect(numbers).toEqual(["TKT-20310701-9999", "TKT-20310701-10000", "TKT-20310701-10001"]);
    const stored = await db.ticket.findFirstOrThrow({ where: { organizationId: demo.acme.id, number: "TKT-20310701-10000" }, select: { seq: true } });
    expect(stored.seq).toBe(10000);
  });
});

describe("rolled-back creations", () => {
  const MARKER = "numbering-rollback-marker";

  afterEach(async () => {
    await db.$executeRawUnsafe(`DROP TRIGGER IF EXISTS test_fail_watcher ON "Watcher"`);
    await db.$executeRawUnsafe(`DROP FUNCTION IF EXISTS test_fail_watcher()`);
  });

  /** Fails createTicket at its last write (the requester's watcher row) for tickets titled with the marker. */
  async function installFailingWatcherTrigger() {
    await db.$executeRawUnsafe(`
      CREATE FUNCTION test_fail_watcher() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF EXISTS (SELECT 1 FROM "Ticket" WHERE id = NEW."ticketId" AND title LIKE '${MARKER}%') THEN
          RAISE EXCEPTION 'test: watcher insert refused';
        END IF;
        RETURN NEW;
      END $$`);
    await db.$executeRawUnsafe(`CREATE TRIGGER test_fail_watcher BEFORE INSERT ON "Watcher" FOR EACH ROW EXECUTE FUNCTION test_fail_watcher()`);
  }

  it("a creation that fails after numbering gives the number back: the next committed number has no gap", async () => {
    const sup = await demo.project(demo.acme.id, "SUP");
    const scope = `project:${sup.id}`;
    const start = (await counter(demo.acme.id, scope))!;
    const tickets = await db.ticket.count();
    await installFailingWatcherTrigger();

    await expect(createTicket(requester, { projectKey: "SUP", title: `${MARKER} one` })).rejects.toThrow(/watcher insert refused/);
    expect(await counter(demo.acme.id, scope)).toBe(start);
    expect(await db.ticket.count()).toBe(tickets);
    expect(await db.ticket.count({ where: { title: { startsWith: MARKER } } })).toBe(0);

    const ok = await createTicket(requester, { projectKey: "SUP", title: "After the rollback" });
    expect(ok.number).toBe(`SUP-${start + 1}`);
  });

  it("under concurrency, failed creations leave no gaps between the committed ones", async () => {
    const now = new Date("2031-09-09T09:00:00.000Z");
    await installFailingWatcherTrigger();
    const results = await Promise.allSettled(
      range(1, 50).map((i) => createTicket(requester, { projectKey: "CHG", title: i % 5 === 0 ? `${MARKER} ${i}` : `Committed ${i}` }, { now })),
    );
    const ok = results.filter((r) => r.status === "fulfilled").map((r) => r.value.number).sort();
    expect(results.filter((r) => r.status === "rejected")).toHaveLength(10);
    expect(ok).toEqual(range(1, 40).map((n) => `TKT-20310909-${String(n).padStart(4, "0")}`));
    expect(await counter(demo.acme.id, "dated:20310909")).toBe(40);
  });

  it("allocateNumber in a transaction that rolls back leaves the counter as it was", async () => {
    const chg = await demo.project(demo.acme.id, "CHG");
    const now = new Date("2031-10-10T10:00:00.000Z");
    await expect(
      db.$transaction(async (tx) => {
        expect((await allocateNumber(tx, chg, now)).number).toBe("TKT-20311010-0001");
        expect((await allocateNumber(tx, chg, now)).number).toBe("TKT-20311010-0002");
        throw new Error("abort");
      }),
    ).rejects.toThrow("abort");
    expect(await counter(demo.acme.id, "dated:20311010")).toBeNull();
    const t = await createTicket(requester, { projectKey: "CHG", title: "First of the day" }, { now });
    expect(t.number).toBe("TKT-20311010-0001");
  });
});
