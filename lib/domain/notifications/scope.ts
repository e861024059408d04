import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { scopeGrants } from "@/lib/domain/tickets/policy";

// ticketScope (lib/domain/tickets/policy.ts) as a test on one ticket's facts,
// from the same grant set: notify() decides for every recipient without a
// query per person. scope.integration.test.ts checks it agrees with
// ticketScope on every demo user and ticket.

export interface ScopeFacts {
  organizationId: string;
  projectId: string;
  requesterId: string;
  assigneeIds: readonly string[];
  deleted: boolean;
}

export function ticketVisibleTo(actor: Actor, t: ScopeFacts): boolean {
  const g = scopeGrants(actor);
  if (t.organizationId !== g.organizationId || t.deleted) return false;
  if (g.wholeOrganization) return true;
  if (g.projectIds.includes(t.projectId)) return true;
  if (g.assignedTo && t.assigneeIds.includes(g.assignedTo)) return true;
  return !!g.requestedBy && t.requesterId === g.requestedBy;
}
