import type { Tx } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { isStaff, toPermissionSet } from "@/lib/auth/permissions";
import type { TicketStatus } from "@/lib/generated/prisma/enums";
import { canSeeInternal } from "@/lib/domain/tickets/policy";
import { EVENTS, isNotificationEvent, type Channel, type NotificationEvent } from "./events";
import { selectRecipients, type Candidate, type Delivery } from "./recipients";
import type { MessageContext } from "./messages";
import { deliverNotices } from "./deliver";
import { ticketVisibleTo, type ScopeFacts } from "./scope";

/**
 * The one way domain code tells people about a ticket event. Call it INSIDE the
 * transaction of the change, after the change is written:
 *
 *   await notify(tx, { event: "status_change", ticket: { id, organizationId }, actorId: actor.id, status: { from, to } });
 *
 * It resolves the event's recipients (recipientIds), drops the actor, anyone
 * who cannot see the ticket now (the rules of ticketScope), anyone without
 * ticket.view_internal when the event carries an internal note, non-staff for
 * staff-only events and anyone whose preference for the event is "none"; then
 * writes a Notification row (in-app) and/or an OutboxMessage row (e-mail) per
 * person. Watchable events also reach the ticket's watchers as watcher_update.
 * One person hears about one activity (one transaction, one ticket) once: the
 * highest-ranked event wins, whatever order the calls come in.
 *
 * Returns the ids of the people told.
 */
