import { z } from "zod";

/*
 * Live updates (issue 14), the parts both sides read: what the database
 * announces on the helpdesk_live channel (the triggers of migration
 * 20261202120000_live_notify, and the app's presence notices), and what the
 * stream sends each browser after filtering it by the viewer's scope.
 */

export const LIVE_CHANNEL = "helpdesk_live";

const uuid = z.uuid();
const ids = z.array(uuid).max(100);

/** One notice on the channel. Unknown kinds and malformed payloads are ignored (parseNotice → null). */
export const noticeSchema = z.discriminatedUnion("k", [
  z.object({ k: z.literal("created"), o: uuid, ids }),
  z.object({ k: z.literal("changed"), o: uuid, ids }),
  z.object({ k: z.literal("ranked"), o: uuid, ids }),
  z.object({ k: z.literal("comment"), o: uuid, i: z.boolean(), ids }),
  z.object({ k: z.literal("notice"), o: uuid, u: ids }),
  z.object({
    k: z.literal("presence"),
    o: uuid,
    /** The ticket. */
    t: uuid,
    /** The person and their name as shown. */
    u: uuid,
    n: z.string().max(200),
    /** viewing: has the page open; replying: is writing (for a while); idle: stopped writing; left: closed the page. */
    s: z.enum(["viewing", "replying", "idle", "left"]),
  }),
]);
export type Notice = z.infer<typeof noticeSchema>;
export type TicketNotice = Extract<Notice, { k: "created" | "changed" | "ranked" | "comment" }>;

export function parseNotice(payload: string | undefined): Notice | null {
  if (!payload) return null;
  try {
    const r = noticeSchema.safeParse(JSON.parse(payload));
    return r.success ? r.data : null;
  } catch {
    return null;
  }
}

/** What a page asks to hear of, besides its own bell (every stream hears that). */
export interface LiveTopics {
  /** The ticket page (staff's or the portal's) of this ticket id. */
  ticket?: string;
  /** The desk with this view (its query string, as the page's URL holds it). */
  desk?: string;
  /** A board, by its project key. */
  board?: string;
  /** The portal's list of one's own requests. */
  portal?: boolean;
}

/** The query string of the stream for these topics (/api/live?…). */
export function liveQueryString(t: LiveTopics): string {
  const p = new URLSearchParams();
  if (t.ticket) p.set("ticket", t.ticket);
  if (t.desk !== undefined) p.set("desk", t.desk);
  if (t.board) p.set("board", t.board);
  if (t.portal) p.set("portal", "1");
  return p.toString();
}

/** Someone else on the same ticket page (staff only ever see staff). */
export interface Viewer {
  id: string;
  name: string;
  replying: boolean;
}

/** The events a browser receives (SSE `event:` name → data). */
export interface LiveEvents {
  /** The ticket of the page changed: a field or status ("changed"), or its thread ("comment"); "removed": deleted. */
  ticket: { id: string; kind: "changed" | "comment" | "removed" };
  /**
   * The desk: `matched` are tickets created or changed that the view now shows;
   * `changed` every ticket in scope that changed (the page marks the rows it holds);
   * `removed` deleted ones.
   */
  desk: { matched: string[]; changed: string[]; removed: string[] };
  /** Cards of the board's project that were created, moved, changed or removed (the page asks for them). */
  board: { ids: string[] };
  /** The portal's own requests changed or were answered. */
  portal: { ids: string[] };
  /** The bell: new or read notifications. */
  notice: Record<string, never>;
  /** Who else has the ticket open. */
  presence: { viewers: Viewer[] };
  /** The stream may have missed notices (the server's listener reconnected): read again. */
  resync: Record<string, never>;
}
export type LiveEventName = keyof LiveEvents;
