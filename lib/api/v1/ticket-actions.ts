import "server-only";
import { z } from "zod";
import { Prisma } from "@/lib/generated/prisma/client";
import { sqlRows } from "@/lib/db";
import { isStaff } from "@/lib/auth/permissions";
import { acceptTicket, setAssignees, transferTicket } from "@/lib/domain/tickets/assign-ticket";
import { linkTickets, unlinkTickets } from "@/lib/domain/relationships/link-tickets";
import { ticketLinks } from "@/lib/domain/relationships/list-links";
import { LINK_TYPES, type LinkSide } from "@/lib/domain/relationships/link-types";
import { ApiError, apiJson, defineOperation } from "./operation";
import { errorResponses } from "./responses";
import { ticketRefParams, ticketSchema } from "./schemas";
import { domain, loadApiTickets, moveTicket, oneTicket, resolveTicketRef, ticketResponse, versionOf } from "./tickets";

// The ticket page's other buttons, as seed 004 names them: assign, transfer,
// accept, close, and PUT …/status (an alias of POST …/transitions); and the
// relationships exactly as seed 000 describes them. Each calls the domain
// function the page calls.

const versionBody = { version: z.number().int().positive().optional().describe("The version read; or send If-Match") };
const moved = { 200: { description: "The ticket after the change", schema: ticketSchema, headers: { ETag: "The new version" } }, ...errorResponses(400, 401, 403, 404, 409, 422) };
/** Handing a ticket away can take it out of the caller's view (a technician sees what is assigned to them). */
const handedOver = { ...moved, 204: { description: "Done, and the ticket is no longer in the caller's view (handed to someone else)" } };

/** The ticket after a write; a 204 when the write took it out of the caller's view. */
async function afterHandover(actor: Parameters<typeof oneTicket>[0], id: string): Promise<Response> {
  const [t] = await loadApiTickets(actor, [id]);
  return t ? ticketResponse(200, t) : apiJson(204, null);
}

export const assignTicketOp = defineOperation(
  {
    method: "POST",
    path: "/tickets/{id}/assign",
    operationId: "assignTicket",
    summary: "Set the assignees",
    description: "Staff who may work tickets (ticket.assign); the primary assignee is the first of the list unless primary_id says otherwise. An empty list unassigns.",
    tag: "Tickets",
    access: "write",
    params: ticketRefParams,
    body: z
      .object({ assignee_ids: z.array(z.uuid()).max(10), primary_id: z.uuid().nullable().optional(), ...versionBody })
      .strict()
      .meta({ id: "Assignment" }),
    responses: handedOver,
  },
  async ({ actor, params, body, request }) => {
    const id = await resolveTicketRef(actor, params.id);
    const version = versionOf(request, body.version);
    await domain(actor, id, () => setAssignees(actor, { ticketId: id, version, assigneeIds: body.assignee_ids, primaryId: body.primary_id ?? body.assignee_ids[0] ?? null }));
    return afterHandover(actor, id);
  },
);

export const transferTicketOp = defineOperation(
  {
    method: "POST",
    path: "/tickets/{id}/transfer",
    operationId: "transferTicket",
    summary: "Hand the ticket to another staff member",
    description: "An assignee hands over their own assignment; an assigner the primary one.",
    tag: "Tickets",
    access: "write",
    params: ticketRefParams,
    body: z.object({ to_user_id: z.uuid(), ...versionBody }).strict().meta({ id: "Transfer" }),
    responses: handedOver,
  },
  async ({ actor, params, body, request }) => {
    const id = await resolveTicketRef(actor, params.id);
    const version = versionOf(request, body.version);
    await domain(actor, id, () => transferTicket(actor, { ticketId: id, version, toUserId: body.to_user_id }));
    return afterHandover(actor, id);
  },
);

export const acceptTicketOp = defineOperation(
  {
    method: "POST",
    path: "/tickets/{id}/accept",
    operationId: "acceptTicket",
    summary: "Accept the ticket (an assignee)",
    tag: "Tickets",
    access: "write",
    params: ticketRefParams,
    body: z.object(versionBody).strict().meta({ id: "Accept" }),
    responses: moved,
  },
  async ({ actor, params, body, request }) => {
    const id = await resolveTicketRef(actor, params.id);
    const header = request.headers.get("if-match");
    const version = header !== null || body.version !== undefined ? versionOf(request, body.version) : undefined;
    await domain(actor, id, () => acceptTicket(actor, { ticketId: id, ...(version !== undefined ? { version } : {}) }));
    return ticketResponse(200, await oneTicket(actor, id));
  },
);

export const closeTicketOp = defineOperation(
  {
    method: "POST",
    path: "/tickets/{id}/close",
    operationId: "closeTicket",
    summary: "Close the ticket",
    description: "POST …/transitions with to: closed, under the same rules.",
    tag: "Tickets",
    access: "write",
    params: ticketRefParams,
    body: z.object({ reason: z.string().optional(), ...versionBody }).strict().meta({ id: "Close" }),
    responses: moved,
  },
  async ({ actor, params, body, request }) => moveTicket(actor, params.id, request, { to: "closed", reason: body.reason, version: body.version }),
);

