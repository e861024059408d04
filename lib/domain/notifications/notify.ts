import type { Tx } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { appUrl } from "@/lib/env";
import { isStaff, toPermissionSet } from "@/lib/auth/permissions";
import type { TicketStatus } from "@/lib/generated/prisma/enums";
import { canSeeInternal, ticketScope } from "@/lib/domain/tickets/policy";
import { EVENTS, isNotificationEvent, type Channel, type NotificationEvent } from "./events";
import { selectRecipients, outranks, type Candidate, type Delivery } from "./recipients";
import { buildMessage, type MessageContext } from "./messages";

/**
 * The one way domain code tells people about a ticket event. Call it INSIDE the
 * transaction of the change, after the change is written:
 *
 *   await notify(tx, { event: "status_change", ticket: { id, organizationId }, actorId: actor.id, status: { from, to } });
 *
 * It resolves the event's recipients (see recipientIds), drops the actor, anyone
 * who cannot see the ticket now, anyone without ticket.view_internal when the
 * event carries an internal note, non-staff for staff-only events and anyone
 * whose preference for the event is "none"; then writes a Notification row
 * (in-app) and/or an OutboxMessage row (e-mail) per person. Watchable events
 * also reach the ticket's watchers as watcher_update. One person hears about
 * one activity (one transaction, one ticket) once: the highest-ranked event
 * wins, whatever order the calls come in.
 *
 * Returns the ids of the people told.
 */
export interface NotifyInput {
  event: NotificationEvent;
  /** The ticket; number, title, requester and project are read inside the transaction. */
  ticket: { id: string; organizationId: string };
  /** Who caused it (never told); null for the system. */
  actorId: string | null;
  /** Explicit recipients: the new assignees (assigned), the people mentioned (mention). */
  recipients?: readonly string[];
  /** The comment behind a reply, mention or watcher update; `internal` for an internal note. */
  comment?: { id?: string; body: string; internal: boolean } | null;
  /** The reason of a rejection. */
  reason?: string | null;
  status?: { from: TicketStatus; to: TicketStatus } | null;
}

interface Sent {
  event: NotificationEvent;
  notificationId: string | null;
  outboxId: string | null;
}

// Per transaction and ticket: who was told what, so that a later, more
// specific event replaces an earlier, vaguer one (and never adds a second).
const ledgers = new WeakMap<object, Map<string, Map<string, Sent>>>();
function ledgerFor(tx: Tx, ticketId: string): Map<string, Sent> {
  let byTicket = ledgers.get(tx);
  if (!byTicket) ledgers.set(tx, (byTicket = new Map()));
  let ledger = byTicket.get(ticketId);
  if (!ledger) byTicket.set(ticketId, (ledger = new Map()));
  return ledger;
}

type TicketFacts = { id: string; organizationId: string; number: string; title: string; requesterId: string; projectId: string };

export async function notify(tx: Tx, input: NotifyInput): Promise<string[]> {
  if (!isNotificationEvent(input.event)) throw new Error(`Unknown notification event: ${String(input.event)}`);
  const ticket = await tx.ticket.findFirst({
    where: { id: input.ticket.id, organizationId: input.ticket.organizationId },
    select: { id: true, organizationId: true, number: true, title: true, requesterId: true, projectId: true },
  });
  if (!ticket) return [];
  const actor = input.actorId ? await tx.user.findUnique({ where: { id: input.actorId }, select: { name: true } }) : null;

  const primaryIds = await recipientIds(tx, input, ticket);
  const watcherIds = EVENTS[input.event].watchable || input.event === "watcher_update"
    ? (await tx.watcher.findMany({ where: { ticketId: ticket.id, organizationId: ticket.organizationId }, select: { userId: true } })).map((w) => w.userId)
    : [];
  const people = await loadCandidates(tx, ticket, [...primaryIds, ...watcherIds], [input.event, "watcher_update"]);
  const internal = !!input.comment?.internal;
  const assigneeNames = input.event === "assigned" ? (input.recipients ?? []).map((id) => people.get(id)?.name).filter((n): n is string => !!n) : undefined;

  const ctx: MessageContext = {
    event: input.event,
    ticket,
    actorName: actor?.name ?? null,
    comment: input.comment ?? null,
    reason: input.reason ?? null,
    status: input.status ?? null,
    assigneeNames,
    cause: input.event,
  };
  const told: string[] = [];
  const ledger = ledgerFor(tx, ticket.id);
  const deliver = async (event: NotificationEvent, ids: readonly string[]) => {
    const candidates = ids.map((id) => people.get(id)?.candidate(event)).filter((c): c is Candidate => !!c);
    for (const d of selectRecipients({ event, organizationId: ticket.organizationId, actorId: input.actorId, internal, candidates })) {
      const previous = ledger.get(d.userId);
      if (!outranks(event, previous?.event)) continue;
      if (previous) await retract(tx, previous);
      ledger.set(d.userId, await write(tx, ticket, d, { ...ctx, event }));
      told.push(d.userId);
    }
  };
  await deliver(input.event, primaryIds);
  if (watcherIds.length) await deliver("watcher_update", watcherIds);
  return [...new Set(told)];
}

