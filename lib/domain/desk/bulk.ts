import "server-only";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { AppError, INVALID_FORM, isAppError, type AppErrorCode } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { ColumnCategory } from "@/lib/generated/prisma/enums";
import { parseInput } from "@/lib/validation/parse";
import {
  bulkAddTagSchema,
  bulkAssignSchema,
  bulkLinkSchema,
  bulkTransitionSchema,
  type BulkAddTagInput,
  type BulkLinkInput,
  type BulkAssignInput,
  type BulkTransitionInput,
} from "@/lib/validation/desk-actions";
import { loadTicketForActor } from "@/lib/domain/tickets/queries";
import { transitionTicket } from "@/lib/domain/tickets/transition-ticket";
import { setAssignees } from "@/lib/domain/tickets/assign-ticket";
import { updateTicket } from "@/lib/domain/tickets/update-ticket";
import { KANBAN_STATUSES, STATUS_LABELS } from "@/lib/domain/tickets/workflow";
import { linkTickets } from "@/lib/domain/relationships/link-tickets";
import { CONFIRM_OPEN_CHILDREN, requestForSide } from "@/lib/domain/relationships/link-types";

// Bulk actions are loops over the ticket page's own domain functions: the same
// scope, permission, workflow and compare-and-set rules, one ticket at a time,
// each in its own transaction. One ticket's failure is reported and the loop
// goes on; nothing already done is rolled back.

export interface BulkResult {
  ticketId: string;
  /** null when the ticket is outside the actor's scope: its number is not revealed. */
  number: string | null;
  ok: boolean;
  code?: AppErrorCode | "INTERNAL";
  message?: string;
  /** Refused only because it is a parent with open subtasks: the user may confirm and retry. */
  openChildren?: true;
}

/** A refusal as one line of the result list (a form error names its first field message). */
function failure(ticketId: string, number: string | null, e: unknown): BulkResult {
  if (isAppError(e)) {
    const first = e.message === INVALID_FORM ? Object.values(e.fieldErrors ?? {}).flat()[0] : undefined;
    const openChildren = e.fieldErrors?.[CONFIRM_OPEN_CHILDREN] ? ({ openChildren: true } as const) : {};
    return { ticketId, number, ok: false, code: e.code, message: first ?? e.message, ...openChildren };
  }
  console.error("[bulk] unexpected error", { ticketId }, e);
  return { ticketId, number, ok: false, code: "INTERNAL", message: "Something went wrong with this ticket." };
}

/**
 * Runs `run` for each ticket in turn, on the ticket as it is now (loaded through
 * the actor's scope just before, so its version is current).
 */
async function eachTicket<T extends { number: string }>(
  ticketIds: readonly string[],
  load: (ticketId: string) => Promise<T>,
  run: (ticket: T) => Promise<unknown>,
): Promise<BulkResult[]> {
  const results: BulkResult[] = [];
  for (const ticketId of ticketIds) {
    let number: string | null = null;
    try {
      const ticket = await load(ticketId);
      number = ticket.number;
      await run(ticket);
      results.push({ ticketId, number, ok: true });
    } catch (e) {
      results.push(failure(ticketId, number, e));
    }
  }
  return results;
}

/** Moves each ticket to `to` (kanban cards: to the first column of that category). */
export async function bulkTransition(actor: Actor, raw: BulkTransitionInput): Promise<BulkResult[]> {
  const { ticketIds, to, reason, confirmOpenChildren } = parseInput(bulkTransitionSchema, raw);
  const category = (KANBAN_STATUSES as readonly string[]).includes(to) ? (to as ColumnCategory) : null;
  const columns = new Map<string, string | null>();
  const columnFor = async (projectId: string) => {
    if (!category) return null;
    if (!columns.has(projectId)) {
      const column = await db.kanbanColumn.findFirst({ where: { projectId, category }, orderBy: { position: "asc" }, select: { id: true } });
      columns.set(projectId, column?.id ?? null);
    }
    return columns.get(projectId) ?? null;
  };
  const select = { id: true, number: true, version: true, project: { select: { id: true, workflow: true } } } satisfies Prisma.TicketSelect;
  return eachTicket(ticketIds, (id) => loadTicketForActor(actor, id, select), async (t) => {
    if (t.project.workflow !== "kanban") return transitionTicket(actor, { ticketId: t.id, to, version: t.version, reason, confirmOpenChildren });
    const columnId = await columnFor(t.project.id);
    if (!columnId) throw new AppError("INVALID_TRANSITION", `This board has no ${STATUS_LABELS[to]} column.`);
    return transitionTicket(actor, { ticketId: t.id, columnId, version: t.version, reason, confirmOpenChildren });
  });
}

/** Makes one staff member each ticket's primary assignee, keeping the others. */
export async function bulkAssign(actor: Actor, raw: BulkAssignInput): Promise<BulkResult[]> {
  const { ticketIds, assigneeId } = parseInput(bulkAssignSchema, raw);
  const select = {
    id: true, number: true, version: true,
    assignees: { select: { userId: true }, orderBy: [{ isPrimary: "desc" }, { assignedAt: "asc" }] },
  } satisfies Prisma.TicketSelect;
  return eachTicket(ticketIds, (id) => loadTicketForActor(actor, id, select), (t) =>
    setAssignees(actor, {
      ticketId: t.id,
      version: t.version,
      assigneeIds: [assigneeId, ...t.assignees.map((a) => a.userId).filter((id) => id !== assigneeId)],
      primaryId: assigneeId,
    }),
  );
}

/** Adds one tag to each ticket, keeping its other tags (a ticket that has it already is a success). */
export async function bulkAddTag(actor: Actor, raw: BulkAddTagInput): Promise<BulkResult[]> {
  const { ticketIds, tag } = parseInput(bulkAddTagSchema, raw);
  const select = { id: true, number: true, version: true, tags: { select: { tag: { select: { name: true } } } } } satisfies Prisma.TicketSelect;
  return eachTicket(ticketIds, (id) => loadTicketForActor(actor, id, select), (t) => {
    const names = t.tags.map((x) => x.tag.name);
    return updateTicket(actor, { ticketId: t.id, version: t.version, changes: { tags: names.includes(tag) ? names : [...names, tag] } });
  });
}

/** Links each ticket to one other ("each selected ticket <side> target") through the ticket page's linkTickets. */
export async function bulkLink(actor: Actor, raw: BulkLinkInput): Promise<BulkResult[]> {
  const { ticketIds, targetId, side, closeDuplicate } = parseInput(bulkLinkSchema, raw);
  return eachTicket(ticketIds, (id) => loadTicketForActor(actor, id, { id: true, number: true }), (t) =>
    linkTickets(actor, { ...requestForSide(side, t.id, targetId), closeDuplicate }),
  );
}
