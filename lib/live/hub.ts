import "server-only";
import { randomUUID } from "node:crypto";
import pg from "pg";
import { Prisma } from "@/lib/generated/prisma/client";
import { db, getPool } from "@/lib/db";
import { env } from "@/lib/env";
import { loadSessionActor, type Actor } from "@/lib/auth/actor";
import { isStaff } from "@/lib/auth/permissions";
import { deskConditions } from "@/lib/domain/desk/desk-query";
import type { DeskQuery } from "@/lib/validation/desk";
import { LIVE_CHANNEL, parseNotice, type LiveEventName, type LiveEvents, type Notice, type Viewer } from "./events";
import { addToBatch, emptyBatch, plan, ticketIdsOf, type Batch, type Subscription, type TicketFacts } from "./deliver";

/*
 * The live hub of one app instance: one LISTEN connection on helpdesk_live
 * (not a pooled one), the streams open on this instance, and nothing else.
 * Every instance hears every notice, so several instances on one database
 * each serve their own streams. No timer per browser and no polling: a
 * notice wakes the hub, which merges an organization's notices for
 * FLUSH_MS, reads the facts of the tickets concerned once, and sends each
 * stream what its viewer may know (deliver.ts plan).
 *
 * Presence ("X is viewing / replying") travels as notices too: an instance
 * announces its staff streams on a ticket page when they open, every
 * ANNOUNCE_MS while open, and when they close; entries not renewed within
 * PRESENCE_TTL_MS are dropped (an instance that died says nothing more).
 */

export interface StreamHandle {
  /** Writes one SSE event; false when the connection is gone. */
  send<E extends LiveEventName>(event: E, data: LiveEvents[E]): boolean;
  /** Writes a heartbeat (an SSE comment); false when the connection is gone. */
  ping(): boolean;
  /** Ends the stream (signed out, session closed). */
  close(): void;
}

export interface StreamOptions {
  actor: Actor;
  /** The browser session behind the stream: re-checked every ACTOR_TTL_MS (sign-out, deactivation, role changes). */
  sessionId: string;
  ticketId?: string;
  desk?: DeskQuery;
  boardProjectId?: string;
  portal?: boolean;
}

interface Stream extends StreamOptions {
  id: string;
  handle: StreamHandle;
  actorAt: number;
}

export interface HubOptions {
  connectionString?: string;
  flushMs?: number;
  announceMs?: number;
  presenceTtlMs?: number;
  actorTtlMs?: number;
  /** How a stream's actor is read again (tests give their own). */
  reloadActor?: (sessionId: string, userId: string) => Promise<Actor | null>;
  /** How the hub says something on the channel (presence); the pool by default. */
  say?: (payload: string) => Promise<void>;
}

const FLUSH_MS = 100;
const ANNOUNCE_MS = 20_000;
const PRESENCE_TTL_MS = 45_000;
const REPLYING_TTL_MS = 20_000;
const ACTOR_TTL_MS = 60_000;
const RECONNECT_MAX_MS = 15_000;

interface PresenceEntry {
  name: string;
  until: number;
  replyingUntil: number;
}

export class LiveHub {
  readonly instanceId = randomUUID();
  private readonly opts: Required<Omit<HubOptions, "connectionString">> & { connectionString?: string };
  private listener: pg.Client | null = null;
  private connecting: Promise<void> | null = null;
  private reconnectDelay = 500;
  private reconnectTimer: NodeJS.Timeout | null = null;
  private announceTimer: NodeJS.Timeout | null = null;
  private stopped = false;
  private everConnected = false;
  private readonly streams = new Map<string, Stream>();
  private readonly byOrg = new Map<string, Set<Stream>>();
  private readonly pending = new Map<string, { batch: Batch; timer: NodeJS.Timeout }>();
  /** ticket id → user id → entry. */
  private readonly presence = new Map<string, Map<string, PresenceEntry>>();
  /** Settles when the notices merged so far have been delivered (tests wait on it). */
  private flushing: Promise<void> = Promise.resolve();

  constructor(opts: HubOptions = {}) {
    this.opts = {
      connectionString: opts.connectionString,
      flushMs: opts.flushMs ?? FLUSH_MS,
      announceMs: opts.announceMs ?? ANNOUNCE_MS,
      presenceTtlMs: opts.presenceTtlMs ?? PRESENCE_TTL_MS,
      actorTtlMs: opts.actorTtlMs ?? ACTOR_TTL_MS,
      reloadActor: opts.reloadActor ?? ((sessionId, userId) => loadSessionActor(sessionId, userId)),
      say: opts.say ?? (async (payload) => void (await getPool().query("SELECT pg_notify($1, $2)", [LIVE_CHANNEL, payload]))),
    };
  }