/** Who an event is for, before any filtering. */
async function recipientIds(tx: Tx, input: NotifyInput, t: TicketFacts): Promise<string[]> {
  switch (input.event) {
    case "ticket_created":
      return (await tx.projectMember.findMany({ where: { projectId: t.projectId, organizationId: t.organizationId, triage: true }, select: { userId: true } })).map((m) => m.userId);
    case "approval_needed": {
      const managers = await tx.projectMember.findMany({
        where: { projectId: t.projectId, organizationId: t.organizationId, user: { role: { permissions: { has: "ticket.approve" } } } },
        select: { userId: true },
      });
      // Nobody approves their own request: the requester is not asked.
      return managers.map((m) => m.userId).filter((id) => id !== t.requesterId);
    }
    case "assigned":
    case "mention":
      return [...(input.recipients ?? [])];
    case "approved":
    case "rejected":
    case "status_change":
      return [t.requesterId];
    case "public_reply":
      // The requester's reply goes to the assignees; anyone else's to the requester.
      if (input.actorId && input.actorId === t.requesterId) {
        return (await tx.ticketAssignee.findMany({ where: { ticketId: t.id }, select: { userId: true } })).map((a) => a.userId);
      }
      return [t.requesterId];
    case "watcher_update":
      return [];
  }
}

interface Person {
  name: string;
  candidate(event: NotificationEvent): Candidate;
}

/** Users as candidates: their live permissions, whether the ticket is in their scope now, their preferences. */
async function loadCandidates(tx: Tx, t: TicketFacts, ids: string[], events: NotificationEvent[]): Promise<Map<string, Person>> {
  const unique = [...new Set(ids)];
  const out = new Map<string, Person>();
  if (unique.length === 0) return out;
  // One statement at a time: an interactive transaction is one connection.
  const users = await tx.user.findMany({
    // Another organization's user id reads like one that does not exist.
    where: { id: { in: unique }, organizationId: t.organizationId },
    select: { id: true, organizationId: true, email: true, name: true, active: true, role: { select: { name: true, permissions: true } }, memberships: { select: { projectId: true } } },
  });
  const prefs = await tx.notificationPreference.findMany({ where: { userId: { in: unique }, event: { in: events } }, select: { userId: true, event: true, channel: true } });
  for (const u of users) {
    const actor: Actor = {
      id: u.id,
      organizationId: u.organizationId,
      email: u.email,
      name: u.name,
      roleName: u.role.name,
      permissions: toPermissionSet(u.role.permissions),
      projectIds: u.memberships.map((m) => m.projectId),
    };
    // The same scope the ticket page uses: a recipient who could not open the ticket is not told about it.
    const seesTicket = (await tx.ticket.count({ where: { ...ticketScope(actor), id: t.id } })) === 1;
    const base = { userId: u.id, email: u.email, organizationId: u.organizationId, active: u.active, staff: isStaff(actor), seesInternal: canSeeInternal(actor), seesTicket };
    out.set(u.id, {
      name: u.name,
      candidate: (event) => ({ ...base, channel: (prefs.find((p) => p.userId === u.id && p.event === event)?.channel ?? null) as Channel | null }),
    });
  }
  return out;
}

async function write(tx: Tx, t: TicketFacts, d: Delivery, ctx: MessageContext): Promise<Sent> {
  const message = buildMessage(ctx, { staff: d.staff, seesInternal: d.seesInternal }, appUrl());
  const notification = d.inApp
    ? await tx.notification.create({
        data: { organizationId: t.organizationId, userId: d.userId, ticketId: t.id, event: ctx.event, title: message.title, body: message.body },
        select: { id: true },
      })
    : null;
  const outbox = d.byEmail
    ? await tx.outboxMessage.create({ data: { organizationId: t.organizationId, to: d.email, subject: message.subject, text: message.text }, select: { id: true } })
    : null;
  return { event: ctx.event, notificationId: notification?.id ?? null, outboxId: outbox?.id ?? null };
}

async function retract(tx: Tx, sent: Sent) {
  if (sent.notificationId) await tx.notification.deleteMany({ where: { id: sent.notificationId } });
  if (sent.outboxId) await tx.outboxMessage.deleteMany({ where: { id: sent.outboxId, status: "pending" } });
}
