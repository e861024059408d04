import "server-only";
import { parseInput } from "@/lib/validation/parse";
import { db, type Tx } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { mayAccept, mayAssign, mayTransfer } from "./policy";
import { findStaff } from "@/lib/domain/users/staff-directory";
import { AppError, conflict, forbidden, invalid, INVALID_FORM } from "@/lib/errors";
import { setAssigneesSchema, ticketRefSchema, transferSchema, type SetAssigneesInput, type TransferInput } from "@/lib/validation/ticket";
import { loadTicketForActor } from "./queries";
import { recordHistory, type HistoryEntry } from "./history";
import { notify } from "@/lib/domain/notifications/notify";

/**
 * Sets a ticket's assignees (several, one primary). Needs ticket.assign or
 * ticket.manage. Assignees are active staff of the same organization; the
 * approver of a change can never be its sole assignee.
 */
export async function setAssignees(actor: Actor, raw: SetAssigneesInput, opts: { now?: Date } = {}) {
  const input = parseInput(setAssigneesSchema, raw);
  const now = opts.now ?? new Date();
  const t = await loadTicketForActor(actor, input.ticketId, {
    id: true, organizationId: true, version: true, approvedById: true, acceptedById: true,
    assignees: { select: { userId: true, isPrimary: true, user: { select: { name: true } } } },
  });
  if (!mayAssign(actor)) throw forbidden("You cannot assign tickets.");
  if (input.version !== t.version) throw conflict();

  const ids = [...new Set(input.assigneeIds)];
  // Who may be assigned is the staff directory's answer (lib/domain/users/staff-directory.ts).
  const users = await findStaff(actor.organizationId, { kind: "staff" }, { ids });
  const missing = ids.filter((id) => !users.some((u) => u.id === id));
  if (missing.length) {
    // Another organization's user reads like one that does not exist; a colleague who is not staff is named.
    const notStaff = await db.user.findMany({ where: { id: { in: missing }, organizationId: actor.organizationId, active: true }, select: { name: true }, orderBy: { name: "asc" } });
    throw invalid(INVALID_FORM, {
      assigneeIds: [notStaff.length < missing.length ? "Choose assignees from your organization's staff" : `${notStaff.map((u) => u.name).join(", ")} cannot work tickets`],
    });
  }
  if (t.approvedById && ids.length === 1 && ids[0] === t.approvedById) {
    throw new AppError("FORBIDDEN", "The approver of a change cannot be its only assignee.", { assigneeIds: ["The approver cannot be the only assignee"] });
  }
  // The schema has refused a primary outside the list; ids may differ from it only in case.
  const primaryId = ids.length ? (input.primaryId ? ids.find((id) => id.toLowerCase() === input.primaryId!.toLowerCase())! : ids[0]) : null;

  const before = new Map(t.assignees.map((a) => [a.userId, a]));
  const entries: HistoryEntry[] = [];
  for (const u of users) if (!before.has(u.id)) entries.push({ action: "assigned", newValue: u.name });
  for (const a of t.assignees) if (!ids.includes(a.userId)) entries.push({ action: "unassigned", oldValue: a.user.name });
  const oldPrimary = t.assignees.find((a) => a.isPrimary)?.userId ?? null;
  if (oldPrimary !== primaryId && primaryId && before.has(primaryId) && entries.length === 0) {
    entries.push({ action: "field_change", field: "primary assignee", oldValue: oldPrimary ? before.get(oldPrimary)!.user.name : null, newValue: users.find((u) => u.id === primaryId)!.name });
  }
  if (entries.length === 0 && oldPrimary === primaryId) return { id: t.id, version: t.version };

  return db.$transaction(async (tx) => {
    const written = await writeAssignees(tx, t, { ids, primaryId, entries, added: ids.filter((id) => !before.has(id)), actorId: actor.id, now });
    if (!written) throw conflict();
    return { id: t.id, version: t.version + 1 };
  });
}

/**
 * The rows of an assignment decided by setAssignees (or a data builder, or a
 * team change: set-ticket-team.ts, accept-for-team.ts), in the caller's
 * transaction: the primary on the ticket (compare-and-set on the version)
 * with any other ticket fields of the same change (`data`), the assignee
 * rows, the history entries and the `assigned` notice to the people added.
 * Returns false when the ticket changed meanwhile.
 */