  /** How many streams are open here (the benchmark reports it). */
  get size(): number {
    return this.streams.size;
  }

  /** Opens a stream; the returned function closes it (idempotent). Resolves once the hub listens. */
  async open(o: StreamOptions, handle: StreamHandle): Promise<() => void> {
    const stream: Stream = { ...o, id: randomUUID(), handle, actorAt: Date.now() };
    this.streams.set(stream.id, stream);
    let org = this.byOrg.get(o.actor.organizationId);
    if (!org) this.byOrg.set(o.actor.organizationId, (org = new Set()));
    org.add(stream);
    this.startTimers();
    await this.listen();
    if (stream.ticketId && isStaff(stream.actor)) {
      void this.announce(stream.actor, stream.ticketId, "viewing");
      // What this instance already knows of the others on the page.
      handle.send("presence", { viewers: this.viewersOf(stream.ticketId, stream.actor.id) });
    }
    let closed = false;
    return () => {
      if (closed) return;
      closed = true;
      this.drop(stream);
    };
  }

  /** Someone started or stopped writing on a ticket page (the composer says so, through /api/live/presence). */
  async replying(actor: Actor, ticketId: string, replying: boolean): Promise<void> {
    if (!isStaff(actor)) return;
    await this.announce(actor, ticketId, replying ? "replying" : "idle");
  }

  /** Waits until every notice heard so far has been delivered (tests). */
  async settled(): Promise<void> {
    for (;;) {
      const pending = [...this.pending.values()];
      if (pending.length === 0) {
        await this.flushing;
        if (this.pending.size === 0) return;
        continue;
      }
      await new Promise((r) => setTimeout(r, this.opts.flushMs + 5));
    }
  }

