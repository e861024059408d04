import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/auth/actor";
import { can, seesAllProjects } from "@/lib/auth/permissions";

/**
 * What an actor's permissions grant, as data: the whole organization, the
 * tickets of some projects, the tickets assigned to them, the tickets they
 * requested. ticketScope() and ticketScopeSql() both render it, so the rules
 * live in one place. No grant means nothing (fail closed).
 */
export interface ScopeGrants {
  organizationId: string;
  wholeOrganization: boolean;
  projectIds: readonly string[];
  assignedTo: string | null;
  requestedBy: string | null;
}

export function scopeGrants(actor: Actor): ScopeGrants {
  const all = can(actor, "ticket.view_all");
  return {
    organizationId: actor.organizationId,
    wholeOrganization: all && seesAllProjects(actor),
    projectIds: all ? actor.projectIds : [],
    assignedTo: can(actor, "ticket.view_assigned") ? actor.id : null,
    requestedBy: can(actor, "ticket.view_own") ? actor.id : null,
  };
}

/**
 * The Prisma where-clause of the tickets an actor may see: always inside their
 * organization and never soft-deleted, then the union of what their
 * permissions grant.
 */
export function ticketScope(actor: Actor, opts: { includeDeleted?: boolean } = {}): Prisma.TicketWhereInput {
  const g = scopeGrants(actor);
  const base: Prisma.TicketWhereInput = { organizationId: g.organizationId };
  if (!opts.includeDeleted) base.deletedAt = null;
  if (g.wholeOrganization) return base;

  const grants: Prisma.TicketWhereInput[] = [];
  if (g.projectIds.length > 0) grants.push({ projectId: { in: [...g.projectIds] } });
  if (g.assignedTo) grants.push({ assignees: { some: { userId: g.assignedTo } } });
  if (g.requestedBy) grants.push({ requesterId: g.requestedBy });

  if (grants.length === 0) return { ...base, id: { in: [] } };
  return { ...base, OR: grants };
}

/** The same scope as SQL over `"Ticket" t`, for the desk's hand-written queries. */
export function ticketScopeSql(actor: Actor): Prisma.Sql {
  const g = scopeGrants(actor);
  const base = Prisma.sql`t."organizationId" = ${g.organizationId}::uuid AND t."deletedAt" IS NULL`;
  if (g.wholeOrganization) return base;
  const grants: Prisma.Sql[] = [];
  if (g.projectIds.length > 0) grants.push(Prisma.sql`t."projectId" = ANY(${[...g.projectIds]}::uuid[])`);
  if (g.assignedTo) grants.push(Prisma.sql`EXISTS (SELECT 1 FROM "TicketAssignee" sa WHERE sa."ticketId" = t.id AND sa."userId" = ${g.assignedTo}::uuid)`);
  if (g.requestedBy) grants.push(Prisma.sql`t."requesterId" = ${g.requestedBy}::uuid`);
  if (grants.length === 0) return Prisma.sql`${base} AND FALSE`;
  return Prisma.sql`${base} AND (${Prisma.join(grants, " OR ")})`;
}

/** Internal notes and internal attachments are for staff with view_internal only. */
export function canSeeInternal(actor: Actor): boolean {
  return can(actor, "ticket.view_internal");
}

/** Projects the actor may create tickets in: members only (admins: all). */
export function projectScope(actor: Actor): Prisma.ProjectWhereInput {
  const base: Prisma.ProjectWhereInput = { organizationId: actor.organizationId, archived: false };
  if (seesAllProjects(actor)) return base;
  return { ...base, id: { in: [...actor.projectIds] } };
}

/** projectScope as SQL over `"Project" p`. */
export function projectScopeSql(actor: Actor): Prisma.Sql {
  const base = Prisma.sql`p."organizationId" = ${actor.organizationId}::uuid AND p."archived" = false`;
  if (seesAllProjects(actor)) return base;
  return Prisma.sql`${base} AND p."id" = ANY(${[...actor.projectIds]}::uuid[])`;
}
