// One set of data builders for the seed, the integration tests and e2e.
import type { PrismaClient, Ticket } from "@/lib/generated/prisma/client";
import { Prisma } from "@/lib/generated/prisma/client";
import type { ColumnCategory, NumberingScheme, Priority, TicketStatus, TicketType, WorkflowKind } from "@/lib/generated/prisma/enums";
import type { BuiltInRole } from "@/lib/auth/permissions";
import { hashPassword } from "@/lib/auth/password";
import type { Tx } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { toPermissionSet } from "@/lib/auth/permissions";
import { creationFacts, DEFAULT_TYPE, newTicketFor } from "@/lib/domain/tickets/create-ticket";
import { insertTicket } from "@/lib/domain/tickets/insert-ticket";
import { writeTransition } from "@/lib/domain/tickets/transition-ticket";
import { writeAssignees } from "@/lib/domain/tickets/assign-ticket";
import { addComment } from "@/lib/domain/tickets/add-comment";
import { recordHistory, historyValue } from "@/lib/domain/tickets/history";
import { initialStatus, moveName, nextStatuses } from "@/lib/domain/tickets/workflow";
import { itemData, loadAsset } from "@/lib/domain/changes/items";
import { validateItems, type ItemDraft } from "@/lib/domain/changes/validate-items";
import { assetSnapshot } from "@/lib/domain/changes/apply-to-asset";
import { defaultColumnRows } from "@/lib/domain/projects/default-columns";
import { createBuiltInRoles } from "@/lib/domain/roles/built-in-roles";

export const DEMO_PASSWORD = "demo-password-1";

let demoHash: Promise<string> | undefined;
/** bcrypt is slow on purpose; hash the shared demo password once per process. */
export function demoPasswordHash() {
  demoHash ??= hashPassword(DEMO_PASSWORD);
  return demoHash;
}

export async function createOrganization(db: PrismaClient, input: { name: string; slug: string }) {
  const org = await db.organization.create({ data: input });
  return { ...org, roles: await createBuiltInRoles(db, org.id) };
}

export type SeededOrg = Awaited<ReturnType<typeof createOrganization>>;

export async function createUser(
  db: PrismaClient,
  org: SeededOrg,
  input: { email: string; name: string; role: BuiltInRole; active?: boolean; password?: string },
) {
  const passwordHash = input.password ? await hashPassword(input.password) : await demoPasswordHash();
  return db.user.create({
    data: {
      organizationId: org.id,
      email: input.email.toLowerCase(),
      name: input.name,
      roleId: org.roles[input.role],
      active: input.active ?? true,
      passwordHash,
    },
    select: { id: true, email: true, name: true, organizationId: true },
  });
}


/** A team (support group) with its members (staff: the admin page checks that; a builder trusts its caller). */
export async function createTeam(db: PrismaClient, org: { id: string }, input: { name: string; description?: string; memberIds?: string[] }) {
  return db.team.create({
    data: {
      organizationId: org.id,
      name: input.name,
      description: input.description ?? "",
      members: { create: (input.memberIds ?? []).map((userId) => ({ userId, organizationId: org.id })) },
    },
    select: { id: true, name: true, organizationId: true },
  });
}

export async function createProject(
  db: PrismaClient,
  org: { id: string },
  input: { key: string; name: string; workflow: WorkflowKind; numbering?: NumberingScheme; leadId?: string; members?: { id: string; triage?: boolean }[]; defaultTeamId?: string },
) {
  const project = await db.project.create({
    data: {
      organizationId: org.id,
      key: input.key,
      name: input.name,
      workflow: input.workflow,
      numbering: input.numbering ?? "key_sequence",
      leadId: input.leadId,
      defaultTeamId: input.defaultTeamId,
      members: { create: (input.members ?? []).map((m) => ({ userId: m.id, organizationId: org.id, triage: m.triage ?? false })) },
    },
  });
  if (input.workflow === "kanban") {
    await db.kanbanColumn.createMany({ data: defaultColumnRows(project) });
  }
  return project;
}

export async function addMember(db: PrismaClient, project: { id: string; organizationId: string }, userId: string) {
  await db.projectMember.create({ data: { projectId: project.id, userId, organizationId: project.organizationId } });
}

export interface TicketSeed {
  project: { id: string; organizationId: string; key: string; numbering: NumberingScheme; workflow: WorkflowKind };
  requesterId: string;
  title: string;
  description?: string;
  priority?: Priority;
  type?: TicketType;
  /** When it was created; the later steps follow `stepMinutes` apart. Default: so that the last step is now. */
  createdAt?: Date;
  /** Change requests: the target asset, and items validated against it as the app validates them. */
  assetId?: string | null;
  items?: ItemDraft[];
  /** A change request submitted as it is created (pending), as the portal's "Create request" does. */
  submit?: boolean;
  /** A subtask: the creation statement links it to this parent (same project). */
  parent?: { id: string; number: string } | null;
  /** A board position chosen by a test, as a reorder would leave it (a reorder writes no history). */
  rank?: string;

