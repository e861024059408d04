import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { loadDemoData, seededDemo, type Demo, type DemoEmail } from "@/test/integration/helpers";
import { seedTicket } from "@/prisma/factories";
import { createTicket, creationFacts } from "./create-ticket";
import { createSubtask } from "@/lib/domain/relationships/create-subtask";
import { allocateNumber } from "./numbering";
import { recordHistory } from "./history";
import { rankAfter } from "@/lib/domain/board/rank";
import { itemData, loadAsset } from "@/lib/domain/changes/items";
import { validateItems, type ItemDraft } from "@/lib/domain/changes/validate-items";
import { writeLink } from "@/lib/domain/relationships/write-link";
import { notify } from "@/lib/domain/notifications/notify";
import { requesterCustomerId } from "@/lib/domain/customers/requester-customer";
import type { Priority, TicketType } from "@/lib/generated/prisma/enums";

// Issue 12 §2: a ticket is made by one statement (insert-ticket.ts), which
// re-implements in SQL what the Prisma writers write elsewhere — the requester's
// customer (requesterCustomerId), the number counter (allocateNumber), history
// (recordHistory), the requester's watcher row, change items, the parent link
// (writeLink) and the notifications (notify). The data builders (prisma/factories.ts seedTicket) create through
// the same statement. For each workflow this makes one ticket three ways on the
// same demo database —
//   app:     createTicket / createSubtask (the creation statement),
//   factory: seedTicket (the creation statement, reached by the data builders),
//   prisma:  the Prisma writers composed in one transaction (the reference),
// and compares every row each writes. A kind of row one path drops (or writes
// twice) makes its rows differ; each case also names the kinds it must write.

const NOW = new Date("2031-05-04T10:20:30.000Z");

interface Case {
  name: string;
  as: DemoEmail;
  projectKey: string;
  title: string;
  description: string;
  priority: Priority;
  type?: TicketType;
  submit?: boolean;
  items?: ItemDraft[];
  withAsset?: boolean;
  /** Created as a subtask of a ticket the same person made just before. */
  subtask?: boolean;
  /** Row kinds this creation must write (besides the ticket). */
  kinds: (keyof Omit<Written, "tickets">)[];
}

const CASES: Case[] = [
  { name: "support request", as: "requester@acme.test", projectKey: "SUP", title: "Compare: the scanner is offline", description: "Since Monday.", priority: "high", kinds: ["history", "watchers", "notifications", "outbox", "counters"] },
  {
    name: "change with items, submitted",
    as: "requester@acme.test",
    projectKey: "CHG",
    title: "Compare: two more NVMe drives",
    description: "For the WAL volume.",
    priority: "normal",
    submit: true,
    withAsset: true,
    items: [
      { action: "add", componentType: "storage", componentRef: "Samsung PM9A3 1.92TB NVMe", quantity: 2 },
      { action: "modify", componentType: "nic", currentValue: "Onboard 1GbE", requestedValue: "MTU 9000", quantity: 1 },
    ],
    kinds: ["history", "watchers", "items", "notifications", "outbox", "counters"],
  },
  { name: "change draft", as: "requester2@acme.test", projectKey: "CHG", title: "Compare: a draft change", description: "", priority: "low", withAsset: true, items: [{ action: "add", componentType: "gpu", componentRef: "NVIDIA L4", quantity: 1 }], kinds: ["history", "watchers", "items", "counters"] },
  { name: "kanban card", as: "admin@acme.test", projectKey: "ENG", title: "Compare: a kanban card", description: "Card body.", priority: "normal", type: "bug", kinds: ["history", "watchers", "counters"] },
  { name: "subtask with parent", as: "manager@acme.test", projectKey: "SUP", title: "Compare: a subtask", description: "Part of it.", priority: "normal", subtask: true, kinds: ["history", "watchers", "relationships", "notifications", "outbox", "counters"] },
];

type Row = Record<string, unknown>;
interface Written {
  tickets: Row[];
  history: Row[];
  watchers: Row[];
  relationships: Row[];
  items: Row[];
  notifications: Row[];
  outbox: Row[];
  counters: Row[];
}

