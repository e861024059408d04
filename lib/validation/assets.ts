import { z } from "zod";
import { text } from "./text";

/** The most assets a picker is ever sent: the target-asset picker searches, it never lists the organization's assets. */
export const ASSET_SEARCH_LIMIT = 20;

/** GET /api/assets/search's query string (lib/domain/assets/search-assets.ts). */
export const assetSearchSchema = z.object({
  q: text().trim().toLowerCase().max(100, "Search for at most 100 characters").default(""),
});