  // ── A later state for demo data, reached step by step through the domain's writers ──
  /** Where the ticket ends up: walked from the workflow's first state, one move (and history row) at a time. */
  status?: TicketStatus;
  assigneeIds?: string[];
  /** Who assigns, and who moves when nobody is assigned. Default: the project's lead, else the requester. */
  staffId?: string;
  /** Who approves or rejects a change. Default: staffId. */
  approverId?: string;
  /** The reason of a rejection. */
  reason?: string;
  /** Minutes between the steps (default 30). */
  stepMinutes?: number;
  /**
   * Field values no step sets (dates, a soft delete): a factory shortcut that
   * writes them in one update with a field_change history row each and a
   * version bump, as the field editor would. Never `status`.
   */
  extra?: Record<string, unknown>;
}

/**
 * Makes a ticket through the app's own creation path (insert-ticket.ts
 * insertTicket with create-ticket.ts newTicketFor): number from the project's
 * counter, rank at the bottom of its column, the requester as watcher, the
 * `created` history row, items, the parent link and the creation
 * notifications — exactly what createTicket writes. Then, for demo data, it
 * moves the ticket to `status` through the domain's writers:
 *
 * - a support ticket past `open` first gets a public staff reply (addComment:
 *   the first response, open → answered), then each move through
 *   writeTransition (the one status writer) with its history row and notices;
 * - a change is submitted, approved or rejected, assigned before it starts,
 *   deployed and completed move by move;
 * - assignees through writeAssignees (what setAssignees writes).
 *
 * Shortcuts, on purpose: the moves are the domain's writes without the
 * person-facing checks of transitionTicket (permissions, versions, item
 * fulfilment before deploy), and a deploy does not apply the items to the
 * asset — the demo server keeps the components it was seeded with — though it
 * records the asset as the app's deploy does, so a roll back works.
 */
