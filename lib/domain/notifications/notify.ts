import "server-only";
import { rowsOf, type Tx } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/auth/actor";
import { isStaff, toPermissionSet, type Permission } from "@/lib/auth/permissions";
import type { TicketStatus } from "@/lib/generated/prisma/enums";
import { APPROVER_PERMISSIONS, ASSIGNER_PERMISSIONS, canSeeInternal, mayApprove, mayAssign, ticketVisibleTo, type ScopeFacts } from "@/lib/domain/tickets/policy";
import { EVENTS, isNotificationEvent, type Channel, type NotificationEvent } from "./events";
import { selectRecipients, type Candidate, type Delivery } from "./recipients";
import type { MessageContext } from "./messages";
import { deliverNotices } from "./deliver";

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
  /** The reason of a rejection or of a team transfer. */
  reason?: string | null;
  /** The team a ticket was given or transferred to (team_transfer). */
  teamName?: string | null;
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
  const primary = await recipients(tx, input, t);
  const watcherIds = EVENTS[input.event].watchable || input.event === "watcher_update" ? [...t.watcherIds] : [];
  const people = await loadPeople(tx, t, [...primary.ids, ...watcherIds, ...(input.actorId ? [input.actorId] : [])], [input.event, "watcher_update"], primary.members);
  const primaryIds = [...primary.ids, ...[...people].filter(([, p]) => p.member && (!primary.mayHear || primary.mayHear(p.actor))).map(([id]) => id)];
  const internal = !!input.comment?.internal;
  const ctx: Omit<MessageContext, "ticket"> = {
    event: input.event,
    actorName: input.actorId ? (people.get(input.actorId)?.name ?? null) : null,
    comment: input.comment ?? null,
    reason: input.reason ?? null,
    status: input.status ?? null,
    teamName: input.teamName ?? null,
    assigneeNames: input.event === "assigned" ? (input.recipients ?? []).map((id) => people.get(id)?.name).filter((n): n is string => !!n) : undefined,
    cause: input.event,
  };
  const deliveries: PlannedNotice["deliveries"] = [];
  const pick = (event: NotificationEvent, ids: readonly string[]) => {
    const candidates = [...new Set(ids)].map((id) => people.get(id)?.candidate(event)).filter((c): c is Candidate => !!c);
    for (const delivery of selectRecipients({ event, organizationId: t.organizationId, actorId: input.actorId, internal, candidates })) deliveries.push({ event, delivery });
  };
  pick(input.event, primaryIds);
  if (watcherIds.length) pick("watcher_update", watcherIds);
  return { ctx, organizationId: t.organizationId, title: t.title, deliveries };
}

interface Recipients {
  ids: string[];
  members: Prisma.Sql | null;
  /** The policy's question about each picked member (they are told only if it says yes). */
  mayHear?: (member: Actor) => boolean;
}

/**
 * Project members whose role holds one of `permissions` (the SQL pre-selection
 * of a policy rule), then asked the rule itself. The roles come first, then
 * their users among the members: with the role ids as values the planner sees
 * how few users they have (User_roleId_idx, then ProjectMember's key) instead
 * of walking every member of a portal project (all its requesters): 44 ms → 1 ms at 50,000.
 */
async function membersWith(tx: Tx, t: TicketFacts, permissions: readonly Permission[], mayHear: (member: Actor) => boolean): Promise<Recipients> {
  const roles = await rowsOf<{ id: string }>(tx, Prisma.sql`
    SELECT "id"::text FROM "Role" WHERE "organizationId" = ${t.organizationId}::uuid AND "permissions" && ${[...permissions]}::text[]`, { prepared: true });
  if (roles.length === 0) return { ids: [], members: null };
  return { ids: [], members: Prisma.sql`u."roleId" = ANY(${roles.map((r) => r.id)}::uuid[])`, mayHear };
}

/**
 * Who an event is for, before any filtering: people named by id, and/or the
 * project members an SQL condition over `"ProjectMember" m` picks (read in the
 * same query as everyone's permissions and preferences; the condition may
 * read the member's user as `u`).
 */
