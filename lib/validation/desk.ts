import { z } from "zod";
import { Priority, TicketStatus, TicketType } from "@/lib/generated/prisma/enums";

export const BOX_KEYS = ["unassigned", "mine", "in_progress", "new", "critical", "approval"] as const;
export type BoxKey = (typeof BOX_KEYS)[number];

export const SORT_KEYS = ["updated", "created", "priority", "number"] as const;
export type SortKey = (typeof SORT_KEYS)[number];

const list = <T extends string>(values: readonly T[]) =>
  z
    .array(z.enum(values as [T, ...T[]]))
    .max(values.length)
    .default([]);
const ids = z.array(z.string().regex(/^([0-9a-f-]{36}|none|me)$/i)).max(50).default([]);
const day = z.iso.date().optional();

/** The desk's view: every filter, the sort and the page — all of it lives in the URL. */
export const deskQuerySchema = z.object({
  status: list(Object.values(TicketStatus)),
  priority: list(Object.values(Priority)),
  type: list(Object.values(TicketType)),
  project: z.array(z.string().regex(/^[A-Z][A-Z0-9]{1,9}$/)).max(50).default([]),
  assignee: ids,
  requester: z.array(z.uuid()).max(50).default([]),
  tag: z.array(z.string().trim().toLowerCase().min(1).max(50)).max(20).default([]),
  createdFrom: day,
  createdTo: day,
  updatedFrom: day,
  updatedTo: day,
  q: z.string().trim().max(200).optional(),
  box: z.enum(BOX_KEYS).optional(),
  sort: z.enum(SORT_KEYS).default("updated"),
  dir: z.enum(["asc", "desc"]).default("desc"),
  cursor: z.string().max(300).optional(),
});

export type DeskQuery = z.output<typeof deskQuerySchema>;

const MULTI = new Set(["status", "priority", "type", "project", "assignee", "requester", "tag"]);

/**
 * Reads the desk's query from URL parameters (repeated keys or comma lists).
 * Anything malformed is dropped rather than failing the page: a bad link
 * shows the unfiltered desk, never an error.
 */
export function parseDeskQuery(params: URLSearchParams | Record<string, string | string[] | undefined>): DeskQuery {
  const get = (k: string): string[] => {
    if (params instanceof URLSearchParams) return params.getAll(k);
    const v = params[k];
    return v === undefined ? [] : Array.isArray(v) ? v : [v];
  };
  const raw: Record<string, unknown> = {};
  for (const key of Object.keys(deskQuerySchema.shape)) {
    const values = get(key).flatMap((v) => (MULTI.has(key) ? v.split(",") : [v])).filter((v) => v !== "");
    if (values.length === 0) continue;
    raw[key] = MULTI.has(key) ? values : values[0];
  }
  const parsed = deskQuerySchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  // Drop only the offending keys.
  for (const issue of parsed.error.issues) delete raw[String(issue.path[0])];
  return deskQuerySchema.parse(raw);
}

/** The URL query string of a desk view (stable order, so saved views compare equal). */
export function deskQueryString(q: Partial<DeskQuery>, overrides: Partial<Record<keyof DeskQuery, unknown>> = {}): string {
  const merged: Record<string, unknown> = { ...q, ...overrides };
  const sp = new URLSearchParams();
  for (const key of Object.keys(deskQuerySchema.shape)) {
    const v = merged[key];
    if (v === undefined || v === null || v === "") continue;
    if (Array.isArray(v)) {
      if (v.length) sp.set(key, v.join(","));
    } else if (!(key === "sort" && v === "updated") && !(key === "dir" && v === "desc")) sp.set(key, String(v));
  }
  return sp.toString();
}
