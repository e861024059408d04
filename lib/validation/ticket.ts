import { z } from "zod";
import { ChangeAction, Importance, Priority, TicketType, Urgency } from "@/lib/generated/prisma/enums";
import { rankSchema } from "./board";
import { tagNameSchema } from "./tags";
import { PROJECT_KEY_PATTERN } from "./projects";
import { INT4_MAX, isoDayOrDateTime, text, textRecord } from "./text";

/** The version a page saw (compare-and-set). Bounded like the int4 column it is compared with in SQL. */
export const versionSchema = z.number({ error: "Reload the page and try again" }).int().positive().max(INT4_MAX, "Reload the page and try again");

export const TITLE_MAX = 200;
export const DESCRIPTION_MAX = 50_000;
export const COMMENT_MAX = 50_000;
export const MAX_REPLY_FILES = 20;
/** Files sent with a new request (the new-request form, and the API next). */
export const MAX_REQUEST_FILES = 20;

export const REQUEST_TYPES = ["support", "change"] as const;
export type RequestType = (typeof REQUEST_TYPES)[number];

const title = text({ error: "Title is required" })
  .trim()
  .min(1, "Title is required")
  .max(TITLE_MAX, `Title must be at most ${TITLE_MAX} characters`);

const description = text()
  .max(DESCRIPTION_MAX, `Description must be at most ${DESCRIPTION_MAX.toLocaleString("en")} characters`)
  .default("");

export const prioritySchema = z.enum(Object.values(Priority) as [Priority, ...Priority[]], {
  error: "Choose a priority: low, normal, high or critical",
});

export const projectKeySchema = text()
  .trim()
  .regex(PROJECT_KEY_PATTERN, "Choose a project");

const optionalText = (max: number, label: string) =>
  text()
    .trim()
    .max(max, `${label} must be at most ${max} characters`)
    .optional()
    .nullable()
    .transform((v) => (v ? v : null));

export const changeItemSchema = z
  .object({
    action: z.enum(Object.values(ChangeAction) as [ChangeAction, ...ChangeAction[]], { error: "Choose an action: add, remove, replace or modify" }),
    componentType: text()
      .trim()
      .toLowerCase()
      .regex(/^[a-z][a-z0-9_-]{1,39}$/, "Choose a component type"),
    componentRef: optionalText(200, "The component reference"),
    serial: optionalText(100, "The serial"),
    specifications: textRecord(text().max(60, "A specification name must be at most 60 characters"), text().max(200, "A specification must be at most 200 characters")).optional().nullable(),
    quantity: z.coerce.number({ error: "Quantity must be a number" }).int("Quantity must be a whole number").min(1, "Quantity must be at least 1").max(64, "Quantity must be at most 64"),
    currentValue: optionalText(500, "The current value"),
    requestedValue: optionalText(500, "The requested value"),
  })
  .strict();

export type ChangeItemInput = z.input<typeof changeItemSchema>;
export const MAX_ITEMS = 50;
export const itemsSchema = z.array(changeItemSchema).max(MAX_ITEMS, `A change can have at most ${MAX_ITEMS} items`);

/**
 * The change form's as-you-type check (POST /api/changes/check-items): the
 * target asset and the rows as typed. Each row is parsed on its own with
 * changeItemSchema there, so one half-typed row does not hide the others' results.
 */
export const checkItemsSchema = z
  .object({
    assetId: z.uuid({ error: "Asset not found" }).optional().nullable(),
    items: z.array(z.unknown()).max(MAX_ITEMS, `A change can have at most ${MAX_ITEMS} items`),
  })
  .strict();
export type CheckItemsInput = z.input<typeof checkItemsSchema>;

/** A new ticket from the portal (by request type) or the desk (by project key). */
export const createTicketSchema = z
  .object({
    requestType: z.enum(REQUEST_TYPES, { error: "Choose a request type" }).optional(),
    projectKey: projectKeySchema.optional(),
    type: z.enum(Object.values(TicketType) as [TicketType, ...TicketType[]], { error: "Choose a ticket type" }).optional(),
    title,
    description,
    /** Absent: the organization's default priority (/admin/settings). */
    priority: prioritySchema.optional(),
    // Change requests
    assetId: z.uuid({ error: "Choose a target asset" }).optional().nullable(),
    items: itemsSchema.optional(),
    /** Save as draft (false) or submit now (true: a valid change becomes pending). */
    submit: z.boolean().optional(),
    /** A subtask: the parent ticket (same project), linked in the creating transaction. */
    parentId: z.uuid({ error: "Ticket not found" }).optional(),
    /** The creator's staged files (POST /api/uploads?purpose=request), bound in the creating transaction. */
    attachmentIds: z
      .array(z.uuid({ error: "A file is not available" }))
      .max(MAX_REQUEST_FILES, `At most ${MAX_REQUEST_FILES} files per request`)
      .transform((ids) => [...new Set(ids)])
      .optional(),
  })
  .strict()
  .refine((v) => v.requestType || v.projectKey, { message: "Choose a request type", path: ["requestType"] });

export type CreateTicketInput = z.input<typeof createTicketSchema>;