export async function seedTicket(db: PrismaClient, t: TicketSeed): Promise<Ticket> {
  const workflow = t.project.workflow;
  const submit = workflow === "change" && !!t.submit;
  const first = submit ? "pending" : initialStatus(workflow);
  const target = t.status ?? first;
  const path = walk(workflow, first, target);
  const assigneeIds = t.assigneeIds ?? [];
  const stepMs = (t.stepMinutes ?? 30) * 60_000;
  const steps = path.length + (assigneeIds.length ? 1 : 0) + (t.extra && Object.keys(t.extra).length ? 1 : 0);
  const createdAt = t.createdAt ?? new Date(Date.now() - steps * stepMs);
  let at = createdAt.getTime();
  const next = () => new Date((at += stepMs));

  const facts = await creationFacts(db, t.project.id, submit);
  const asset = t.assetId ? await loadAsset(t.project.organizationId, t.assetId, db as unknown as Tx) : null;
  if (t.assetId && !asset) throw new Error(`No asset ${t.assetId} in the project's organization`);
  const items = t.items ?? [];
  const validations = validateItems(items, asset);
  const created = await insertTicket(
    db,
    newTicketFor(facts, {
      requesterId: t.requesterId,
      type: t.type ?? DEFAULT_TYPE[workflow],
      title: t.title,
      description: t.description ?? "",
      priority: t.priority ?? "normal",
      assetId: asset?.id ?? null,
      submit,
      items: items.map((item, i) => itemData(item, validations[i]!)),
      parent: t.parent ?? null,
      rank: t.rank,
      now: createdAt,
    }),
  );

  const lead = (await db.project.findUniqueOrThrow({ where: { id: t.project.id }, select: { leadId: true } })).leadId;
  const staffId = t.staffId ?? lead ?? t.requesterId;
  const worker = assigneeIds[0] ?? staffId;
  const current = () => db.ticket.findUniqueOrThrow({ where: { id: created.id }, select: { id: true, organizationId: true, status: true, version: true, acceptedById: true } });
  const assign = async () => {
    const users = await db.user.findMany({ where: { id: { in: assigneeIds }, organizationId: t.project.organizationId }, select: { id: true, name: true } });
    const names = assigneeIds.map((id) => users.find((u) => u.id === id)?.name ?? id);
    const now = next();
    const written = await db.$transaction(async (tx) =>
      writeAssignees(tx, await current(), {
        ids: assigneeIds,
        primaryId: assigneeIds[0] ?? null,
        entries: names.map((name) => ({ action: "assigned" as const, newValue: name })),
        added: assigneeIds,
        actorId: staffId,
        now,
      }),
    );
    if (!written) throw new Error(`seedTicket: could not assign ${created.number}`);
  };

  // Support and kanban work is assigned first; a change once approved, before it starts.
  let assigned = !assigneeIds.length;
  if (!assigned && workflow !== "change") {
    await assign();
    assigned = true;
  }
  for (const to of path) {
    const from = (await current()).status;
    const move = workflow === "support" && to === "answered" ? "reply" : moveName(workflow, from, to);
    if (move === "start" && !assigned) {
      await assign();
      assigned = true;
    }
    const now = next();
    if (move === "reply") {
      const staff = await actorOf(db, worker);
      if (!staff) throw new Error(`seedTicket: ${worker} cannot reply`);
      await addComment(staff, { ticketId: created.id, body: "Thanks for the report: we are looking into it." }, { now });
      continue;
    }
    const actorId = move === "approve" || move === "reject" ? (t.approverId ?? staffId) : move === "submit" || move === "resubmit" || (move === "cancel" && workflow === "change") ? t.requesterId : worker;
    const column =
      workflow === "kanban"
        ? await db.kanbanColumn.findFirstOrThrow({ where: { projectId: t.project.id, category: to as ColumnCategory }, orderBy: { position: "asc" }, select: { id: true, name: true } })
        : null;
    const moved = await db.$transaction(async (tx) =>
      writeTransition(tx, await current(), {
        workflow,
        to,
        move,
        actorId,
        now,
        reason: move === "reject" ? (t.reason ?? "Rejected") : null,
        ...(column ? { columnId: column.id, columnName: column.name } : {}),
        // The deploy leaves the asset as it is (above) but records it, as the app's deploy
        // does, so a roll back of a seeded deployed change restores it instead of failing.
        ...(move === "deploy" && t.assetId ? { fields: { deploySnapshot: (await assetSnapshot(tx, t.assetId)) as unknown as Prisma.InputJsonValue } } : {}),
      }),
    );
    if (!moved) throw new Error(`seedTicket: ${created.number} could not move to ${to}`);
  }
  if (!assigned) await assign();

  if (t.extra && Object.keys(t.extra).length) {
    if ("status" in t.extra) throw new Error("seedTicket: a status is reached by `status`, through the status writer");
    const fields = Object.keys(t.extra);
    const before = (await db.ticket.findUniqueOrThrow({ where: { id: created.id } })) as unknown as Record<string, unknown>;
    const now = next();
    await db.$transaction(async (tx) => {
      await tx.ticket.update({ where: { id: created.id }, data: { ...t.extra, version: { increment: 1 }, updatedAt: now } });
      await recordHistory(
        tx,
        created,
        staffId,
        fields.map((field) => ({ action: "field_change" as const, field, oldValue: historyValue(before[field] as never), newValue: historyValue(t.extra![field] as never) })),
      );
    });
  }
  return db.ticket.findUniqueOrThrow({ where: { id: created.id } });
}

/**
 * A user as an Actor, like lib/auth/actor.ts loadActor (which this module
 * cannot import: it pulls next-auth, which the seed's tsx cannot load).
 */
async function actorOf(db: PrismaClient, userId: string): Promise<Actor | null> {
  const u = await db.user.findUnique({
    where: { id: userId },
    select: { id: true, organizationId: true, email: true, name: true, active: true, role: { select: { name: true, permissions: true } }, memberships: { select: { projectId: true } } },
  });
  if (!u?.active) return null;
  return { id: u.id, organizationId: u.organizationId, email: u.email, name: u.name, roleName: u.role.name, permissions: toPermissionSet(u.role.permissions), projectIds: u.memberships.map((m) => m.projectId) };
}

/**
 * The statuses a ticket passes on the way from `from` to `to` (shortest walk
 * of the workflow map). A support ticket is answered first: staff reply before
 * they work it, as on the desk.
 */
export function walk(workflow: WorkflowKind, from: TicketStatus, to: TicketStatus): TicketStatus[] {
  if (from === to) return [];
  if (workflow === "support" && from === "open") return ["answered", ...walk(workflow, "answered", to)];
  const back = new Map<TicketStatus, TicketStatus>();
  const queue: TicketStatus[] = [from];
  while (queue.length) {
    const s = queue.shift()!;
    if (s === to) break;
    for (const n of nextStatuses(workflow, s)) {
      if (n === from || back.has(n)) continue;
      // `answered` is reached by a reply only (from open, above).
      if (workflow === "support" && n === "answered") continue;
      back.set(n, s);
      queue.push(n);
    }
  }
  if (!back.has(to)) throw new Error(`No ${workflow} walk from ${from} to ${to}`);
  const out: TicketStatus[] = [];
  for (let s: TicketStatus = to; s !== from; s = back.get(s)!) out.unshift(s);
  return out;
}
