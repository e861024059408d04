import { z } from "zod";

// PostgreSQL's text and jsonb cannot hold U+0000 (error 22021), and a lone
// UTF-16 surrogate is half a character that cannot be stored as written.
// Both used to pass the schemas and come back from the database as an internal
// error. Every string a schema accepts is built here, so the refusal lands on
// the field that carried it, with a message, before the domain runs.
// text.test.ts fails when a schema under lib/validation calls z.string() or z.iso itself.

export const NUL_MESSAGE = "Text cannot contain a NUL character";
export const SURROGATE_MESSAGE = "Text contains a broken character (half of an emoji or symbol); retype it";

// A high surrogate not followed by a low one, or a low one not preceded by a high one.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export const hasNul = (value: string): boolean => value.includes("\u0000");
export const hasLoneSurrogate = (value: string): boolean => LONE_SURROGATE.test(value);

/** Why the database could not store this string, or null when it can. */
export function unstorableText(value: string): string | null {
  if (hasNul(value)) return NUL_MESSAGE;
  if (hasLoneSurrogate(value)) return SURROGATE_MESSAGE;
  return null;
}

/**
 * A string PostgreSQL can store. Chain .trim(), .min(), .max(), .regex() …
 * on it as on z.string(); use it for every string in lib/validation.
 */
export function text(params?: Parameters<typeof z.string>[0]) {
  return z
    .string(params)
    .refine((v) => !hasNul(v), NUL_MESSAGE)
    .refine((v) => !hasLoneSurrogate(v), SURROGATE_MESSAGE);
}

/**
 * A JSON object of strings (stored as jsonb, which cannot hold a NUL either).
 * A refused key reports the key schema's own message, not zod's "Invalid key in record".
 */
export function textRecord<K extends z.ZodType<string, string>, V extends z.ZodType>(key: K, value: V) {
  return z.record(key, value, { error: (issue) => (issue.code === "invalid_key" ? issue.issues?.[0]?.message : undefined) });
}

// ─── Dates ───────────────────────────────────────────────────────────────────
// z.iso.date() accepts year 0000, which PostgreSQL refuses ("date/time field
// value out of range"); nothing in a help desk is due before 1900 or after 9999.

export const YEAR_MIN = 1900;
export const YEAR_MAX = 9999;
export const DATE_RANGE_MESSAGE = `The date must be between ${YEAR_MIN} and ${YEAR_MAX}`;

/** The instant's year (UTC) is within YEAR_MIN…YEAR_MAX. */
export function yearInRange(value: string | Date): boolean {
  const d = value instanceof Date ? value : new Date(value);
  const year = d.getUTCFullYear();
  return !Number.isNaN(year) && year >= YEAR_MIN && year <= YEAR_MAX;
}

/** A calendar day, YYYY-MM-DD, in the sane range. */
export const isoDay = (error = "Enter a valid date") => z.iso.date({ error }).refine(yearInRange, DATE_RANGE_MESSAGE);

/** A day or a date-time with its offset, in the sane range. */
export const isoDayOrDateTime = (error = "Enter a valid date") =>
  z.iso
    .datetime({ offset: true, error })
    .or(z.iso.date({ error }))
    .refine(yearInRange, DATE_RANGE_MESSAGE);

// ─── Values read back from cursors and URLs ──────────────────────────────────
// A forged cursor reaches SQL casts (::uuid, ::int, ::timestamp): each value is
// checked here so a bad one reads as "no cursor", never as a database error.

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (v: unknown): v is string => typeof v === "string" && UUID.test(v);

export const INT4_MAX = 2_147_483_647;
export const isInt4 = (v: unknown): v is number => typeof v === "number" && Number.isInteger(v) && Math.abs(v) <= INT4_MAX;

/** An ISO timestamp as the app writes it (Date#toISOString), in the sane year range. */
export const isIsoTimestamp = (v: unknown): v is string =>
  typeof v === "string" && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/.test(v) && yearInRange(v);
