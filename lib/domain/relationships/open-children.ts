import "server-only";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { AppError } from "@/lib/errors";
import type { TicketStatus } from "@/lib/generated/prisma/enums";
import { ticketScope } from "@/lib/domain/tickets/policy";
import { STATUS_LABELS, TERMINAL_STATUSES } from "@/lib/domain/tickets/workflow";
import { CONFIRM_OPEN_CHILDREN } from "./link-types";

/** Moves that finish a ticket: a parent with open subtasks needs the user's confirmation first. */
const FINISHING: ReadonlySet<TicketStatus> = new Set(["resolved", "closed", "completed", "done"]);
const VERB: Partial<Record<TicketStatus, string>> = { resolved: "resolve", closed: "close", completed: "complete", done: "finish" };


/**
 * Refuses to finish a parent whose subtasks are not all done (terminal),
 * listing them — unless the user confirmed. Subtasks the actor may not see
 * are counted, never named.
 */
export async function assertNoOpenChildren(actor: Actor, ticketId: string, to: TicketStatus, confirmed: boolean | undefined) {
  if (confirmed || !FINISHING.has(to)) return;
  const open = await db.ticket.findMany({
    where: { incoming: { some: { sourceId: ticketId, type: "parent" } }, status: { notIn: [...TERMINAL_STATUSES] }, deletedAt: null },
    orderBy: { seq: "asc" },
    select: { id: true, number: true, title: true, status: true },
  });
  if (open.length === 0) return;
  const visible = new Set(
    (await db.ticket.findMany({ where: { ...ticketScope(actor), id: { in: open.map((t) => t.id) } }, select: { id: true } })).map((t) => t.id),
  );
  const named = open.filter((t) => visible.has(t.id));
  const hidden = open.length - named.length;
  const lines = named.map((t) => `${t.number} ${t.title} (${STATUS_LABELS[t.status]})`);
  if (hidden) lines.push(`${hidden} other subtask${hidden === 1 ? "" : "s"}`);
  const list = [...named.map((t) => t.number), ...(hidden ? [`${hidden} other`] : [])].join(", ");
  throw new AppError(
    "VALIDATION",
    `This ticket has ${open.length} open subtask${open.length === 1 ? "" : "s"} (${list}). Confirm to ${VERB[to] ?? "finish"} it anyway.`,
    { [CONFIRM_OPEN_CHILDREN]: lines },
  );
}