async function recipients(tx: Tx, input: Omit<NotifyInput, "ticket">, t: TicketFacts): Promise<Recipients> {
  switch (input.event) {
    case "ticket_created":
      // A partial index holds the triage rows (ProjectMember_triage_idx).
      return { ids: [], members: Prisma.sql`m."triage"` };
    case "approval_needed":
      // Those decideMove lets approve this change (policy.ts mayApprove): never its requester or its only assignee.
      return membersWith(tx, t, APPROVER_PERMISSIONS, (a) => mayApprove(a, { workflow: "change", status: "pending", requesterId: t.requesterId, approvedById: null, assigneeIds: t.assigneeIds }));
    case "ready_to_assign":
      // An approved change with nobody assigned: those who may assign it (policy.ts mayAssign).
      if (t.assigneeIds.length > 0) return { ids: [], members: null };
      return membersWith(tx, t, ASSIGNER_PERMISSIONS, mayAssign);
    case "assigned":
    case "mention":
    // The team's members, read (and capped) by the caller: set-ticket-team.ts.
    case "team_transfer":
      return { ids: [...(input.recipients ?? [])], members: null };
    case "approved":
    case "rejected":
    case "status_change":
      return { ids: [t.requesterId], members: null };
    case "public_reply":
      // The requester's reply goes to the assignees; anyone else's to the requester.
      return { ids: input.actorId && input.actorId === t.requesterId ? [...t.assigneeIds] : [t.requesterId], members: null };
    case "watcher_update":
      return { ids: [], members: null };
  }
}

interface Person {
  name: string;
  actor: Actor;
  /** Picked by the event's member condition (recipients().members). */
  member: boolean;
  candidate(event: NotificationEvent): Candidate;
}

/**
 * Users as candidates: live permissions, whether the ticket is in their scope
 * now, their preferences — the named ones and the project members `members`
 * picks, in one query (straight on the pool when planning outside a transaction).
 */
async function loadPeople(tx: Tx, t: TicketFacts, ids: string[], events: NotificationEvent[], members: Prisma.Sql | null): Promise<Map<string, Person>> {
  const out = new Map<string, Person>();
  const unique = [...new Set(ids)];
  if (unique.length === 0 && !members) return out;
  // The named ids and the picked members as one small id list, then joined to
  // users: never a condition evaluated over every user of the organization.
  const picked = members
    ? Prisma.sql`UNION ALL
        SELECT m."userId", true FROM "ProjectMember" m JOIN "User" u ON u."id" = m."userId"
         WHERE m."projectId" = ${t.projectId}::uuid AND ${members}`
    : Prisma.empty;
  // Another organization's user id reads like one that does not exist.
  const users = await rowsOf<{ id: string; organizationId: string; email: string; name: string; active: boolean; roleName: string; permissions: string[]; projectIds: string[]; prefs: Record<string, Channel>; member: boolean }>(tx, Prisma.sql`
    WITH picked AS (
      SELECT k."id", bool_or(k."member") AS "member" FROM (
        SELECT unnest(${unique}::uuid[]) AS "id", false AS "member"
        ${picked}
      ) k GROUP BY k."id"
    )
    SELECT u."id"::text, u."organizationId"::text, u."email", u."name", u."active", r."name" AS "roleName", r."permissions",
           ARRAY(SELECT pm."projectId"::text FROM "ProjectMember" pm WHERE pm."userId" = u."id") AS "projectIds",
           COALESCE((SELECT jsonb_object_agg(p."event", p."channel") FROM "NotificationPreference" p
                      WHERE p."userId" = u."id" AND p."event" = ANY(${events}::text[])), '{}'::jsonb) AS "prefs",
           picked."member"
      FROM picked JOIN "User" u ON u."id" = picked."id" JOIN "Role" r ON r."id" = u."roleId"
     WHERE u."organizationId" = ${t.organizationId}::uuid`, { prepared: true });
  for (const u of users) {
    const actor: Actor = {
      id: u.id, organizationId: u.organizationId, email: u.email, name: u.name, roleName: u.roleName,
      permissions: toPermissionSet(u.permissions),
      projectIds: u.projectIds,
    };
    const base = { userId: u.id, email: u.email, organizationId: u.organizationId, active: u.active, staff: isStaff(actor), seesInternal: canSeeInternal(actor), seesTicket: ticketVisibleTo(actor, t) };
    out.set(u.id, {
      name: u.name,
      actor,
      member: u.member,
      candidate: (event) => ({ ...base, channel: u.prefs[event] ?? null }),
    });
  }
  return out;
}
