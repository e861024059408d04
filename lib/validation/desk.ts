import { z } from "zod";
import { isoDay, text } from "./text";
import type { FieldErrors } from "@/lib/errors";
import { Priority, TicketStatus, TicketType } from "@/lib/generated/prisma/enums";

export const BOX_KEYS = ["unassigned", "mine", "teams", "in_progress", "new", "critical", "approval", "ready"] as const;
export type BoxKey = (typeof BOX_KEYS)[number];

export const SORT_KEYS = ["updated", "created", "priority", "number", "status", "assignee", "requester"] as const;
export type SortKey = (typeof SORT_KEYS)[number];

const list = <T extends string>(values: readonly T[]) =>
  z
    .array(z.enum(values as [T, ...T[]], { error: "Choose values from the list" }))
    .max(values.length, "Each value may appear once")
    .default([]);
// "none", "me" or a user id (a malformed id reached PostgreSQL's uuid cast).
const ids = z.array(z.union([z.enum(["none", "me"]), z.uuid()], { error: "Choose people from the list" })).max(50, "Choose at most 50 people").default([]);
const day = isoDay().optional();
/** "mine" (the viewer's teams), "none" (no team) or a team id. */
export const teamFilterSchema = z.array(z.union([z.enum(["mine", "none"]), z.uuid()], { error: "Choose teams from the list" })).max(50, "Choose at most 50 teams").default([]);

/** The desk's view: every filter, the sort and the page — all of it lives in the URL. */
export const deskQuerySchema = z.object({
  /**
   * Without a status filter: "open" shows open work (not closed, completed,
   * cancelled, done or rejected, and no requester's draft), "all" every
   * ticket. Chosen statuses always apply as they are.
   */
  state: z.enum(["open", "all"], { error: "Choose open work or all tickets" }).default("open"),
  status: list(Object.values(TicketStatus)),
  priority: list(Object.values(Priority)),
  type: list(Object.values(TicketType)),
  project: z.array(text().regex(/^[A-Z][A-Z0-9]{1,9}$/, "Choose projects from the list")).max(50, "Choose at most 50 projects").default([]),
  assignee: ids,
  requester: z.array(z.uuid({ error: "Choose people from the list" })).max(50, "Choose at most 50 people").default([]),
  team: teamFilterSchema,
  tag: z.array(text().trim().toLowerCase().min(1, "A tag cannot be empty").max(50, "A tag has at most 50 characters")).max(20, "Choose at most 20 tags").default([]),
  customer: z.array(z.uuid({ error: "Choose customers from the list" })).max(20, "Choose at most 20 customers").default([]),
  createdFrom: day,
  createdTo: day,
  updatedFrom: day,
  updatedTo: day,
  q: text().trim().max(200, "Search for at most 200 characters").optional(),
  box: z.enum(BOX_KEYS, { error: "Choose a queue" }).optional(),
  sort: z.enum(SORT_KEYS, { error: "Choose how to sort" }).default("updated"),
  dir: z.enum(["asc", "desc"], { error: "Choose ascending or descending" }).default("desc"),
  cursor: text().max(300, "Not a page of this view").optional(),
});

export type DeskQuery = z.output<typeof deskQuerySchema>;

const MULTI = new Set(["status", "priority", "type", "project", "assignee", "requester", "team", "tag", "customer"]);

export interface DeskQueryRead {
  query: DeskQuery;
  /** The parameters that were dropped, with why (by URL key): the page shows them, the export refuses them. */
  refused: FieldErrors;
}

/**
 * Reads the desk's query from URL parameters (repeated keys or comma lists).
 * Anything malformed is dropped rather than failing the page: a bad link
 * shows the desk without that filter, never an error.
 */
export function parseDeskQuery(params: URLSearchParams | Record<string, string | string[] | undefined>): DeskQuery {
  return readDeskQuery(params).query;
}

/** parseDeskQuery, also saying what it dropped and why. */
export function readDeskQuery(params: URLSearchParams | Record<string, string | string[] | undefined>): DeskQueryRead {
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
  if (parsed.success) return { query: parsed.data, refused: {} };
  // Drop only the offending keys.
  const refused: FieldErrors = {};
  for (const issue of parsed.error.issues) {
    const key = String(issue.path[0]);
    delete raw[key];
    if (!refused[key]?.includes(issue.message)) (refused[key] ??= []).push(issue.message);
  }
  return { query: deskQuerySchema.parse(raw), refused };
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
    } else if (!(key === "sort" && v === "updated") && !(key === "dir" && v === "desc") && !(key === "state" && v === "open")) sp.set(key, String(v));
  }
  return sp.toString();
}
