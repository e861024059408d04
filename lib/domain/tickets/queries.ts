import "server-only";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { notFound } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { isStaff } from "@/lib/auth/permissions";
import { isIsoTimestamp, isUuid } from "@/lib/validation/text";
import { canSeeInternal, ticketScope } from "./policy";
import { withVisibleReferences } from "@/lib/domain/relationships/visible-refs";
import { TERMINAL_STATUSES } from "./workflow";

// Names only: e-mail addresses of staff never travel to requesters' pages.
const person = { select: { id: true, name: true } } as const;

/** Loads a ticket by id through the actor's scope; anything outside it is "not found". */
export async function loadTicketForActor<S extends Prisma.TicketSelect>(actor: Actor, id: string, select: S) {
  const ticket = await db.ticket.findFirst({ where: { ...ticketScope(actor), id }, select });
  if (!ticket) throw notFound();
  return ticket;
}

/** Everything the ticket page shows, with internal material only for those who may see it. */
export async function getTicketDetail(actor: Actor, number: string, opts: { ownOnly?: boolean; requesterView?: boolean } = {}) {
  // The portal is the requester's view: their own tickets, never internal material.
  const internal = canSeeInternal(actor) && !opts.requesterView;
  // Earlier versions of edited comments are for staff; requesters see only "edited".
  const staffView = isStaff(actor) && !opts.requesterView;
  const ticket = await db.ticket.findFirst({
    where: { ...ticketScope(actor), number, ...(opts.ownOnly ? { requesterId: actor.id } : {}) },
    include: {
      project: { select: { id: true, key: true, name: true, workflow: true } },
      requester: person,
      assignees: { include: { user: person }, orderBy: [{ isPrimary: "desc" }, { assignedAt: "asc" }] },
      watchers: { include: { user: person } },
      tags: { include: { tag: true } },
      column: { select: { id: true, name: true, color: true, category: true } },
      asset: { select: { id: true, tag: true, name: true } },
      customer: { select: { id: true, name: true } },
      approvedBy: person,
      acceptedBy: person,
      reviewer: person,
      items: { orderBy: { position: "asc" } },
      comments: {
        where: internal ? {} : { type: { not: "internal_note" } },
        orderBy: { createdAt: "asc" },
        include: {
          author: person,
          revisions: { where: staffView ? {} : { id: { in: [] } }, orderBy: { createdAt: "desc" }, select: { id: true, body: true, createdAt: true, editedBy: person } },
          mentions: { where: internal ? {} : { userId: { in: [] } }, select: { userId: true, user: person } },
        },
      },
      history: {
        where: internal ? {} : { internal: false },
        orderBy: { createdAt: "asc" },
        include: { actor: person },
      },
      // Pending uploads belong to a reply still being written: not on the page.
      attachments: {
        where: internal ? { pending: false } : { pending: false, OR: [{ commentId: null }, { comment: { type: { not: "internal_note" } } }] },
        orderBy: { createdAt: "asc" },
        select: { id: true, commentId: true, originalName: true, size: true, mimeType: true, createdAt: true, uploadedBy: person },
      },
    },
  });
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