export async function writeAssignees(
  tx: Tx,
  t: { id: string; organizationId: string; version: number; acceptedById?: string | null },
  a: { ids: readonly string[]; primaryId: string | null; entries: HistoryEntry[]; added: readonly string[]; actorId: string; now: Date; data?: { teamId?: string | null; acceptedById?: string; acceptedAt?: Date } },
): Promise<boolean> {
  const { ids, primaryId, actorId, now } = a;
  const acceptedStays = t.acceptedById && ids.includes(t.acceptedById);
  const res = await tx.ticket.updateMany({
    where: { id: t.id, version: t.version },
    data: { assigneeId: primaryId, version: { increment: 1 }, updatedAt: now, ...(acceptedStays ? {} : { acceptedById: null, acceptedAt: null }), ...a.data },
  });
  if (res.count !== 1) return false;
  await tx.ticketAssignee.deleteMany({ where: { ticketId: t.id, userId: { notIn: [...ids] } } });
  for (const id of ids) {
    await tx.ticketAssignee.upsert({
      where: { ticketId_userId: { ticketId: t.id, userId: id } },
      create: { ticketId: t.id, userId: id, organizationId: t.organizationId, isPrimary: id === primaryId, assignedById: actorId, assignedAt: now },
      update: { isPrimary: id === primaryId },
    });
  }
  await recordHistory(tx, t, actorId, a.entries);
  if (a.added.length) await notify(tx, { event: "assigned", ticket: t, actorId, recipients: [...a.added] });
  return true;
}

/** An assignee accepts the ticket: it is theirs to work (acceptedBy/acceptedAt). */
export async function acceptTicket(actor: Actor, raw: { ticketId: string; version?: number }, opts: { now?: Date } = {}) {
  const input = parseInput(ticketRefSchema, raw);
  const now = opts.now ?? new Date();
  const t = await loadTicketForActor(actor, input.ticketId, { id: true, organizationId: true, version: true, acceptedById: true, assignees: { select: { userId: true } } });
  if (t.acceptedById === actor.id) return { id: t.id, version: t.version };
  if (!mayAccept(actor, { assigneeIds: t.assignees.map((a) => a.userId), acceptedById: t.acceptedById })) throw forbidden("Only an assignee can accept this ticket.");
  if (input.version !== undefined && input.version !== t.version) throw conflict();
  return db.$transaction(async (tx) => {
    const res = await tx.ticket.updateMany({ where: { id: t.id, version: t.version }, data: { acceptedById: actor.id, acceptedAt: now, version: { increment: 1 }, updatedAt: now } });
    if (res.count !== 1) throw conflict();
    await recordHistory(tx, t, actor.id, [{ action: "accepted" }]);
    return { id: t.id, version: t.version + 1 };
  });
}

/** Hands the actor's assignment (or, for assigners, the primary one) to another staff member. */
export async function transferTicket(actor: Actor, rawInput: TransferInput, opts: { now?: Date } = {}) {
  const raw = parseInput(transferSchema, rawInput);
  const t = await loadTicketForActor(actor, raw.ticketId, { id: true, version: true, assignees: { select: { userId: true, isPrimary: true } } });
  const mine = t.assignees.some((a) => a.userId === actor.id);
  if (!mayTransfer(actor, { assigneeIds: t.assignees.map((a) => a.userId) })) throw forbidden("Only an assignee or an assigner can transfer this ticket.");
  const from = mine ? actor.id : (t.assignees.find((a) => a.isPrimary)?.userId ?? null);
  const ids = [raw.toUserId, ...t.assignees.map((a) => a.userId).filter((id) => id !== from && id !== raw.toUserId)];
  // Transfer is an assignment done on someone's behalf: the rules of setAssignees apply.
  const delegate = mine && !mayAssign(actor) ? { ...actor, permissions: new Set([...actor.permissions, "ticket.assign" as const]) } : actor;
  return setAssignees(delegate, { ticketId: t.id, version: raw.version, assigneeIds: ids, primaryId: raw.toUserId }, opts);
}