async function readAll(): Promise<Written> {
  return {
    tickets: await db.ticket.findMany(),
    history: await db.ticketHistory.findMany(),
    watchers: await db.watcher.findMany(),
    relationships: await db.relationship.findMany(),
    items: await db.changeItem.findMany(),
    notifications: await db.notification.findMany(),
    outbox: await db.outboxMessage.findMany(),
    counters: await db.numberCounter.findMany(),
  };
}

const KEYS: Record<keyof Written, (r: Row) => string> = {
  tickets: (r) => String(r.id),
  history: (r) => String(r.id),
  watchers: (r) => `${r.ticketId}/${r.userId}`,
  relationships: (r) => String(r.id),
  items: (r) => String(r.id),
  notifications: (r) => String(r.id),
  outbox: (r) => String(r.id),
  counters: (r) => `${r.organizationId}/${r.scope}`,
};

const same = (a: Row, b: Row) => JSON.stringify(a) === JSON.stringify(b);

/**
 * The rows written or changed since `before`, normalised: row ids dropped,
 * ticket ids replaced by the ticket's number, timestamps by "<time>" (each
 * path's clock differs: recordHistory and notify's rows take the database's,
 * the statement the creation's `now`; the ticket's own times are checked
 * against `now` separately).
 */
function written(before: Written, after: Written): Record<keyof Written, string[]> {
  const numbers = new Map(after.tickets.map((t) => [String(t.id), String(t.number)]));
  const norm = (r: Row): Row => {
    const out: Row = {};
    for (const [k, v] of Object.entries(r)) {
      if (k === "id") continue;
      if (v instanceof Date) out[k] = "<time>";
      else if (typeof v === "string" && numbers.has(v)) out[k] = `ticket ${numbers.get(v)}`;
      else out[k] = v;
    }
    return out;
  };
  const result = {} as Record<keyof Written, string[]>;
  for (const kind of Object.keys(KEYS) as (keyof Written)[]) {
    const old = new Map(before[kind].map((r) => [KEYS[kind](r), r]));
    result[kind] = after[kind]
      .filter((r) => !old.has(KEYS[kind](r)) || !same(old.get(KEYS[kind](r))!, r))
      .map((r) => JSON.stringify(norm(r), Object.keys(norm(r)).sort()))
      .sort();
  }
  return result;
}

let demo: Demo;
beforeAll(async () => {
  demo = await seededDemo();
});

const actor = (email: DemoEmail): Actor => demo.actors[email];

async function assetIdOf(c: Case): Promise<string | null> {
  if (!c.withAsset) return null;
  return (await db.asset.findFirstOrThrow({ where: { organizationId: demo.acme.id, tag: "SRV-001" }, select: { id: true } })).id;
}

/** The parent a subtask case hangs under: made by the same person just before, the same way on every path. */
async function parentFor(c: Case) {
  if (!c.subtask) return null;
  return createTicket(actor(c.as), { projectKey: c.projectKey, title: "Compare: the parent", description: "" }, { now: new Date(NOW.getTime() - 60_000) });
}

type Path = (c: Case, parent: { id: string; number: string } | null) => Promise<unknown>;

const throughApp: Path = async (c, parent) => {
  if (parent) return createSubtask(actor(c.as), { parentId: parent.id, title: c.title, description: c.description }, { now: NOW });
  return createTicket(
    actor(c.as),
    { projectKey: c.projectKey, title: c.title, description: c.description, priority: c.priority, type: c.type, assetId: (await assetIdOf(c)) ?? undefined, items: c.items, submit: c.submit },
    { now: NOW },
  );
};

const throughFactory: Path = async (c, parent) => {
  const project = await demo.project(demo.acme.id, c.projectKey);
  return seedTicket(db, {
    project,
    requesterId: actor(c.as).id,
    title: c.title,
    description: c.description,
    priority: c.priority,
    type: c.type,
    assetId: await assetIdOf(c),
    items: c.items,
    submit: c.submit,
    parent,
    createdAt: NOW,
  });
};

