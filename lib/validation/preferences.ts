import { z } from "zod";
import { text } from "./text";
import { BOX_KEYS, type BoxKey } from "@/lib/validation/desk";

export const COLUMN_WIDTH_MIN = 40;
export const COLUMN_WIDTH_MAX = 800;
const MAX_COLUMNS = 40;

const columnId = text().regex(/^[a-z][a-zA-Z0-9_]{0,39}$/, "Unknown column");
const byColumn = <T extends z.ZodType>(value: T) =>
  z.record(columnId, value).refine((r) => Object.keys(r).length <= MAX_COLUMNS, `At most ${MAX_COLUMNS} columns`);

/** The desk table's remembered columns: which are shown and how wide (px). */
export const deskColumnsSchema = z
  .object({
    visibility: byColumn(z.boolean()),
    // Widths come from dragging, so fractions are rounded rather than refused.
    sizing: byColumn(z.number().min(COLUMN_WIDTH_MIN, `Columns are at least ${COLUMN_WIDTH_MIN}px wide`).max(COLUMN_WIDTH_MAX, `Columns are at most ${COLUMN_WIDTH_MAX}px wide`).transform(Math.round)),
  })
  .partial()
  .strict();

/** The order of the desk's boxes: some or all of them, each once. */
export const boxOrderSchema = z
  .array(z.enum(BOX_KEYS))
  .max(BOX_KEYS.length)
  .refine((keys) => new Set(keys).size === keys.length, "Each box may appear once");

/** A change to the user's UI preferences; unknown keys are refused, and what is sent is merged into what is stored. */
export const preferencesPatchSchema = z
  .object({
    deskColumns: deskColumnsSchema,
    boxOrder: boxOrderSchema,
  })
  .partial()
  .strict();
export type PreferencesPatch = z.input<typeof preferencesPatchSchema>;

export interface Preferences {
  deskColumns: { visibility: Record<string, boolean>; sizing: Record<string, number> };
  /** Stored order, or every box in the default order. */
  boxOrder: BoxKey[];
}