  /** Closes the listener and every stream (tests, shutdown). */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const s of [...this.streams.values()]) s.handle.close();
    this.streams.clear();
    this.byOrg.clear();
    for (const p of this.pending.values()) clearTimeout(p.timer);
    this.pending.clear();
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    if (this.announceTimer) clearInterval(this.announceTimer);
    const l = this.listener;
    this.listener = null;
    await l?.end().catch(() => undefined);
  }

  // ── Listening ────────────────────────────────────────────────────────────

  private listen(): Promise<void> {
    if (this.listener) return Promise.resolve();
    this.connecting ??= this.connect().finally(() => {
      this.connecting = null;
    });
    return this.connecting;
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    const client = new pg.Client({ connectionString: this.opts.connectionString ?? env().DATABASE_URL });
    client.on("notification", (m) => {
      if (m.channel === LIVE_CHANNEL) this.heard(parseNotice(m.payload));
    });
    const lost = () => {
      if (this.listener !== client) return;
      this.listener = null;
      client.end().catch(() => undefined);
      this.scheduleReconnect();
    };
    client.on("error", lost);
    client.on("end", lost);
    try {
      await client.connect();
      await client.query(`LISTEN ${LIVE_CHANNEL}`);
    } catch (e) {
      client.end().catch(() => undefined);
      console.error("[live] could not listen", e instanceof Error ? e.message : e);
      this.scheduleReconnect();
      return;
    }
    if (this.stopped) {
      await client.end().catch(() => undefined);
      return;
    }
    this.listener = client;
    this.reconnectDelay = 500;
    // Notices sent while nobody here listened are lost: every open stream reads again.
    if (this.everConnected) for (const s of this.streams.values()) s.handle.send("resync", {});
    this.everConnected = true;
  }

  private scheduleReconnect(): void {
    if (this.stopped || this.reconnectTimer || this.streams.size === 0) return;
    const delay = Math.min(this.reconnectDelay, RECONNECT_MAX_MS) * (0.75 + Math.random() / 2);
    this.reconnectDelay = Math.min(this.reconnectDelay * 2, RECONNECT_MAX_MS);
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      void this.listen();
    }, delay);
    this.reconnectTimer.unref?.();
  }

  private heard(n: Notice | null): void {
    if (!n) return;
    if (n.k === "presence") return this.presenceHeard(n);
    // Nobody here cares about this organization: nothing is read.
    if (!this.byOrg.get(n.o)?.size) return;
    let p = this.pending.get(n.o);
    if (!p) {
      const org = n.o;
      p = { batch: emptyBatch(), timer: setTimeout(() => this.flush(org), this.opts.flushMs) };
      this.pending.set(org, p);
    }
    addToBatch(p.batch, n);
  }

  private flush(org: string): void {
    const p = this.pending.get(org);
    if (!p) return;
    this.pending.delete(org);
    const run = this.deliver(org, p.batch).catch((e) => console.error("[live] delivery failed", e));
    this.flushing = this.flushing.then(() => run);
  }

  // ── Delivering ───────────────────────────────────────────────────────────

  private async deliver(org: string, batch: Batch): Promise<void> {
    const streams = [...(this.byOrg.get(org) ?? [])];
    if (streams.length === 0) return;
    const [facts] = await Promise.all([ticketFacts(org, ticketIdsOf(batch)), this.refreshActors(streams)]);
    // One read per viewer and view, however many tabs show it.
    const matches = new Map<string, Promise<string[]>>();
    const matched = (s: Stream, desk: DeskQuery, ids: string[]) => {
      const key = `${s.actor.id}\n${JSON.stringify(desk)}\n${ids.join(",")}`;
      let m = matches.get(key);
      if (!m) matches.set(key, (m = deskMatches(s.actor, desk, ids)));
      return m;
    };
    await Promise.all(
      streams.map(async (s) => {
        if (!this.streams.has(s.id)) return;
        const sub: Subscription = { actor: s.actor, ticketId: s.ticketId, desk: !!s.desk, boardProjectId: s.boardProjectId, portal: s.portal };
        const out = plan(sub, batch, facts);
        for (const t of out.ticket) s.handle.send("ticket", t);
        if (out.board.length) s.handle.send("board", { ids: out.board });
        if (out.portal.length) s.handle.send("portal", { ids: out.portal });
        if (out.notice) s.handle.send("notice", {});
        if (out.desk && s.desk && (out.desk.candidates.length || out.desk.removed.length)) {
          const shown = out.desk.candidates.length ? await matched(s, s.desk, out.desk.candidates) : [];
          s.handle.send("desk", { matched: shown, changed: out.desk.changed, removed: out.desk.removed });
        }
      }),
    );
  }

  /** Streams whose actor was read more than ACTOR_TTL_MS ago read it again; a closed session ends its stream. */
  private async refreshActors(streams: Stream[]): Promise<void> {
    const now = Date.now();
    await Promise.all(
      streams
        .filter((s) => now - s.actorAt > this.opts.actorTtlMs)
        .map(async (s) => {
          const actor = await this.opts.reloadActor(s.sessionId, s.actor.id).catch(() => s.actor);
          if (!actor) {
            s.handle.close();
            this.drop(s);
            return;
          }
          s.actor = actor;
          s.actorAt = Date.now();
        }),
    );
  }

  private drop(stream: Stream): void {
    if (!this.streams.delete(stream.id)) return;
    this.byOrg.get(stream.actor.organizationId)?.delete(stream);
    if (stream.ticketId && isStaff(stream.actor)) {
      const still = [...this.streams.values()].some((s) => s.ticketId === stream.ticketId && s.actor.id === stream.actor.id);
      if (!still) void this.announce(stream.actor, stream.ticketId, "left");
    }
    if (this.streams.size === 0) this.stopTimers();
  }

  // ── Presence ─────────────────────────────────────────────────────────────

  private async announce(actor: Actor, ticketId: string, s: "viewing" | "replying" | "idle" | "left"): Promise<void> {
    const payload: Notice = { k: "presence", o: actor.organizationId, t: ticketId, u: actor.id, n: actor.name.slice(0, 200), s };
    await this.opts.say(JSON.stringify(payload)).catch((e) => console.error("[live] presence not sent", e instanceof Error ? e.message : e));
  }

  private presenceHeard(n: Extract<Notice, { k: "presence" }>): void {
    // Kept for the organizations served here (a page opened later shows who is already there); the tick forgets the silent.
    if (!this.byOrg.get(n.o)?.size) return;
    const now = Date.now();
    let people = this.presence.get(n.t);
    if (!people) this.presence.set(n.t, (people = new Map()));
    const was = people.get(n.u);
    if (n.s === "left") people.delete(n.u);
    else {
      people.set(n.u, {
        name: n.n,
        until: now + this.opts.presenceTtlMs,
        replyingUntil: n.s === "replying" ? now + REPLYING_TTL_MS : n.s === "idle" ? 0 : (was?.replyingUntil ?? 0),
      });
    }
    // A newcomer learns at once who is already there: this instance's viewers on the page say so again.
    if (n.s === "viewing" && !was) {
      const here = new Map<string, Actor>();
      for (const s of this.streams.values()) if (s.ticketId === n.t && s.actor.id !== n.u && isStaff(s.actor)) here.set(s.actor.id, s.actor);
      for (const actor of here.values()) void this.announce(actor, n.t, "viewing");
    }
    const changed = n.s === "left" ? !!was : !was || (n.s === "replying") !== (was.replyingUntil > now) || n.s === "idle";
    if (changed) this.pushPresence(n.t);
  }

  private viewersOf(ticketId: string, except: string): Viewer[] {
    const now = Date.now();
    return [...(this.presence.get(ticketId) ?? [])]
      .filter(([id, e]) => id !== except && e.until > now)
      .map(([id, e]) => ({ id, name: e.name, replying: e.replyingUntil > now }))
      .sort((a, b) => a.name.localeCompare(b.name));
  }

  private pushPresence(ticketId: string): void {
    for (const s of this.streams.values()) {
      if (s.ticketId === ticketId && isStaff(s.actor)) s.handle.send("presence", { viewers: this.viewersOf(ticketId, s.actor.id) });
    }
  }

  private startTimers(): void {
    if (this.announceTimer) return;
    this.announceTimer = setInterval(() => this.tick(), this.opts.announceMs);
    this.announceTimer.unref?.();
  }

  private stopTimers(): void {
    if (this.announceTimer) clearInterval(this.announceTimer);
    this.announceTimer = null;
  }

  /** Renews this instance's viewers, forgets the silent ones, and keeps every stream's connection warm (SSE comment). */
  private tick(): void {
    const seen = new Set<string>();
    for (const s of [...this.streams.values()]) {
      // A heartbeat: proxies keep the connection, and a dead one is found and dropped.
      if (!s.handle.ping()) {
        this.drop(s);
        continue;
      }
      if (!s.ticketId || !isStaff(s.actor)) continue;
      const key = `${s.ticketId}:${s.actor.id}`;
      if (seen.has(key)) continue;
      seen.add(key);
      void this.announce(s.actor, s.ticketId, "viewing");
    }
    const now = Date.now();
    for (const [ticketId, people] of this.presence) {
      let changed = false;
      for (const [id, e] of people) {
        if (e.until <= now) {
          people.delete(id);
          changed = true;
        } else if (e.replyingUntil && e.replyingUntil <= now) {
          e.replyingUntil = 0;
          changed = true;
        }
      }
      if (people.size === 0) this.presence.delete(ticketId);
      if (changed) this.pushPresence(ticketId);
    }
  }
}

