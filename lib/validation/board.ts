import { z } from "zod";
import { text } from "./text";
import { PROJECT_KEY_PATTERN } from "./projects";
import { teamFilterSchema } from "./desk";
import { ColumnCategory, TicketStatus, TicketType } from "@/lib/generated/prisma/enums";
import { isValidRank, RANK_MAX } from "@/lib/domain/board/rank";

export const boardKeySchema = text().trim().regex(PROJECT_KEY_PATTERN, "Choose a board");

/** A fractional rank (lib/domain/board/rank.ts). */
export const rankSchema = text().max(RANK_MAX).refine(isValidRank, "Not a valid board position");

/** A board column: a workflow status (support, change) or a kanban column id. */
export const columnKeySchema = z.union([z.enum(Object.values(TicketStatus) as [TicketStatus, ...TicketStatus[]]), z.uuid()], { error: "Choose a column" });

// "none", "me" or a user id (a malformed id reached PostgreSQL's uuid cast).
const people = z.array(z.union([z.enum(["none", "me"]), z.uuid()], { error: "Choose people from the list" })).max(50).default([]);

/** The board's filters, all from the URL. */
export const boardQuerySchema = z.object({
  assignee: people,
  team: teamFilterSchema,
  tag: z.array(text().trim().toLowerCase().min(1).max(50)).max(20).default([]),
  type: z.array(z.enum(Object.values(TicketType) as [TicketType, ...TicketType[]])).max(9).default([]),
  q: text().trim().max(200, "Search for at most 200 characters").optional(),
});
export type BoardQuery = z.output<typeof boardQuerySchema>;
export const EMPTY_BOARD_QUERY: BoardQuery = { assignee: [], team: [], tag: [], type: [] };

const MULTI = new Set(["assignee", "team", "tag", "type"]);

/** Reads the filters from URL parameters (repeated keys or comma lists); a malformed one is dropped, never an error. */
export function parseBoardQuery(params: URLSearchParams | Record<string, string | string[] | undefined>): BoardQuery {
  const get = (k: string): string[] => {
    if (params instanceof URLSearchParams) return params.getAll(k);
    const v = params[k];
    return v === undefined ? [] : Array.isArray(v) ? v : [v];
  };
  const raw: Record<string, unknown> = {};
  for (const key of Object.keys(boardQuerySchema.shape)) {
    const values = get(key).flatMap((v) => (MULTI.has(key) ? v.split(",") : [v])).filter((v) => v.trim() !== "");
    if (values.length) raw[key] = MULTI.has(key) ? values : values[0];
  }
  const parsed = boardQuerySchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  for (const issue of parsed.error.issues) delete raw[String(issue.path[0])];
  return boardQuerySchema.parse(raw);
}

export function boardQueryString(q: BoardQuery): string {
  const sp = new URLSearchParams();
  for (const key of MULTI) {
    const v = q[key as "assignee" | "team" | "tag" | "type"];
    if (v.length) sp.set(key, v.join(","));
  }
  if (q.q) sp.set("q", q.q);
  return sp.toString();
}

export function boardFiltersActive(q: BoardQuery): boolean {
  return q.assignee.length + q.team.length + q.tag.length + q.type.length > 0 || !!q.q;
}

/** A drop inside the column the card is in: it now follows `afterId` (null: top of the column). */
export const reorderCardSchema = z
  .object({
    ticketId: z.uuid({ error: "Ticket not found" }),
    /** The column the card was dragged in, as the board showed it. */
    column: columnKeySchema,
    afterId: z.uuid().nullable(),
  })
  .strict()
  .refine((v) => v.afterId !== v.ticketId, { message: "A card cannot follow itself", path: ["afterId"] });
export type ReorderCardInput = z.input<typeof reorderCardSchema>;

/** The next page of one column, after the keyset cursor the previous page returned. */
export const loadColumnSchema = z
  .object({
    projectKey: boardKeySchema,
    column: columnKeySchema,
    cursor: text().min(1).max(300),
    filters: boardQuerySchema.default(EMPTY_BOARD_QUERY),
  })
  .strict();
export type LoadColumnInput = z.input<typeof loadColumnSchema>;

// ─── Kanban column admin ────────────────────────────────────────────────────

const columnName = text({ error: "Name the column" }).trim().min(1, "Name the column").max(40, "A column name must be at most 40 characters");
/** A colour as #rrggbb (board columns, tags), stored lower-case. */
export const colorSchema = text({ error: "Choose a colour like #64748b" })
  .trim()
  .regex(/^#[0-9a-fA-F]{6}$/, "Choose a colour like #64748b")
  .transform((c) => c.toLowerCase());
const color = colorSchema;
const wipLimit = z.number().int("A limit is a whole number").min(1, "A limit is at least 1").max(999, "A limit is at most 999").nullable();

export const addColumnSchema = z
  .object({
    projectKey: boardKeySchema,
    name: columnName,
    category: z.enum(Object.values(ColumnCategory) as [ColumnCategory, ...ColumnCategory[]], { error: "Choose a category" }),
    color: color.default("#64748b"),
    wipLimit: wipLimit.optional(),
  })
  .strict();
export type AddColumnInput = z.input<typeof addColumnSchema>;

/** Rename, recolour or set the work-in-progress limit (the category stays: cards' statuses mirror it). */
export const updateColumnSchema = z
  .object({ columnId: z.uuid({ error: "Column not found" }), name: columnName.optional(), color: color.optional(), wipLimit: wipLimit.optional() })
  .strict()
  .refine((v) => v.name !== undefined || v.color !== undefined || v.wipLimit !== undefined, { message: "Nothing to change", path: ["form"] });
export type UpdateColumnInput = z.input<typeof updateColumnSchema>;

/** Moves a column to a 0-based place among the board's columns. */
export const moveColumnSchema = z.object({ columnId: z.uuid({ error: "Column not found" }), position: z.number().int().min(0).max(999) }).strict();
export type MoveColumnInput = z.input<typeof moveColumnSchema>;

export const removeColumnSchema = z.object({ columnId: z.uuid({ error: "Column not found" }) }).strict();
export type RemoveColumnInput = z.input<typeof removeColumnSchema>;
