// One set of data builders for the seed, the integration tests and e2e.
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { ColumnCategory, NumberingScheme, Priority, TicketStatus, TicketType, WorkflowKind } from "@/lib/generated/prisma/enums";
import { BUILT_IN_ROLES, BUILT_IN_ROLE_NAMES, BUILT_IN_ROLE_PERMISSIONS, type BuiltInRole } from "@/lib/auth/permissions";
import { hashPassword } from "@/lib/auth/password";
import { allocateNumber } from "@/lib/domain/tickets/numbering";

export const DEMO_PASSWORD = "demo-password-1";

let demoHash: Promise<string> | undefined;
/** bcrypt is slow on purpose; hash the shared demo password once per process. */
export function demoPasswordHash() {
  demoHash ??= hashPassword(DEMO_PASSWORD);
  return demoHash;
}

export async function createOrganization(db: PrismaClient, input: { name: string; slug: string }) {
  const org = await db.organization.create({ data: input });
  const roles = {} as Record<BuiltInRole, string>;
  for (const key of BUILT_IN_ROLES) {
    const role = await db.role.create({
      data: { organizationId: org.id, builtIn: key, name: BUILT_IN_ROLE_NAMES[key], permissions: [...BUILT_IN_ROLE_PERMISSIONS[key]] },
    });
    roles[key] = role.id;
  }
  return { ...org, roles };
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

const DEFAULT_COLUMNS: { name: string; category: ColumnCategory; color: string }[] = [
  { name: "To do", category: "todo", color: "#64748b" },
  { name: "In progress", category: "in_progress", color: "#f59e0b" },
  { name: "Review", category: "review", color: "#8b5cf6" },
  { name: "Done", category: "done", color: "#10b981" },
];

export async function createProject(
  db: PrismaClient,
  org: { id: string },
  input: { key: string; name: string; workflow: WorkflowKind; numbering?: NumberingScheme; leadId?: string; members?: { id: string; triage?: boolean }[] },
) {
  const project = await db.project.create({
    data: {
      organizationId: org.id,
      key: input.key,
      name: input.name,
      workflow: input.workflow,
      numbering: input.numbering ?? "key_sequence",
      leadId: input.leadId,
      members: { create: (input.members ?? []).map((m) => ({ userId: m.id, organizationId: org.id, triage: m.triage ?? false })) },
    },
  });
  if (input.workflow === "kanban") {
    await db.kanbanColumn.createMany({
      data: DEFAULT_COLUMNS.map((c, i) => ({ ...c, position: i, organizationId: org.id, projectId: project.id })),
    });
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
  status?: TicketStatus;
  priority?: Priority;
  type?: TicketType;
  assigneeIds?: string[];
  createdAt?: Date;
  extra?: Record<string, unknown>;
}

/** Inserts a ticket directly in a given state (with a "created" history row), numbered like the app does. */
export async function seedTicket(db: PrismaClient, t: TicketSeed) {
  const now = t.createdAt ?? new Date();
  return db.$transaction(async (tx) => {
    const { number, seq } = await allocateNumber(tx, t.project, now);
    const status = t.status ?? (t.project.workflow === "support" ? "open" : t.project.workflow === "change" ? "draft" : "todo");
    const column =
      t.project.workflow === "kanban"
        ? await tx.kanbanColumn.findFirst({ where: { projectId: t.project.id, category: status as ColumnCategory }, orderBy: { position: "asc" } })
        : null;
    const ticket = await tx.ticket.create({
      data: {
        organizationId: t.project.organizationId,
        projectId: t.project.id,
        number,
        seq,
        title: t.title,
        description: t.description ?? "",
        status,
        priority: t.priority ?? "normal",
        type: t.type ?? (t.project.workflow === "support" ? "request" : t.project.workflow === "change" ? "change" : "task"),
        requesterId: t.requesterId,
        assigneeId: t.assigneeIds?.[0] ?? null,
        columnId: column?.id ?? null,
        createdAt: now,
        updatedAt: now,
        ...(t.extra ?? {}),
      },
    });
    if (t.assigneeIds?.length) {
      await tx.ticketAssignee.createMany({
        data: t.assigneeIds.map((userId, i) => ({ ticketId: ticket.id, userId, organizationId: ticket.organizationId, isPrimary: i === 0, assignedAt: now })),
      });
    }
    await tx.ticketHistory.create({
      data: { organizationId: ticket.organizationId, ticketId: ticket.id, actorId: t.requesterId, action: "created", newValue: status, createdAt: now },
    });
    return ticket;
  });
}
