import "server-only";
import { db, sqlRows } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { notFound } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { isStaff } from "@/lib/auth/permissions";
import { isIsoTimestamp, isUuid } from "@/lib/validation/text";
import { canSeeInternal, ticketScope, ticketScopeSql } from "./policy";
import { withVisibleReferences } from "@/lib/domain/relationships/visible-refs";
import { TERMINAL_STATUSES } from "./workflow";
import { loadTicketDetail } from "./detail-sql";

/** Loads a ticket by id through the actor's scope; anything outside it is "not found". */
export async function loadTicketForActor<S extends Prisma.TicketSelect>(actor: Actor, id: string, select: S) {
  const ticket = await db.ticket.findFirst({ where: { ...ticketScope(actor), id }, select });
  if (!ticket) throw notFound();
  return ticket;
}

/**
 * Throws "not found" unless the ticket is in the actor's scope: the check
 * loadTicketForActor makes, hand-written for the reads that need nothing else
 * (Prisma compiles the scope's project list anew on each call: ~8 ms).
 */
export async function assertTicketInScope(actor: Actor, id: string): Promise<void> {
  if (!isUuid(id)) throw notFound();
  const rows = await sqlRows<{ one: number }>(Prisma.sql`SELECT 1 AS "one" FROM "Ticket" t WHERE ${ticketScopeSql(actor)} AND t."id" = ${id}::uuid`, { prepared: true });
  if (rows.length === 0) throw notFound();
}

/** Everything the ticket page shows, with internal material only for those who may see it. */
export async function getTicketDetail(actor: Actor, number: string, opts: { ownOnly?: boolean; requesterView?: boolean } = {}) {
  // The portal is the requester's view: their own tickets, never internal material.
  const internal = canSeeInternal(actor) && !opts.requesterView;
  // Earlier versions of edited comments are for staff; requesters see only "edited".
  const staffView = isStaff(actor) && !opts.requesterView;
  const ticket = await loadTicketDetail(actor, number, { internal, staffView, ownOnly: !!opts.ownOnly });
  if (!ticket) throw notFound();
  // The customer is the staff's view of the requester: not on the requester's pages (nor in what they are sent).
  if (!staffView) Object.assign(ticket, { customer: null, customerId: null });
  // Other tickets named in system comments and link history: only those this viewer may see.
  return withVisibleReferences(actor, ticket, { ownOnly: opts.ownOnly });
}

export type TicketDetail = Awaited<ReturnType<typeof getTicketDetail>>;

export interface ListOptions {
  cursor?: string | null;
  limit?: number;
  /** Restrict to tickets the actor requested (the portal). */
  ownOnly?: boolean;
  /** Words of the title (any case), or the ticket's number. */
  q?: string;
  /** Open work (not in a terminal status) or closed work only. */
  state?: "open" | "closed";
}

interface Cursor {
  updatedAt: Date;
  id: string;
}

export function encodeCursor(c: Cursor): string {
  return Buffer.from(`${c.updatedAt.toISOString()}|${c.id}`).toString("base64url");
}

export function decodeCursor(raw: string | null | undefined): Cursor | null {
  if (!raw) return null;
  const parts = Buffer.from(raw, "base64url").toString("utf8").split("|");
  const [iso, id] = parts;
  // Only what encodeCursor writes: a forged date (year 0) or id reached PostgreSQL as a query error.
  if (parts.length !== 2 || !isIsoTimestamp(iso) || !isUuid(id)) return null;
  return { updatedAt: new Date(iso), id };
}

/** A page of tickets in the actor's scope, newest activity first, keyset-paged. */
export async function listTickets(actor: Actor, opts: ListOptions = {}) {
  const limit = Math.min(Math.max(opts.limit ?? 50, 1), 100);
  const cursor = decodeCursor(opts.cursor);
  const where: Prisma.TicketWhereInput = { ...ticketScope(actor) };
  const and: Prisma.TicketWhereInput[] = [];
  if (opts.ownOnly) and.push({ requesterId: actor.id });
  if (opts.q) and.push({ OR: [{ title: { contains: opts.q, mode: "insensitive" } }, { number: opts.q.toUpperCase() }] });
  if (opts.state) and.push({ status: opts.state === "open" ? { notIn: [...TERMINAL_STATUSES] } : { in: [...TERMINAL_STATUSES] } });
  if (cursor) {
    and.push({ OR: [{ updatedAt: { lt: cursor.updatedAt } }, { updatedAt: cursor.updatedAt, id: { lt: cursor.id } }] });
  }
  if (and.length) where.AND = and;
  const rows = await db.ticket.findMany({
    where,
    orderBy: [{ updatedAt: "desc" }, { id: "desc" }],
    take: limit + 1,
    select: {
      id: true,
      number: true,
      title: true,
      status: true,
      priority: true,
      updatedAt: true,
      createdAt: true,
      project: { select: { key: true, name: true } },
      requester: { select: { name: true } },
      assignee: { select: { name: true } },
    },
  });
  const hasMore = rows.length > limit;
  const page = hasMore ? rows.slice(0, limit) : rows;
  const last = page[page.length - 1];
  return { rows: page, nextCursor: hasMore && last ? encodeCursor(last) : null };
}