/** What the scope rule needs of each ticket, in one read (the tickets of another organization are not read). */
async function ticketFacts(org: string, ids: string[]): Promise<Map<string, TicketFacts>> {
  if (ids.length === 0) return new Map();
  const rows = await db.$queryRaw<{ id: string; projectId: string; requesterId: string; deleted: boolean; assigneeIds: string[] }[]>`
    SELECT t."id"::text, t."projectId"::text, t."requesterId"::text, t."deletedAt" IS NOT NULL AS "deleted",
           ARRAY(SELECT a."userId"::text FROM "TicketAssignee" a WHERE a."ticketId" = t."id") AS "assigneeIds"
      FROM "Ticket" t
     WHERE t."id" = ANY(${ids}::uuid[]) AND t."organizationId" = ${org}::uuid`;
  return new Map(rows.map((r) => [r.id, { ...r, organizationId: org }]));
}

/** Which of these tickets (in the viewer's scope) the desk's view shows: its own filters, in SQL. */
export async function deskMatches(actor: Actor, query: DeskQuery, ids: string[]): Promise<string[]> {
  const where = await deskConditions(actor, { ...query, cursor: undefined });
  const rows = await db.$queryRaw<{ id: string }[]>`
    SELECT t."id"::text FROM "Ticket" t WHERE t."id" = ANY(${ids}::uuid[]) AND ${Prisma.join(where, " AND ")}`;
  return rows.map((r) => r.id);
}

const globalForLive = globalThis as unknown as { liveHub?: LiveHub };

/** The instance's hub (one per process, surviving dev reloads). */
export function liveHub(): LiveHub {
  globalForLive.liveHub ??= new LiveHub();
  return globalForLive.liveHub;
}
