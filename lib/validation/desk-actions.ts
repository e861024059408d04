import { z } from "zod";
import { text } from "./text";
import { TicketStatus } from "@/lib/generated/prisma/enums";
import { ticketChangesSchema } from "@/lib/validation/ticket";
import { LINK_SIDES } from "@/lib/domain/relationships/link-types";

/** A bulk action touches at most this many tickets (each one a separate write). */
export const BULK_MAX = 200;
export const VIEW_NAME_MAX = 60;
/** A user keeps at most this many saved views. */
export const VIEWS_MAX = 50;

const ticketIds = z
  .array(z.uuid({ error: "Ticket not found" }))
  .min(1, "Select at least one ticket")
  .max(BULK_MAX, `Select at most ${BULK_MAX} tickets`)
  // The same ticket twice would only conflict with itself.
  .transform((ids) => [...new Set(ids.map((id) => id.toLowerCase()))]);

export const bulkTransitionSchema = z
  .object({
    ticketIds,
    /** The target status; for kanban tickets, the first column of that category. */
    to: z.enum(Object.values(TicketStatus) as [TicketStatus, ...TicketStatus[]], { error: "Choose where to move the tickets" }),
    reason: text().trim().max(5_000, "A reason must be at most 5,000 characters").optional(),
    /** Finish parents even when some of their subtasks are open (the user saw the list and confirmed). */
    confirmOpenChildren: z.boolean().optional(),
  })
  .strict();
export type BulkTransitionInput = z.input<typeof bulkTransitionSchema>;

export const bulkAssignSchema = z.object({ ticketIds, assigneeId: z.uuid({ error: "Choose a staff member" }) }).strict();
export type BulkAssignInput = z.input<typeof bulkAssignSchema>;

// The same rule as a tag edited on the ticket page.
const tagSchema = ticketChangesSchema.shape.tags.unwrap().element;

export const bulkAddTagSchema = z.object({ ticketIds, tag: tagSchema }).strict();
export type BulkAddTagInput = z.input<typeof bulkAddTagSchema>;

/** "Link to…": each selected ticket <side> the chosen ticket (e.g. child_of: they become its subtasks). */
export const bulkLinkSchema = z
  .object({
    ticketIds,
    targetId: z.uuid({ error: "Choose a ticket to link to" }),
    side: z.enum(LINK_SIDES, { error: "Choose a link type" }),
    /** With a duplicate link: close the duplicate (support tickets), as the ticket page offers. */
    closeDuplicate: z.boolean().default(false),
  })
  .strict();
export type BulkLinkInput = z.input<typeof bulkLinkSchema>;

export const saveViewSchema = z
  .object({
    name: text({ error: "Name the view" }).trim().min(1, "Name the view").max(VIEW_NAME_MAX, `A view name must be at most ${VIEW_NAME_MAX} characters`),
    /** The desk's URL query string (with or without "?"); normalised before it is stored. */
    query: text().max(4_000, "This view is too long to save").default(""),
  })
  .strict();
export type SaveViewInput = z.input<typeof saveViewSchema>;

export const viewRefSchema = z.object({ id: z.uuid({ error: "View not found" }) }).strict();
export type ViewRefInput = z.input<typeof viewRefSchema>;

export const reorderViewsSchema = z
  .object({
    ids: z
      .array(z.uuid({ error: "View not found" }))
      .max(VIEWS_MAX)
      .refine((ids) => new Set(ids).size === ids.length, "Each view may appear once"),
  })
  .strict();
export type ReorderViewsInput = z.input<typeof reorderViewsSchema>;
