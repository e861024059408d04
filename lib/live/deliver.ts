import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { canSeeInternal, ticketVisibleTo, type ScopeFacts } from "@/lib/domain/tickets/policy";
import type { LiveEvents, TicketNotice } from "./events";

/*
 * Who hears what: for one open stream and a batch of notices, the events it
 * gets. Pure, from the facts of the tickets concerned (read once per batch for
 * every stream of the instance) and the pages' own scope rule, ticketVisibleTo
 * (held to ticketScope on every demo user and ticket by scope.integration.test.ts).
 * A ticket out of the viewer's scope is never named to them; an internal note
 * reaches only those who may read internal notes; another organization's
 * notices never reach the stream at all (the hub sorts them by organization).
 */

export interface TicketFacts extends ScopeFacts {
  id: string;
}

/** A batch of one organization's notices, merged: each ticket once per kind. */
export interface Batch {
  created: Set<string>;
  changed: Set<string>;
  ranked: Set<string>;
  /** Tickets whose thread moved, and whether by a public reply, an internal note or both. */
  comments: Map<string, { public: boolean; internal: boolean }>;
  /** Users whose notifications changed. */
  notices: Set<string>;
}

export function emptyBatch(): Batch {
  return { created: new Set(), changed: new Set(), ranked: new Set(), comments: new Map(), notices: new Set() };
}

export function addToBatch(batch: Batch, n: TicketNotice | { k: "notice"; u: string[] }): void {
  switch (n.k) {
    case "created":
      for (const id of n.ids) batch.created.add(id);
      break;
    case "changed":
      for (const id of n.ids) batch.changed.add(id);
      break;
    case "ranked":
      for (const id of n.ids) batch.ranked.add(id);
      break;
    case "comment":
      for (const id of n.ids) {
        const c = batch.comments.get(id) ?? { public: false, internal: false };
        if (n.i) c.internal = true;
        else c.public = true;
        batch.comments.set(id, c);
      }
      break;
    case "notice":
      for (const u of n.u) batch.notices.add(u);
      break;
  }
}

/** The tickets whose facts the batch needs. */
export function ticketIdsOf(batch: Batch): string[] {
  return [...new Set([...batch.created, ...batch.changed, ...batch.ranked, ...batch.comments.keys()])];
}

/** What a stream listens to, resolved on the server when it opened (ids, never names from the URL). */
export interface Subscription {
  actor: Actor;
  ticketId?: string;
  /** The desk: the view's filters are matched in SQL by the hub (deskMatches). */
  desk?: boolean;
  boardProjectId?: string;
  portal?: boolean;
}

/** What one stream gets from one batch; `deskCandidates` still go through the view's filters (SQL) before they are sent. */
export interface Planned {
  ticket: LiveEvents["ticket"][];
  desk: { candidates: string[]; changed: string[]; removed: string[] } | null;
  board: string[];
  portal: string[];
  notice: boolean;
}

export function plan(sub: Subscription, batch: Batch, facts: ReadonlyMap<string, TicketFacts>): Planned {
  const { actor } = sub;
  const visible = (id: string) => {
    const f = facts.get(id);
    return !!f && ticketVisibleTo(actor, f);
  };
  /** Deleted (soft), and the viewer saw it before: they may hear it is gone. */
  const removed = (id: string) => {
    const f = facts.get(id);
    return !!f && f.deleted && ticketVisibleTo(actor, { ...f, deleted: false });
  };
  const internalOk = canSeeInternal(actor);
  const threadMoved = (id: string) => {
    const c = batch.comments.get(id);
    return !!c && (c.public || (c.internal && internalOk)) && visible(id);
  };
  const touched = [...new Set([...batch.created, ...batch.changed])];

  const ticket: LiveEvents["ticket"][] = [];
  if (sub.ticketId) {
    const id = sub.ticketId;
    if (batch.changed.has(id) || batch.created.has(id)) {
      if (removed(id)) ticket.push({ id, kind: "removed" });
      else if (visible(id)) ticket.push({ id, kind: "changed" });
    }
    if (threadMoved(id)) ticket.push({ id, kind: "comment" });
  }

  const desk = sub.desk
    ? {
        candidates: touched.filter(visible),
        changed: [...batch.changed].filter(visible),
        removed: [...batch.changed].filter(removed),
      }
    : null;

  const board = sub.boardProjectId
    ? [...new Set([...touched, ...batch.ranked, ...batch.comments.keys()])].filter((id) => {
        if (facts.get(id)?.projectId !== sub.boardProjectId) return false;
        if (batch.comments.has(id) && !batch.created.has(id) && !batch.changed.has(id) && !batch.ranked.has(id)) return threadMoved(id);
        return visible(id) || removed(id);
      })
    : [];

  const portal = sub.portal
    ? [...new Set([...touched, ...batch.comments.keys()])].filter((id) => {
        if (facts.get(id)?.requesterId !== actor.id) return false;
        if (batch.comments.has(id) && !batch.created.has(id) && !batch.changed.has(id)) return threadMoved(id);
        return visible(id) || removed(id);
      })
    : [];

  return { ticket, desk, board, portal, notice: batch.notices.has(actor.id) };
}