/** The reference: what the Prisma writers write for the same creation, in one transaction. */
const throughPrismaWriters: Path = async (c, parent) => {
  const me = actor(c.as);
  const project = await demo.project(demo.acme.id, c.projectKey);
  const submit = project.workflow === "change" && !!c.submit;
  const facts = await creationFacts(db, project.id, submit);
  const assetId = await assetIdOf(c);
  const asset = assetId ? await loadAsset(me.organizationId, assetId) : null;
  const items = c.items ?? [];
  const validations = validateItems(items, asset);
  const type = c.type ?? (project.workflow === "support" ? "request" : project.workflow === "change" ? "change" : "task");
  return db.$transaction(async (tx) => {
    const { number, seq } = await allocateNumber(tx, project, NOW);
    const t = await tx.ticket.create({
      data: {
        organizationId: me.organizationId,
        projectId: project.id,
        number,
        seq,
        type,
        title: c.title,
        description: c.description,
        priority: c.priority,
        status: facts.status,
        columnId: facts.columnId,
        rank: rankAfter(facts.lastRank),
        requesterId: me.id,
        teamId: facts.defaultTeamId,
        // The requester's customer, by the rule's Prisma twin (lib/domain/customers/requester-customer.ts).
        customerId: await requesterCustomerId(tx, me.id),
        assetId,
        slaStartedAt: project.workflow === "support" || submit ? NOW : null,
        submittedAt: submit ? NOW : null,
        createdAt: NOW,
        updatedAt: NOW,
      },
    });
    await recordHistory(tx, t, me.id, [{ action: "created", newValue: t.status }]);
    // The requester follows their request from the start (watchers.ts): the watcher row, no watcher_added history.
    await tx.watcher.createMany({ data: [{ ticketId: t.id, userId: me.id, organizationId: t.organizationId, createdAt: NOW }] });
    if (items.length) {
      await tx.changeItem.createMany({
        data: items.map((item, position) => ({ ...itemData(item, validations[position]!), position, organizationId: t.organizationId, ticketId: t.id, createdAt: NOW, updatedAt: NOW })),
      });
    }
    if (parent) {
      await writeLink(tx, me.id, { sourceId: parent.id, targetId: t.id, type: "parent" }, { source: { ...parent, organizationId: t.organizationId }, target: t }, NOW);
    }
    await notify(tx, { event: "ticket_created", ticket: t, actorId: me.id });
    if (t.status === "pending") await notify(tx, { event: "approval_needed", ticket: t, actorId: me.id });
    return t;
  });
};

const PATHS: Record<"app" | "factory" | "prisma", Path> = { app: throughApp, factory: throughFactory, prisma: throughPrismaWriters };

/** Runs one path on a fresh copy of the demo data; returns what it wrote. */
async function run(c: Case, path: Path) {
  await loadDemoData();
  const parent = await parentFor(c);
  const before = await readAll();
  await path(c, parent ? { id: parent.id, number: parent.number } : null);
  const after = await readAll();
  const created = after.tickets.find((t) => t.title === c.title)!;
  return { rows: written(before, after), ticket: created };
}

describe("one creation path: the statement writes what the Prisma writers would", () => {
  for (const c of CASES) {
    it(`${c.name}: app, factory and Prisma writers write the same rows`, async () => {
      const results = {} as Record<keyof typeof PATHS, Awaited<ReturnType<typeof run>>>;
      for (const [name, path] of Object.entries(PATHS) as [keyof typeof PATHS, Path][]) results[name] = await run(c, path);

      const app = results.app;
      // The ticket's own times are the creation's `now` on every path.
      for (const r of Object.values(results)) {
        expect(r.ticket.createdAt).toEqual(NOW);
        expect(r.ticket.updatedAt).toEqual(NOW);
      }
      // Every kind the creation must write is there (so a kind dropped by every path fails too).
      expect(app.rows.tickets.length).toBe(c.subtask ? 2 : 1); // a subtask touches its parent's updatedAt
      for (const kind of c.kinds) expect(app.rows[kind].length, `${c.name}: ${kind}`).toBeGreaterThan(0);
      for (const kind of ["items", "relationships"] as const) if (!c.kinds.includes(kind)) expect(app.rows[kind], `${c.name}: ${kind}`).toEqual([]);

      expect(results.factory.rows, "factory vs app").toEqual(app.rows);
      expect(results.prisma.rows, "Prisma writers vs the creation statement").toEqual(app.rows);
    });
  }
});
