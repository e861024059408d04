import { z } from "zod";
import { isIsoTimestamp, isUuid, isoDay, text } from "./text";

/** Rows per page of /admin/audit. */
export const AUDIT_PAGE_SIZE = 50;
/** The most rows one CSV export holds (the file says when it was cut: see the audit row). */
export const AUDIT_EXPORT_MAX_ROWS = 100_000;
/** Rows read per round trip while exporting. */
export const AUDIT_EXPORT_BATCH = 1_000;

const ACTION = /^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$/;

/** A time zone the runtime knows (IANA name, or UTC). */
export function isTimeZone(tz: string): boolean {
  if (!tz || tz.length > 64) return false;
  try {
    new Intl.DateTimeFormat("en", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** A page position: the (createdAt, id) of the row the page continues from. */
export interface AuditCursor {
  createdAt: string;
  id: string;
}

export const encodeAuditCursor = (c: { createdAt: Date | string; id: string }) =>
  `${typeof c.createdAt === "string" ? c.createdAt : c.createdAt.toISOString()}_${c.id}`;

/** The cursor's values, or null for anything the page did not write itself (a bad cursor is the first page). */
export function decodeAuditCursor(raw: string | undefined): AuditCursor | null {
  if (!raw) return null;
  const [createdAt, id, extra] = raw.split("_");
  if (extra !== undefined || !isIsoTimestamp(createdAt) || !isUuid(id)) return null;
  return { createdAt, id };
}

const optional = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === "" || v === null ? undefined : v), schema.optional());

/**
 * /admin/audit's query string, also the export's: action, actor (a user id),
 * a day range (from/to, both inclusive, in `tz`, the viewer's time zone) and
 * a page position (older= or newer=, a cursor).
 */
export const auditQuerySchema = z
  .object({
    action: optional(text().max(80, "Not an action").regex(ACTION, "Not an action")),
    actor: optional(z.uuid({ error: "Not a person" })),
    from: optional(isoDay("Enter a valid start date")),
    to: optional(isoDay("Enter a valid end date")),
    tz: optional(text().refine(isTimeZone, "Unknown time zone")).default("UTC"),
    older: optional(text().max(120)),
    newer: optional(text().max(120)),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: "The end date is before the start date", path: ["to"] });

export type AuditQuery = z.output<typeof auditQuerySchema>;
export type AuditQueryInput = z.input<typeof auditQuerySchema>;

/** The filter without its page position, as a query string (links, the export, the audit row of an export). */
export function auditFilterString(q: Partial<AuditQuery>): string {
  const params = new URLSearchParams();
  for (const key of ["action", "actor", "from", "to"] as const) if (q[key]) params.set(key, q[key]!);
  if ((q.from || q.to) && q.tz && q.tz !== "UTC") params.set("tz", q.tz);
  return params.toString();
}

/** Reads the query string of the page or the export: the parsed query and what was refused, by field. */
export function readAuditQuery(params: URLSearchParams): { query: AuditQuery; refused: Record<string, string[]> } {
  const raw: Record<string, string> = {};
  for (const key of ["action", "actor", "from", "to", "tz", "older", "newer"]) {
    const v = params.get(key);
    if (v !== null) raw[key] = v;
  }
  const parsed = auditQuerySchema.safeParse(raw);
  if (parsed.success) return { query: parsed.data, refused: {} };
  const refused: Record<string, string[]> = {};
  for (const issue of parsed.error.issues) (refused[String(issue.path[0] ?? "form")] ??= []).push(issue.message);
  // Keep what was valid; drop the refused fields (the page shows why).
  const kept = auditQuerySchema.safeParse(Object.fromEntries(Object.entries(raw).filter(([k]) => !refused[k])));
  return { query: kept.success ? kept.data : { tz: "UTC" }, refused };
}

// ─── Days in a time zone ─────────────────────────────────────────────────────

/** Milliseconds the zone's wall clock is ahead of UTC at `instant`. */
function zoneOffset(instant: number, tz: string): number {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone: tz,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  }).formatToParts(new Date(instant));
  const n = (type: string) => Number(parts.find((p) => p.type === type)!.value);
  const wall = Date.UTC(n("year"), n("month") - 1, n("day"), n("hour"), n("minute"), n("second"));
  return wall - Math.floor(instant / 1000) * 1000;
}

/** The instant a calendar day (YYYY-MM-DD) begins in `tz`. */
export function startOfDayIn(day: string, tz: string): Date {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  const wall = Date.UTC(y, m - 1, d);
  let t = wall - zoneOffset(wall, tz);
  // Across a DST change the offset at the guess differs from the one at the answer: correct once.
  const again = wall - zoneOffset(t, tz);
  if (again !== t) t = again;
  return new Date(t);
}

/** The day after YYYY-MM-DD. */
export function nextDay(day: string): string {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
}

/** The filter's range as instants: [from's first moment, the moment after to's last). */
export function auditRange(q: Pick<AuditQuery, "from" | "to" | "tz">): { since: Date | null; until: Date | null } {
  const tz = q.tz ?? "UTC";
  return { since: q.from ? startOfDayIn(q.from, tz) : null, until: q.to ? startOfDayIn(nextDay(q.to), tz) : null };
}

/** GET /api/admin/audit/actors's query string. */
export const auditActorSearchSchema = z.object({
  q: text().trim().max(100, "Search for at most 100 characters").default(""),
});
export const AUDIT_ACTOR_SEARCH_LIMIT = 20;
