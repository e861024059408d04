import { z } from "zod";
import { text } from "./text";

/** The most people a picker is ever sent: pickers search, they never list the organization. */
export const STAFF_SEARCH_LIMIT = 20;

/** GET /api/staff/search's query string (lib/domain/users/search-staff.ts). */
export const staffSearchSchema = z.object({
  q: text().trim().max(100, "Search for at most 100 characters").default(""),
  /** "mention": who may be @mentioned on `ticket`; otherwise staff (assignees, reviewer, filters). */
  for: z.enum(["staff", "mention"], { error: "Unknown picker" }).default("staff"),
  ticket: z.uuid({ error: "Not a ticket id" }).optional(),
  limit: z.coerce.number({ error: "The limit must be a number" }).int("The limit must be a whole number").min(1, "The limit must be at least 1").max(STAFF_SEARCH_LIMIT, `The limit is at most ${STAFF_SEARCH_LIMIT}`).default(STAFF_SEARCH_LIMIT),
});

export type StaffSearchInput = z.input<typeof staffSearchSchema>;