export interface NotifyInput {
  event: NotificationEvent;
  /** The ticket; its number, title, requester, project, assignees and watchers are read inside the transaction. */
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

/** What notify() knows about the ticket; a ticket being created has no id or number yet. */
export interface TicketFacts extends ScopeFacts {
  title: string;
  watcherIds: readonly string[];
}

/** The people one event will reach, decided before anything is written. */
export interface PlannedNotice {
  ctx: Omit<MessageContext, "ticket">;
  organizationId: string;
  title: string;
  deliveries: { event: NotificationEvent; delivery: Delivery }[];
}

export async function notify(tx: Tx, input: NotifyInput): Promise<string[]> {
  if (!isNotificationEvent(input.event)) throw new Error(`Unknown notification event: ${String(input.event)}`);
  // Flat SQL, one statement: Prisma runs a select's relations as concurrent
  // queries, which a transaction's single connection would have to queue.
  const [t] = await tx.$queryRaw<(TicketFacts & { id: string; number: string })[]>`
    SELECT t."id"::text, t."organizationId"::text, t."projectId"::text, t."number", t."title", t."requesterId"::text,
           t."deletedAt" IS NOT NULL AS "deleted",
           ARRAY(SELECT a."userId"::text FROM "TicketAssignee" a WHERE a."ticketId" = t."id") AS "assigneeIds",
           ARRAY(SELECT w."userId"::text FROM "Watcher" w WHERE w."ticketId" = t."id") AS "watcherIds"
      FROM "Ticket" t
     WHERE t."id" = ${input.ticket.id}::uuid AND t."organizationId" = ${input.ticket.organizationId}::uuid`;
  if (!t) return [];
  return deliverNotices(tx, [await planNotice(tx, input, t)], t);
}

/**
 * Step one of notify(): who gets what, from the ticket's facts (read only).
 * createTicket plans before its creating statement, whose number does not
 * exist yet, and delivers inside it (deliverNoticesSql).
 */
export async function planNotice(tx: Tx, input: Omit<NotifyInput, "ticket">, t: TicketFacts): Promise<PlannedNotice> {
  const primaryIds = await recipientIds(tx, input, t);
  const watcherIds = EVENTS[input.event].watchable || input.event === "watcher_update" ? [...t.watcherIds] : [];
  const people = await loadPeople(tx, t, [...primaryIds, ...watcherIds, ...(input.actorId ? [input.actorId] : [])], [input.event, "watcher_update"]);
  const internal = !!input.comment?.internal;
  const ctx: Omit<MessageContext, "ticket"> = {
    event: input.event,
    actorName: input.actorId ? (people.get(input.actorId)?.name ?? null) : null,
    comment: input.comment ?? null,
    reason: input.reason ?? null,
    status: input.status ?? null,
    assigneeNames: input.event === "assigned" ? (input.recipients ?? []).map((id) => people.get(id)?.name).filter((n): n is string => !!n) : undefined,
    cause: input.event,
  };
  const deliveries: PlannedNotice["deliveries"] = [];
  const pick = (event: NotificationEvent, ids: readonly string[]) => {
    const candidates = ids.map((id) => people.get(id)?.candidate(event)).filter((c): c is Candidate => !!c);
    for (const delivery of selectRecipients({ event, organizationId: t.organizationId, actorId: input.actorId, internal, candidates })) deliveries.push({ event, delivery });
  };
  pick(input.event, primaryIds);
  if (watcherIds.length) pick("watcher_update", watcherIds);
  return { ctx, organizationId: t.organizationId, title: t.title, deliveries };
}

/** Who an event is for, before any filtering. */
async function recipientIds(tx: Tx, input: Omit<NotifyInput, "ticket">, t: TicketFacts): Promise<string[]> {
  switch (input.event) {
    case "ticket_created":
      return (await tx.projectMember.findMany({ where: { projectId: t.projectId, organizationId: t.organizationId, triage: true }, select: { userId: true } })).map((m) => m.userId);
    case "approval_needed": {
      const approvers = await tx.projectMember.findMany({
        where: { projectId: t.projectId, organizationId: t.organizationId, user: { role: { permissions: { has: "ticket.approve" } } } },
        select: { userId: true },
      });
      // Nobody approves their own request: the requester is not asked.
      return approvers.map((m) => m.userId).filter((id) => id !== t.requesterId);
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
      return input.actorId && input.actorId === t.requesterId ? [...t.assigneeIds] : [t.requesterId];
    case "watcher_update":
      return [];
  }
}

interface Person {
  name: string;
  candidate(event: NotificationEvent): Candidate;
}

/** Users as candidates: live permissions, whether the ticket is in their scope now, their preferences. One query. */
async function loadPeople(tx: Tx, t: TicketFacts, ids: string[], events: NotificationEvent[]): Promise<Map<string, Person>> {
  const out = new Map<string, Person>();
  const unique = [...new Set(ids)];
  if (unique.length === 0) return out;
  // Another organization's user id reads like one that does not exist.
  const users = await tx.$queryRaw<{ id: string; organizationId: string; email: string; name: string; active: boolean; roleName: string; permissions: string[]; projectIds: string[]; prefs: Record<string, Channel> }[]>`
    SELECT u."id"::text, u."organizationId"::text, u."email", u."name", u."active", r."name" AS "roleName", r."permissions",
           ARRAY(SELECT m."projectId"::text FROM "ProjectMember" m WHERE m."userId" = u."id") AS "projectIds",
           COALESCE((SELECT jsonb_object_agg(p."event", p."channel") FROM "NotificationPreference" p
                      WHERE p."userId" = u."id" AND p."event" = ANY(${events}::text[])), '{}'::jsonb) AS "prefs"
      FROM "User" u JOIN "Role" r ON r."id" = u."roleId"
     WHERE u."id" = ANY(${unique}::uuid[]) AND u."organizationId" = ${t.organizationId}::uuid`;
  for (const u of users) {
    const actor: Actor = {
      id: u.id, organizationId: u.organizationId, email: u.email, name: u.name, roleName: u.roleName,
      permissions: toPermissionSet(u.permissions),
      projectIds: u.projectIds,
    };
    const base = { userId: u.id, email: u.email, organizationId: u.organizationId, active: u.active, staff: isStaff(actor), seesInternal: canSeeInternal(actor), seesTicket: ticketVisibleTo(actor, t) };
    out.set(u.id, {
      name: u.name,
      candidate: (event) => ({ ...base, channel: u.prefs[event] ?? null }),
    });
  }
  return out;
}