export const addCommentSchema = z
  .object({
    ticketId: z.uuid({ error: "Ticket not found" }),
    body: text().trim().min(1, "Write a reply first").max(COMMENT_MAX, `A reply must be at most ${COMMENT_MAX.toLocaleString("en")} characters`),
    internal: z.boolean().default(false),
    /** The actor's own pending uploads on this ticket (POST /api/uploads?purpose=comment), bound to the reply. */
    attachmentIds: z
      .array(z.uuid({ error: "A file is not available" }))
      .max(MAX_REPLY_FILES, `At most ${MAX_REPLY_FILES} files per reply`)
      .transform((ids) => [...new Set(ids)])
      .default([]),
  })
  .strict();

export type AddCommentInput = z.input<typeof addCommentSchema>;

export const ticketNumberSchema = text().trim().regex(/^[A-Z][A-Z0-9]{1,9}-\d{1,10}$|^TKT-\d{8}-\d{4,}$/);

export const transitionSchema = z
  .object({
    ticketId: z.uuid({ error: "Ticket not found" }),
    /** Target status (support, change) — or, for kanban, the target column. */
    to: text().trim().min(1, "Choose where to move the ticket").max(40).optional(),
    columnId: z.uuid().optional(),
    /** The version the user saw; a move from a stale page is a conflict. */
    version: versionSchema,
    reason: text().trim().max(5_000, "A reason must be at most 5,000 characters").optional(),
    /** A board drop: the card's rank in the column it lands in (written in the same update). */
    rank: rankSchema.optional(),
    /** Finish a parent even though some of its subtasks are still open (the user confirmed the list). */
    confirmOpenChildren: z.boolean().optional(),
  })
  .strict()
  .refine((v) => v.to || v.columnId, { message: "Choose where to move the ticket", path: ["to"] });

export type TransitionInput = z.input<typeof transitionSchema>;

const isoDate = isoDayOrDateTime();

/** Field edits; each role may send only the fields it may write (see update-ticket.ts). */
export const ticketChangesSchema = z
  .object({
    title,
    description: text().max(DESCRIPTION_MAX, `Description must be at most ${DESCRIPTION_MAX.toLocaleString("en")} characters`),
    priority: prioritySchema,
    type: z.enum(Object.values(TicketType) as [TicketType, ...TicketType[]], { error: "Choose a ticket type" }),
    dueDate: isoDate.nullable(),
    startDate: isoDate.nullable(),
    urgency: z.enum(Object.values(Urgency) as [Urgency, ...Urgency[]]).nullable(),
    importance: z.enum(Object.values(Importance) as [Importance, ...Importance[]]).nullable(),
    scheduledAt: isoDate.nullable(),
    estimatedMinutes: z.coerce.number().int().min(1, "At least one minute").max(60 * 24 * 30, "At most 30 days").nullable(),
    deploymentNotes: text().trim().max(10_000, "Deployment notes must be at most 10,000 characters").nullable(),
    reviewerId: z.uuid({ error: "Choose a reviewer" }).nullable(),
    assetId: z.uuid({ error: "Choose a target asset" }).nullable(),
    tags: z.array(tagNameSchema).max(20, "At most 20 tags"),
    /** The customer the ticket is for (set at creation from the requester's), or none. */
    customerId: z.uuid({ error: "Choose a customer" }).nullable(),
  })
  .partial()
  .strict();

export const updateTicketSchema = z
  .object({
    ticketId: z.uuid({ error: "Ticket not found" }),
    version: versionSchema,
    changes: ticketChangesSchema,
  })
  .strict();
export type UpdateTicketInput = z.input<typeof updateTicketSchema>;

export const setAssigneesSchema = z
  .object({
    ticketId: z.uuid({ error: "Ticket not found" }),
    version: versionSchema,
    assigneeIds: z.array(z.uuid({ error: "Choose a staff member" })).max(10, "At most 10 assignees"),
    primaryId: z.uuid({ error: "Choose a primary assignee" }).nullable().optional(),
  })
  .strict()
  // A primary outside the list used to be replaced by the first assignee without a word.
  .refine((v) => !v.primaryId || v.assigneeIds.some((id) => id.toLowerCase() === v.primaryId!.toLowerCase()), {
    message: "The primary assignee must be one of the assignees",
    path: ["primaryId"],
  });
export type SetAssigneesInput = z.input<typeof setAssigneesSchema>;

export const saveItemsSchema = z
  .object({ ticketId: z.uuid({ error: "Ticket not found" }), version: versionSchema, items: itemsSchema })
  .strict();
export type SaveItemsInput = z.input<typeof saveItemsSchema>;

export const fulfilItemSchema = z
  .object({
    ticketId: z.uuid({ error: "Ticket not found" }),
    itemId: z.uuid({ error: "Item not found" }),
    version: versionSchema,
    fulfilledWith: text().trim().max(200, "At most 200 characters").optional().nullable(),
    notes: text().trim().max(2_000, "Notes must be at most 2,000 characters").optional().nullable(),
  })
  .strict();
export type FulfilItemInput = z.input<typeof fulfilItemSchema>;

export const ticketRefSchema = z.object({ ticketId: z.uuid({ error: "Ticket not found" }), version: versionSchema.optional() }).strict();

export const transferSchema = z
  .object({ ticketId: z.uuid({ error: "Ticket not found" }), version: versionSchema, toUserId: z.uuid({ error: "Choose a staff member" }) })
  .strict();
export type TransferInput = z.input<typeof transferSchema>;
