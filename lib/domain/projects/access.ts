import "server-only";
import { assertAdminister } from "@/lib/domain/admin/access";
import { db, type Tx } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { AppError, invalid, INVALID_FORM, notFound } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { findStaff } from "@/lib/domain/users/staff-directory";

// Project administration (/admin/projects) needs org.manage, checked here on
// every call. Projects are loaded through the actor's organization: another
// organization's id reads exactly like one that does not exist.

export function assertManageProjects(actor: Actor) {
  assertAdminister(actor, "Project");
}

export const projectAdminSelect = {
  id: true,
  organizationId: true,
  key: true,
  name: true,
  description: true,
  workflow: true,
  numbering: true,
  archived: true,
  leadId: true,
  defaultTeamId: true,
  updatedAt: true,
  lead: { select: { id: true, name: true } },
} as const satisfies Prisma.ProjectSelect;

export type AdminProject = Prisma.ProjectGetPayload<{ select: typeof projectAdminSelect }>;

/** The actor's organization's project, locked for the rest of the transaction when `lock`. */
export async function loadProjectForAdmin(client: Tx | typeof db, actor: Actor, projectId: string, opts: { lock?: boolean } = {}): Promise<AdminProject> {
  assertManageProjects(actor);
  if (opts.lock) {
    // FOR UPDATE also waits for tickets being inserted into the project (their foreign key holds a KEY SHARE lock).
    const rows = await (client as Tx).$queryRaw<{ id: string }[]>`
      SELECT p."id" FROM "Project" p WHERE p."id" = ${projectId}::uuid AND p."organizationId" = ${actor.organizationId}::uuid FOR UPDATE`;
    if (rows.length === 0) throw notFound("Project");
  }
  const project = await client.project.findFirst({ where: { id: projectId, organizationId: actor.organizationId }, select: projectAdminSelect });
  if (!project) throw notFound("Project");
  return project;
}

/** A lead must be active staff of the actor's organization (the lead picker offers exactly those). */
export async function assertLead(actor: Actor, leadId: string | null, client?: Tx) {
  if (!leadId) return null;
  const [lead] = await findStaff(actor.organizationId, { kind: "staff" }, { ids: [leadId], client });
  if (!lead) throw invalid(INVALID_FORM, { leadId: ["Choose a lead from your organization's staff"] });
  return lead;
}

export const keyTaken = (key: string) => invalid(`Another project already uses the key ${key}.`, { key: [`${key} is taken: choose another key`] });

export function isUniqueViolation(e: unknown): boolean {
  return e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2002";
}

/** Tickets of a project, deleted ones included (their numbers carry the key). */
export async function hasTickets(client: Tx | typeof db, projectId: string): Promise<boolean> {
  return (await client.ticket.findFirst({ where: { projectId }, select: { id: true } })) !== null;
}

export const KEY_LOCKED = "The key is fixed once the project has tickets: their numbers carry it.";
export const keyLocked = () => new AppError("VALIDATION", KEY_LOCKED, { key: [KEY_LOCKED] });
