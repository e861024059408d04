import { z } from "zod";
import { text } from "./text";

/** The most tags a picker is ever sent: tag filters search, they never list the organization's tags. */
export const TAG_SEARCH_LIMIT = 20;

/** GET /api/tags/search's query string (lib/domain/tags/search-tags.ts). */
export const tagSearchSchema = z.object({
  q: text().trim().toLowerCase().max(50, "Search for at most 50 characters").default(""),
});
