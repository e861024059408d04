import type { Prisma } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/auth/actor";
import { can, seesAllProjects } from "@/lib/auth/permissions";

/**
 * The Prisma where-clause of the tickets an actor may see: always inside their
 * organization and never soft-deleted, then the union of what their
 * permissions grant. No grant means nothing (fail closed).
 */
export function ticketScope(actor: Actor, opts: { includeDeleted?: boolean } = {}): Prisma.TicketWhereInput {
  const base: Prisma.TicketWhereInput = { organizationId: actor.organizationId };
  if (!opts.includeDeleted) base.deletedAt = null;

  if (can(actor, "ticket.view_all") && seesAllProjects(actor)) return base;

  const grants: Prisma.TicketWhereInput[] = [];
  if (can(actor, "ticket.view_all") && actor.projectIds.length > 0) grants.push({ projectId: { in: [...actor.projectIds] } });
  if (can(actor, "ticket.view_assigned")) grants.push({ assignees: { some: { userId: actor.id } } });
  if (can(actor, "ticket.view_own")) grants.push({ requesterId: actor.id });

  if (grants.length === 0) return { ...base, id: { in: [] } };
  return { ...base, OR: grants };
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