export const putStatusOp = defineOperation(
  {
    method: "PUT",
    path: "/tickets/{id}/status",
    operationId: "setTicketStatus",
    summary: "Set the status (seed 004's name for a transition)",
    description: "An alias of POST …/transitions: { status, reason?, version }.",
    tag: "Tickets",
    access: "write",
    params: ticketRefParams,
    body: z.object({ status: z.string(), reason: z.string().optional(), ...versionBody }).strict().meta({ id: "StatusChange" }),
    responses: moved,
  },
  async ({ actor, params, body, request }) => moveTicket(actor, params.id, request, { to: body.status, reason: body.reason, version: body.version }),
);

// ── Relationships (seed 000) ─────────────────────────────────────────────

/** How a link reads from the ticket in the path, in seed 000's words. */
const TYPE_OF_SIDE: Record<LinkSide, (typeof LINK_TYPES)[number]> = { parent_of: "parent", child_of: "child", duplicates: "duplicate", duplicated_by: "duplicate", related_to: "related" };

export const relationshipSchema = z
  .object({
    id: z.uuid(),
    target_ticket_id: z.uuid(),
    target_number: z.string(),
    target_subject: z.string(),
    relationship_type: z.enum(LINK_TYPES).describe("From the ticket in the path: it is the parent of, a child of, a duplicate of (or duplicated by), related to the target"),
    side: z.enum(["parent_of", "child_of", "duplicates", "duplicated_by", "related_to"]).describe("The same, exactly"),
    created_at: z.iso.datetime({ offset: true }),
  })
  .meta({ id: "Relationship" });

async function relationshipsOf(actor: Parameters<typeof ticketLinks>[0], ticketId: string) {
  const links = await ticketLinks(actor, ticketId, { ownOnly: !isStaff(actor) });
  const created = links.length
    ? await sqlRows<{ id: string; createdAt: Date }>(Prisma.sql`SELECT "id"::text, "createdAt" FROM "Relationship" WHERE "id" = ANY(${links.map((l) => l.id)}::uuid[])`)
    : [];
  const at = new Map(created.map((r) => [r.id, new Date(r.createdAt).toISOString()]));
  return links.map((l) => ({
    id: l.id,
    target_ticket_id: l.ticket.id,
    target_number: l.ticket.number,
    target_subject: l.ticket.title,
    relationship_type: TYPE_OF_SIDE[l.side],
    side: l.side,
    created_at: at.get(l.id) ?? new Date(0).toISOString(),
  }));
}

export const listRelationshipsOp = defineOperation(
  {
    method: "GET",
    path: "/tickets/{id}/relationships",
    operationId: "listRelationships",
    summary: "List a ticket's links",
    description: "Only links whose other ticket the caller may see.",
    tag: "Relationships",
    access: "read",
    params: ticketRefParams,
    responses: { 200: { description: "The links", schema: z.object({ relationships: z.array(relationshipSchema) }).meta({ id: "RelationshipList" }) }, ...errorResponses(401, 404) },
  },
  async ({ actor, params }) => apiJson(200, { relationships: await relationshipsOf(actor, await resolveTicketRef(actor, params.id)) }),
);

export const createRelationshipOp = defineOperation(
  {
    method: "POST",
    path: "/tickets/{id}/relationships",
    operationId: "createRelationship",
    summary: "Link the ticket to another",
    description: 'Seed 000\'s body: { target_ticket_id, relationship_type } — "child": the ticket in the path is a child of the target. close_duplicate closes a support duplicate as the page does.',
    tag: "Relationships",
    access: "write",
    params: ticketRefParams,
    body: z
      .object({ target_ticket_id: z.string().min(1).max(60).describe("The other ticket's id or number"), relationship_type: z.enum(LINK_TYPES), close_duplicate: z.boolean().optional() })
      .strict()
      .meta({ id: "NewRelationship" }),
    responses: { 201: { description: "The link, from the ticket in the path", schema: relationshipSchema }, ...errorResponses(400, 401, 403, 404, 409, 422) },
  },
  async ({ actor, params, body }) => {
    const id = await resolveTicketRef(actor, params.id);
    const target = await domain(actor, id, () => resolveTicketRef(actor, body.target_ticket_id));
    const row = await domain(actor, id, () => linkTickets(actor, { sourceId: id, targetId: target, type: body.relationship_type, closeDuplicate: body.close_duplicate ?? false }));
    const link = (await relationshipsOf(actor, id)).find((l) => l.id === row.id);
    if (!link) throw new ApiError("NOT_FOUND", "Link not found");
    return apiJson(201, link);
  },
);

export const deleteRelationshipOp = defineOperation(
  {
    method: "DELETE",
    path: "/tickets/{id}/relationships/{relationship_id}",
    operationId: "deleteRelationship",
    summary: "Remove a link",
    tag: "Relationships",
    access: "write",
    params: ticketRefParams.extend({ relationship_id: z.uuid({ error: "Link not found" }) }),
    responses: { 204: { description: "Removed" }, ...errorResponses(401, 403, 404) },
  },
  async ({ actor, params }) => {
    const id = await resolveTicketRef(actor, params.id);
    const links = await relationshipsOf(actor, id);
    if (!links.some((l) => l.id === params.relationship_id)) throw new ApiError("NOT_FOUND", "Link not found");
    await domain(actor, id, () => unlinkTickets(actor, { relationshipId: params.relationship_id }));
    return apiJson(204, null);
  },
);
