import { z } from "zod";
import { ChangeAction, Priority, TicketStatus, TicketType } from "@/lib/generated/prisma/enums";
import { PERMISSIONS } from "@/lib/auth/permissions";

// The API's payloads, as zod schemas: the handlers build them, the contract
// test holds every answer to them, and openapi.ts writes them into the
// document. Field names are snake_case, as in the seeds' API (seed 000/004).

const enumOf = <T extends string>(o: Record<string, T>) => z.enum(Object.values(o) as [T, ...T[]]);
export const ticketStatusSchema = enumOf(TicketStatus);
export const prioritySchema = enumOf(Priority);
export const ticketTypeSchema = enumOf(TicketType);
export const changeActionSchema = enumOf(ChangeAction);
const timestamp = z.iso.datetime({ offset: true }).describe("ISO 8601, UTC");

export const personSchema = z.object({ id: z.uuid(), name: z.string() }).meta({ id: "Person" });

export const ticketSchema = z
  .object({
    id: z.uuid(),
    number: z.string().describe("SUP-42, or TKT-20261122-0001 in a project with dated numbering"),
    title: z.string(),
    description: z.string(),
    type: ticketTypeSchema,
    status: ticketStatusSchema,
    priority: prioritySchema,
    project: z.object({ key: z.string(), name: z.string() }),
    requester: personSchema,
    assignee: personSchema.nullable().describe("The primary assignee"),
    team_id: z.uuid().nullable().describe("Staff only; null for requesters"),
    due_date: timestamp.nullable(),
    created_at: timestamp,
    updated_at: timestamp,
    version: z.number().int().positive().describe("Send it back (If-Match or version) with a change: a stale one is refused 409"),
  })
  .meta({ id: "Ticket" });
export type ApiTicket = z.infer<typeof ticketSchema>;

export const ticketListSchema = z
  .object({ data: z.array(ticketSchema), next_cursor: z.string().nullable().describe("Pass as cursor for the next page; null on the last") })
  .meta({ id: "TicketList" });

export const replySchema = z
  .object({
    id: z.uuid(),
    ticket_id: z.uuid(),
    type: z.enum(["comment", "internal_note", "system"]).describe("internal_note only for callers who may read internal notes"),
    body: z.string(),
    author: personSchema.nullable(),
    created_at: timestamp,
    edited_at: timestamp.nullable(),
    version: z.number().int().positive(),
  })
  .meta({ id: "Reply" });

export const replyListSchema = z.object({ data: z.array(replySchema), next_cursor: z.string().nullable() }).meta({ id: "ReplyList" });

export const meSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    email: z.string(),
    role: z.string(),
    organization_id: z.uuid(),
    permissions: z.array(z.enum(PERMISSIONS)),
    project_ids: z.array(z.uuid()),
    token: z.object({ id: z.uuid(), scope: z.enum(["read", "write"]) }),
  })
  .meta({ id: "Me" });

/** A ticket in the path: its number (SUP-42) or its id. */
export const ticketRefParams = z.object({ id: z.string().trim().min(1).max(60).describe("The ticket's number (SUP-42) or id") });

export const itemInputSchema = z
  .object({
    action: changeActionSchema,
    component_type: z.string(),
    component_ref: z.string().nullable().optional(),
    serial: z.string().nullable().optional(),
    quantity: z.number().int().optional(),
    current_value: z.string().nullable().optional(),
    requested_value: z.string().nullable().optional(),
    specifications: z.record(z.string(), z.string()).optional(),
  })
  .strict();

export const createTicketBodySchema = z
  .object({
    project: z.string().describe("The project's key: SUP, CHG, ENG"),
    title: z.string(),
    description: z.string().optional(),
    priority: prioritySchema.optional().describe("Absent: the organization's default"),
    type: ticketTypeSchema.optional().describe("Absent: the workflow's first type (request, change, task)"),
    asset_id: z.uuid().nullable().optional().describe("Change requests: the target asset"),
    items: z.array(itemInputSchema).optional().describe("Change requests: the items, validated as on the page"),
    submit: z.boolean().optional().describe("Change requests: submit now (pending) rather than keep a draft"),
    parent_id: z.uuid().optional().describe("A subtask: the parent ticket, in the same project"),
    attachment_ids: z.array(z.uuid()).optional().describe("Files uploaded first with purpose=request"),
  })
  .strict()
  .meta({ id: "NewTicket" });

export const ticketChangesBodySchema = z
  .object({
    version: z.number().int().positive().optional().describe("The version read; or send If-Match"),
    title: z.string().optional(),
    description: z.string().optional(),
    priority: prioritySchema.optional(),
    type: ticketTypeSchema.optional(),
    due_date: z.string().nullable().optional(),
    start_date: z.string().nullable().optional(),
    urgency: z.enum(["low", "medium", "high"]).nullable().optional(),
    importance: z.enum(["low", "medium", "high"]).nullable().optional(),
    scheduled_at: z.string().nullable().optional(),
    estimated_minutes: z.number().int().nullable().optional(),
    deployment_notes: z.string().nullable().optional(),
    reviewer_id: z.uuid().nullable().optional(),
    asset_id: z.uuid().nullable().optional(),
    tags: z.array(z.string()).optional(),
    customer_id: z.uuid().nullable().optional(),
  })
  .strict()
  .meta({ id: "TicketChanges" });

export const transitionBodySchema = z
  .object({
    to: z.string().describe("The target status (support, change) or column (kanban)"),
    reason: z.string().optional().describe("Required by some moves (reject, roll back, cancel…)"),
    version: z.number().int().positive().optional().describe("The version read; or send If-Match"),
  })
  .strict()
  .meta({ id: "Transition" });

export const replyBodySchema = z
  .object({
    body: z.string().describe("Markdown"),
    internal: z.boolean().optional().describe("An internal note (staff who may write them)"),
  })
  .strict()
  .meta({ id: "NewReply" });

export const pageQuery = {
  limit: z.coerce.number({ error: "limit is a whole number from 1 to 100" }).int("limit is a whole number from 1 to 100").min(1, "limit is at least 1").max(100, "limit is at most 100").default(50),
  cursor: z.string().max(300, "Not a cursor of this list").optional(),
};
