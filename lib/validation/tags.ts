import { z } from "zod";
import { INT4_MAX, text } from "./text";
import { colorSchema } from "./board";

export const TAG_NAME_MAX = 50;
export const TAG_DESCRIPTION_MAX = 500;

/**
 * The one rule for a tag's name, wherever a tag is created or named (the
 * ticket page, bulk tagging, /admin/tags): trimmed and lower-cased, so names
 * are unique per organization case-insensitively through the plain unique
 * index on (organizationId, name).
 */
export const tagNameSchema = text({ error: "Name the tag" })
  .trim()
  .toLowerCase()
  .min(1, "Name the tag")
  .max(TAG_NAME_MAX, `A tag is at most ${TAG_NAME_MAX} characters`)
  .regex(/^[a-z0-9][a-z0-9 _-]*$/, "Tags use letters, digits, spaces, - and _");

/** The most tags a picker is ever sent: tag filters search, they never list the organization's tags. */
export const TAG_SEARCH_LIMIT = 20;

/** GET /api/tags/search's query string (lib/domain/tags/search-tags.ts). */
export const tagSearchSchema = z.object({
  q: text().trim().toLowerCase().max(TAG_NAME_MAX, `Search for at most ${TAG_NAME_MAX} characters`).default(""),
});

// ─── /admin/tags ────────────────────────────────────────────────────────────

/** Tags per page of /admin/tags. */
export const TAG_PAGE_SIZE = 50;

const description = text().trim().max(TAG_DESCRIPTION_MAX, `A description is at most ${TAG_DESCRIPTION_MAX} characters`);
const tagId = z.uuid({ error: "Tag not found" });

export const createTagSchema = z.object({ name: tagNameSchema, color: colorSchema, description: description.default("") }).strict();
export type CreateTagInput = z.input<typeof createTagSchema>;

export const updateTagSchema = z
  .object({ id: tagId, version: z.number({ error: "Reload the page and try again" }).int().positive().max(INT4_MAX, "Reload the page and try again"), name: tagNameSchema, color: colorSchema, description: description.default("") })
  .strict();
export type UpdateTagInput = z.input<typeof updateTagSchema>;

export const deleteTagSchema = z.object({ id: tagId }).strict();
export type DeleteTagInput = z.input<typeof deleteTagSchema>;

/** Merge `sourceId` into the tag named `target` (the tag picker's value is the name). */
export const mergeTagSchema = z.object({ sourceId: tagId, target: tagNameSchema }).strict();
export type MergeTagInput = z.input<typeof mergeTagSchema>;

/** /admin/tags?q=&page= (a malformed value reads as the default). */
export const tagListSchema = z.object({
  q: text().trim().toLowerCase().max(TAG_NAME_MAX).catch("").default(""),
  page: z.coerce.number().int().min(1).max(10_000).catch(1).default(1),
});
export type TagListInput = z.input<typeof tagListSchema>;
