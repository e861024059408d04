import { z } from "zod";
import { Priority, TicketType } from "@/lib/generated/prisma/enums";

export const TITLE_MAX = 200;
export const DESCRIPTION_MAX = 50_000;
export const COMMENT_MAX = 50_000;

export const REQUEST_TYPES = ["support", "change"] as const;
export type RequestType = (typeof REQUEST_TYPES)[number];

const title = z
  .string({ error: "Title is required" })
  .trim()
  .min(1, "Title is required")
  .max(TITLE_MAX, `Title must be at most ${TITLE_MAX} characters`);

const description = z
  .string()
  .max(DESCRIPTION_MAX, `Description must be at most ${DESCRIPTION_MAX.toLocaleString("en")} characters`)
  .default("");

export const prioritySchema = z.enum(Object.values(Priority) as [Priority, ...Priority[]], {
  error: "Choose a priority: low, normal, high or critical",
});

export const projectKeySchema = z
  .string()
  .trim()
  .regex(/^[A-Z][A-Z0-9]{1,9}$/, "Choose a project");

/** A new ticket from the portal (by request type) or the desk (by project key). */
export const createTicketSchema = z
  .object({
    requestType: z.enum(REQUEST_TYPES, { error: "Choose a request type" }).optional(),
    projectKey: projectKeySchema.optional(),
    type: z.enum(Object.values(TicketType) as [TicketType, ...TicketType[]], { error: "Choose a ticket type" }).optional(),
    title,
    description,
    priority: prioritySchema.default("normal"),
  })
  .strict()
  .refine((v) => v.requestType || v.projectKey, { message: "Choose a request type", path: ["requestType"] });

export type CreateTicketInput = z.input<typeof createTicketSchema>;

export const addCommentSchema = z
  .object({
    ticketId: z.uuid({ error: "Ticket not found" }),
    body: z.string().trim().min(1, "Write a reply first").max(COMMENT_MAX, `A reply must be at most ${COMMENT_MAX.toLocaleString("en")} characters`),
    internal: z.boolean().default(false),
  })
  .strict();

export type AddCommentInput = z.input<typeof addCommentSchema>;

export const ticketNumberSchema = z.string().trim().regex(/^[A-Z][A-Z0-9]{1,9}-\d{1,10}$|^TKT-\d{8}-\d{4,}$/);
