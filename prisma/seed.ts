// Demo data (DESIGN §11). Runs on the first start of the embedded database and
// with `npm run db:seed`; does nothing when organizations already exist.
// It loads lib/ modules that import "server-only": run it with
// `tsx --conditions=react-server` (every script here does).
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { db, getPool } from "@/lib/db";
import type { TicketStatus } from "@/lib/generated/prisma/enums";
import type { ItemDraft } from "@/lib/domain/changes/validate-items";
import { addMember, createOrganization, createProject, createTeam, createUser, seedTicket } from "./factories";

const HOUR = 3_600_000;

export async function seedDemo(db: PrismaClient) {
  if ((await db.organization.count()) > 0) return false;
  const ago = (hours: number) => new Date(Date.now() - hours * HOUR);

  // ── Acme ──
  const acme = await createOrganization(db, { name: "Acme", slug: "acme" });
  const admin = await createUser(db, acme, { email: "admin@acme.test", name: "Ada Admin", role: "admin" });
  const manager = await createUser(db, acme, { email: "manager@acme.test", name: "Maria Manager", role: "manager" });
  const agent = await createUser(db, acme, { email: "agent@acme.test", name: "Sam Agent", role: "agent" });
  const tech = await createUser(db, acme, { email: "tech@acme.test", name: "Theo Technician", role: "technician" });
  const requester = await createUser(db, acme, { email: "requester@acme.test", name: "Rita Requester", role: "requester" });
  const requester2 = await createUser(db, acme, { email: "requester2@acme.test", name: "Rob Requester", role: "requester" });
  const staff = [agent, manager, tech, admin];

  // Support groups (seed 004): new SUP tickets start with the service desk.
  const serviceDesk = await createTeam(db, acme, { name: "Service desk", description: "First line: every new support request lands here.", memberIds: [agent.id] });
  await createTeam(db, acme, { name: "Infrastructure", description: "Servers, network and storage.", memberIds: [tech.id] });

  const sup = await createProject(db, acme, {
    key: "SUP",
    name: "IT Support",
    workflow: "support",
    leadId: agent.id,
    defaultTeamId: serviceDesk.id,
    members: [...staff.map((u) => ({ id: u.id, triage: u.id === agent.id })), { id: requester.id }, { id: requester2.id }],
  });
  const chg = await createProject(db, acme, {
    key: "CHG",
    name: "Server Changes",
    workflow: "change",
    numbering: "dated",
    leadId: manager.id,
    members: [...staff.map((u) => ({ id: u.id })), { id: requester.id }, { id: requester2.id }],
  });
  const eng = await createProject(db, acme, { key: "ENG", name: "Engineering", workflow: "kanban", leadId: admin.id, members: staff.map((u) => ({ id: u.id })) });

  const asset = await db.asset.create({
    data: {
      organizationId: acme.id,
      tag: "SRV-001",
      name: "db-prod-01",
      location: "Rack A3, Frankfurt",
      slotCapacities: { cpu: 2, ram: 16, storage: 8, nic: 4, gpu: 2, psu: 2 },
      components: {
        create: [
          { organizationId: acme.id, componentType: "cpu", reference: "Intel Xeon Gold 6338", quantity: 2, specifications: { cores: 32 } },
          { organizationId: acme.id, componentType: "ram", reference: "Samsung 32GB DDR4-3200 RDIMM", quantity: 8, specifications: { size: "32GB" } },
          { organizationId: acme.id, componentType: "storage", reference: "Samsung PM9A3 1.92TB NVMe", quantity: 4, specifications: { capacity: "1.92TB" } },
          { organizationId: acme.id, componentType: "nic", reference: "Onboard 1GbE", quantity: 1, serial: "NIC-ONB-0001" },
          { organizationId: acme.id, componentType: "psu", reference: "800W Platinum PSU", quantity: 2 },
        ],
      },
    },
  });

  // Customers and contacts (seed 003 Contact, seed 004 customer), before the tickets: Rita's requests are
  // made for Initech, whose contact record she is (lib/domain/customers/requester-customer.ts).
  const initech = await db.customer.create({
    data: { organizationId: acme.id, name: "Initech", notes: "Software company on the second floor.", domains: { create: [{ organizationId: acme.id, domain: "initech.test" }] } },
  });
  const umbrella = await db.customer.create({ data: { organizationId: acme.id, name: "Umbrella Corp", notes: "Laboratories; on-site visits by appointment." } });
  const contacts = [
    { name: "Rita Requester", email: "requester@acme.test", title: "Office manager", phone: "+1 555 0100", customerId: initech.id, userId: requester.id, tags: ["urgent-customer"] },
    { name: "Peter Gibbons", email: "peter@initech.test", title: "Software engineer", phone: "+1 555 0101", customerId: initech.id, userId: null, tags: ["hardware"] },
    { name: "Alice Abernathy", email: "alice@umbrella.test", title: "Head of IT", phone: "+1 555 0199", customerId: umbrella.id, userId: null, tags: ["network", "access"] },
  ];
  const contactIds = new Map<string, string>();
  for (const { tags: _tags, ...c } of contacts) contactIds.set(c.email, (await db.contact.create({ data: { organizationId: acme.id, ...c } })).id);

  const supportTickets: [TicketStatus, string, "low" | "normal" | "high" | "critical", boolean][] = [
    ["open", "Printer on floor 3 jams every morning", "normal", false],
    ["answered", "VPN disconnects every 10 minutes", "high", true],
    ["in_progress", "New starter needs a laptop", "normal", true],
    ["on_hold", "Licence renewal for the design suite", "low", true],
    ["waiting_for_response", "Cannot open shared calendar", "normal", true],
    ["resolved", "Password reset for the HR portal", "normal", true],
    ["closed", "Monitor flickers on desk 12", "low", true],
    ["open", "E-mail bounces from the sales mailbox", "critical", false],
  ];
  // Every ticket is made through the app's creation path and then walked to its
  // state through the domain's writers (factories.ts seedTicket): replies,
  // moves, assignments and their history rows, steps 30 minutes apart.
  let h = 200;
  for (const [status, title, priority, assigned] of supportTickets) {
    h -= 12;
    await seedTicket(db, {
      project: sup,
      requesterId: title.includes("sales") ? requester2.id : requester.id,
      title,
      description: `${title}. Reported through the portal.`,
      status,
      priority,
      assigneeIds: assigned ? [agent.id] : [],
      staffId: agent.id,
      createdAt: ago(h),
    });
  }

  const ram = "Samsung 32GB DDR4-3200 RDIMM";
  const changeTickets: [TicketStatus, string, ItemDraft][] = [
    ["draft", "Add 2 NVMe drives to db-prod-01", { action: "add", componentType: "storage", componentRef: "Samsung PM9A3 1.92TB NVMe", quantity: 2 }],
    ["pending", "Upgrade RAM on db-prod-01 to 512 GB", { action: "add", componentType: "ram", componentRef: ram, quantity: 8 }],
    ["approved", "Replace onboard NIC with a 10GbE card", { action: "replace", componentType: "nic", serial: "NIC-ONB-0001", currentValue: "Onboard 1GbE", requestedValue: "Intel X710 10GbE", quantity: 1 }],
    ["rejected", "Add a GPU for the reporting jobs", { action: "add", componentType: "gpu", componentRef: "NVIDIA L4", quantity: 1 }],
    ["in_progress", "Swap a failing PSU", { action: "replace", componentType: "psu", currentValue: "800W Platinum PSU", requestedValue: "800W Platinum PSU (new)", quantity: 1 }],
    ["deployed", "Add a spare NVMe for the WAL volume", { action: "add", componentType: "storage", componentRef: "Samsung PM9A3 1.92TB NVMe", quantity: 1 }],
    ["completed", "Replace two RAM modules after ECC errors", { action: "replace", componentType: "ram", currentValue: ram, requestedValue: ram, quantity: 2 }],
    ["cancelled", "Remove the second CPU", { action: "remove", componentType: "cpu", componentRef: "Intel Xeon Gold 6338", quantity: 1 }],
  ];
  h = 150;
  for (const [status, title, item] of changeTickets) {
    h -= 10;
    await seedTicket(db, {
      project: chg,
      requesterId: requester.id,
      title,
      description: `${title}. Requested for capacity planning.`,
      status,
      priority: "normal",
      assetId: asset.id,
      items: [item],
      assigneeIds: ["in_progress", "deployed", "completed"].includes(status) ? [tech.id] : [],
      staffId: manager.id,
      approverId: manager.id,
      reason: "The reporting jobs can move to the analytics cluster.",
      createdAt: ago(h),
      extra: { scheduledAt: ago(h - 24 * 3), estimatedMinutes: 60 },
    });
  }

  const kanbanCards: [TicketStatus, string, "task" | "bug" | "story"][] = [
    ["todo", "Write the runbook for database fail-over", "task"],
    ["todo", "Desk search ignores accents", "bug"],
    ["in_progress", "Self-service password reset", "story"],
    ["review", "Nightly backup verification job", "task"],
    ["done", "Move CI to the new runners", "task"],
  ];
  h = 100;
  for (const [status, title, type] of kanbanCards) {
    h -= 8;
    await seedTicket(db, { project: eng, requesterId: admin.id, title, status, type, assigneeIds: status === "todo" ? [] : [tech.id], staffId: admin.id, createdAt: ago(h), extra: { urgency: "normal", importance: "normal" } });
  }

  // ── Globex: exactly two tickets, SUP-1 and SUP-2 ──
  const globex = await createOrganization(db, { name: "Globex", slug: "globex" });
  const gAdmin = await createUser(db, globex, { email: "admin@globex.test", name: "Gina Admin", role: "admin" });
  const gAgent = await createUser(db, globex, { email: "agent@globex.test", name: "Gus Agent", role: "agent" });
  const gRequester = await createUser(db, globex, { email: "requester@globex.test", name: "Greta Requester", role: "requester" });
  const gSup = await createProject(db, globex, { key: "SUP", name: "Globex Support", workflow: "support", leadId: gAgent.id, members: [{ id: gAgent.id, triage: true }, { id: gAdmin.id }] });
  await addMember(db, gSup, gRequester.id);
  await seedTicket(db, { project: gSup, requesterId: gRequester.id, title: "Globex: badge reader at the front door", createdAt: ago(30) });
  await seedTicket(db, { project: gSup, requesterId: gRequester.id, title: "Globex: projector in room B is blurry", status: "in_progress", assigneeIds: [gAgent.id], createdAt: ago(20) });

  await db.tag.createMany({
    data: ["hardware", "network", "access", "urgent-customer"].map((name) => ({ organizationId: acme.id, name })),
  });
  const tagIds = new Map((await db.tag.findMany({ where: { organizationId: acme.id }, select: { id: true, name: true } })).map((t) => [t.name, t.id]));
  await db.contactTag.createMany({
    data: contacts.flatMap((c) => c.tags.map((name) => ({ contactId: contactIds.get(c.email)!, tagId: tagIds.get(name)!, organizationId: acme.id }))),
  });

  // Organization-wide canned responses (placeholders: lib/domain/canned-responses/placeholders.ts).
  await db.cannedResponse.createMany({
    data: [
      {
        title: "Greeting",
        body: "Hi {{requester.name}},\n\nThanks for reaching IT Support about **{{ticket.title}}** ({{ticket.number}}). We are looking into it and will update you here.\n\n{{agent.name}}",
      },
      {
        title: "Need more information",
        body: "Hi {{requester.name}},\n\nTo move {{ticket.number}} forward we need a little more:\n\n- when did it start?\n- what exactly do you see (a screenshot helps)?\n- which device are you on?\n\nThanks, {{agent.name}}",
      },
      {
        title: "Password reset steps",
        body: "Hi {{requester.name}},\n\n1. Open https://passwords.acme.test\n2. Choose **Forgot password** and follow the e-mail link.\n3. Sign in again everywhere (mail, VPN).\n\n{{agent.name}}",
      },
      {
        title: "Resolved, please confirm",
        body: "Hi {{requester.name}},\n\nWe believe {{ticket.number}} is fixed. If anything is still wrong, reply here or choose **Reopen** on the request.\n\n{{agent.name}}",
      },
    ].map((r) => ({ ...r, organizationId: acme.id })),
  });
  // The tickets were made and walked the way the app makes them, so their
  // notifications and e-mails were written too. The demo starts with an empty
  // bell and an empty outbox: nobody is told about the past, and a first start
  // sends no e-mails to the demo addresses.
  await db.notification.deleteMany({});
  await db.outboxMessage.deleteMany({});
  return true;
}

async function main() {
  // The app's own client and pool (lib/db): the domain writers the factories
  // call (replies, actors) run on it, so everything lands in one database.
  try {
    const seeded = await seedDemo(db);
    console.log(seeded ? "Seeded the demo organizations Acme and Globex." : "Database already has data; seed skipped.");
  } finally {
    await db.$disconnect();
    await getPool().end();
  }
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split("/").pop()!)) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
