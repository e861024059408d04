import "server-only";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { isStaff } from "@/lib/auth/permissions";
import { notFound } from "@/lib/errors";
import { parseInput } from "@/lib/validation/parse";
import { markReadSchema, type MarkReadInput } from "@/lib/validation/notifications";
import { ticketScope } from "@/lib/domain/tickets/policy";
import { ticketLink } from "./messages";

// A user's in-app notifications. Every query is keyed by the actor's own id
// (first column of Notification's (userId, readAt, createdAt) index), so one
// user can never read or mark another's rows.

export interface InboxItem {
  id: string;
  event: string;
  title: string;
  body: string;
  createdAt: Date;
  read: boolean;
  /** The ticket on the reader's surface; null once the ticket is out of their sight. */
  href: string | null;
}

/**
 * Unread count: an index-only range over (userId, readAt IS NULL) of
 * Notification's (userId, readAt, createdAt) index. A user id belongs to one
 * organization, so no other column is needed (one would cost a heap visit per row).
 */
export function unreadCount(actor: Actor): Promise<number> {
  return db.notification.count({ where: { userId: actor.id, readAt: null } });
}

/** The newest notifications, with links to tickets the actor may still open. */
export async function listNotifications(actor: Actor, opts: { limit?: number; unreadOnly?: boolean } = {}): Promise<InboxItem[]> {
  const rows = await db.notification.findMany({
    where: { userId: actor.id, organizationId: actor.organizationId, ...(opts.unreadOnly ? { readAt: null } : {}) },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: Math.min(Math.max(opts.limit ?? 20, 1), 100),
    select: { id: true, event: true, title: true, body: true, createdAt: true, readAt: true, ticketId: true },
  });
  const ticketIds = [...new Set(rows.map((r) => r.ticketId).filter((id): id is string => !!id))];
  // Scope again at read time: access may have changed since the row was written.
  const visible = ticketIds.length
    ? await db.ticket.findMany({ where: { ...ticketScope(actor), id: { in: ticketIds } }, select: { id: true, number: true } })
    : [];
  const numbers = new Map(visible.map((t) => [t.id, t.number]));
  const staff = isStaff(actor);
  return rows.map((r) => {
    const number = r.ticketId ? numbers.get(r.ticketId) : undefined;
    return { id: r.id, event: r.event, title: r.title, body: r.body, createdAt: r.createdAt, read: !!r.readAt, href: number ? ticketLink(number, staff) : null };
  });
}

/** Marks one of the actor's notifications read; someone else's reads as not found. */
export async function markRead(actor: Actor, raw: MarkReadInput, opts: { now?: Date } = {}) {
  const input = parseInput(markReadSchema, raw);
  const row = await db.notification.findFirst({ where: { id: input.id, userId: actor.id, organizationId: actor.organizationId }, select: { id: true, readAt: true } });
  if (!row) throw notFound("Notification");
  if (!row.readAt) await db.notification.updateMany({ where: { id: row.id, userId: actor.id, readAt: null }, data: { readAt: opts.now ?? new Date() } });
  return { id: row.id, unread: await unreadCount(actor) };
}

/** Marks every unread notification of the actor read. */
export async function markAllRead(actor: Actor, opts: { now?: Date } = {}) {
  const res = await db.notification.updateMany({ where: { userId: actor.id, organizationId: actor.organizationId, readAt: null }, data: { readAt: opts.now ?? new Date() } });
  return { marked: res.count, unread: 0 };
}
