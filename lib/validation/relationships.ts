import { z } from "zod";
import { text } from "./text";
import { LINK_SIDES, LINK_TYPES } from "@/lib/domain/relationships/link-types";
import { DESCRIPTION_MAX, TITLE_MAX } from "./ticket";

/** "source <type> target": A parent of B, A child of B, A duplicates B, A related to B. */
export const linkSchema = z
  .object({
    sourceId: z.uuid({ error: "Ticket not found" }),
    targetId: z.uuid({ error: "Choose a ticket to link" }),
    type: z.enum(LINK_TYPES, { error: "Choose a link type" }),
    /** Duplicates only: close the duplicate (a support ticket) with a system comment naming the original. */
    closeDuplicate: z.boolean().default(false),
  })
  .strict();
export type LinkInput = z.input<typeof linkSchema>;

export const unlinkSchema = z.object({ relationshipId: z.uuid({ error: "Link not found" }) }).strict();
export type UnlinkInput = z.input<typeof unlinkSchema>;

/** The link form as the ticket page sends it: this ticket, how it relates (from its side), the other ticket. */
export const linkFromSideSchema = z
  .object({
    ticketId: z.uuid({ error: "Ticket not found" }),
    side: z.enum(LINK_SIDES, { error: "Choose a link type" }),
    otherId: z.uuid({ error: "Choose a ticket to link" }),
    closeDuplicate: z.boolean().default(false),
  })
  .strict();

export const linkSearchSchema = z.object({
  q: text().trim().max(200, "Search for at most 200 characters").default(""),
  exclude: z.uuid().optional(),
});

export const createSubtaskSchema = z
  .object({
    parentId: z.uuid({ error: "Ticket not found" }),
    title: text({ error: "Title is required" }).trim().min(1, "Title is required").max(TITLE_MAX, `Title must be at most ${TITLE_MAX} characters`),
    description: text().max(DESCRIPTION_MAX, `Description must be at most ${DESCRIPTION_MAX.toLocaleString("en")} characters`).default(""),
  })
  .strict();
export type CreateSubtaskInput = z.input<typeof createSubtaskSchema>;
