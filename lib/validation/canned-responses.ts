import { z } from "zod";
import { text } from "./text";

export const CANNED_TITLE_MAX = 100;
export const CANNED_BODY_MAX = 10_000;
export const CANNED_SCOPES = ["organization", "personal"] as const;
export type CannedScope = (typeof CANNED_SCOPES)[number];

const title = text({ error: "Title is required" })
  .trim()
  .min(1, "Title is required")
  .max(CANNED_TITLE_MAX, `Title must be at most ${CANNED_TITLE_MAX} characters`);
const body = text({ error: "Text is required" })
  .trim()
  .min(1, "Text is required")
  .max(CANNED_BODY_MAX, `Text must be at most ${CANNED_BODY_MAX.toLocaleString("en")} characters`);

export const createCannedResponseSchema = z
  .object({ title, body, scope: z.enum(CANNED_SCOPES, { error: "Choose who can use it" }) })
  .strict();
export type CreateCannedResponseInput = z.input<typeof createCannedResponseSchema>;

export const updateCannedResponseSchema = z.object({ id: z.uuid({ error: "Response not found" }), title, body }).strict();
export type UpdateCannedResponseInput = z.input<typeof updateCannedResponseSchema>;

export const cannedResponseRefSchema = z.object({ id: z.uuid({ error: "Response not found" }) }).strict();

export const renderCannedResponseSchema = z
  .object({ ticketId: z.uuid({ error: "Ticket not found" }), cannedResponseId: z.uuid({ error: "Response not found" }) })
  .strict();
export type RenderCannedResponseInput = z.input<typeof renderCannedResponseSchema>;

/** The most responses the reply box's picker is ever sent: it searches, it never lists them all. */
export const CANNED_SEARCH_LIMIT = 20;
/** The most responses each section of /settings/canned-responses shows at once (a search finds the others). */
export const CANNED_LIST_LIMIT = 100;

/** GET /api/canned-responses/search's query string, and /settings/canned-responses?q= (lib/domain/canned-responses/search.ts). */
export const cannedResponseSearchSchema = z.object({
  q: text().trim().max(CANNED_TITLE_MAX, `Search for at most ${CANNED_TITLE_MAX} characters`).default(""),
});
