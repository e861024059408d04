import "server-only";
import { z } from "zod";
import { Prisma } from "@/lib/generated/prisma/client";
import { db, sqlRows } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { isStaff } from "@/lib/auth/permissions";
import { AppError, isAppError, notFound, type FieldErrors } from "@/lib/errors";
import { canSeeInternal, ticketScopeSql } from "@/lib/domain/tickets/policy";
import { createTicket } from "@/lib/domain/tickets/create-ticket";
import { updateTicket } from "@/lib/domain/tickets/update-ticket";
import { transitionTicket } from "@/lib/domain/tickets/transition-ticket";
import { softDeleteTicket } from "@/lib/domain/tickets/delete-ticket";
import { addComment } from "@/lib/domain/tickets/add-comment";
import { withVisibleReferences } from "@/lib/domain/relationships/visible-refs";
import { decodeDeskCursor, decodeWalkCursor, deskPage } from "@/lib/domain/desk/desk-query";
import { isWalkSort } from "@/lib/domain/desk/desk-sort";
import { deskQuerySchema, BOX_KEYS, SORT_KEYS } from "@/lib/validation/desk";
import { isUuid } from "@/lib/validation/text";
import { ApiError, apiJson, defineOperation } from "./operation";
import { errorResponses } from "./responses";
import {
  createTicketBodySchema,
  pageQuery,
  replyBodySchema,
  replyListSchema,
  replySchema,
  ticketChangesBodySchema,
  ticketListSchema,
  ticketRefParams,
  ticketSchema,
  transitionBodySchema,
  type ApiTicket,
} from "./schemas";

// /api/v1/tickets: the desk's list, creation, one ticket, its changes,
// moves and thread — each through the domain function the pages call, with
// the same scope (another organization's ticket is 404 like a missing one).

const snake = (s: string) => s.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
const camel = (s: string) => s.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

/** The domain's field names as the API's ("changes.dueDate" → "due_date", "items.0.componentType" → "items.0.component_type"). */
export function apiFields(fields: FieldErrors | undefined, strip?: string): FieldErrors | undefined {
  if (!fields) return undefined;
  const out: FieldErrors = {};
  for (const [k, v] of Object.entries(fields)) {
    const key = (strip && k.startsWith(`${strip}.`) ? k.slice(strip.length + 1) : k).split(".").map(snake).join(".");
    out[key] = [...(out[key] ?? []), ...v];
  }
  return out;
}

/** Runs a domain call, giving its refusals the API's field names; a conflict carries the ticket's current version. */
export async function domain<T>(actor: Actor, ticketId: string | null, run: () => Promise<T>, strip?: string): Promise<T> {
  try {
    return await run();
  } catch (e) {
    if (!isAppError(e)) throw e;
    const extra: Record<string, unknown> = {};
    if (e.code === "CONFLICT" && ticketId) {
      const [current] = await loadApiTickets(actor, [ticketId]);
      if (current) extra.current_version = current.version;
    }
    const fields = apiFields(e.fieldErrors, strip);
    const message = e.code === "VALIDATION" ? (Object.values(fields ?? {}).flat()[0] ?? e.message) : e.message;
    throw new ApiError(e.code, message, fields, {}, extra);
  }
}

interface TicketRow {
  id: string;
  number: string;
  title: string;
  description: string;
  type: ApiTicket["type"];
  status: ApiTicket["status"];
  priority: ApiTicket["priority"];
  projectKey: string;
  projectName: string;
  requesterId: string;
  requesterName: string;
  assigneeId: string | null;
  assigneeName: string | null;
  teamId: string | null;
  dueDate: Date | null;
  createdAt: Date;
  updatedAt: Date;
  version: number;
}

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

/** The team working a ticket is the staff's business: requesters get null. */
function toApiTicket(r: TicketRow, staff: boolean): ApiTicket {
  return {
    id: r.id,
    number: r.number,
    title: r.title,
    description: r.description,
    type: r.type,
    status: r.status,
    priority: r.priority,
    project: { key: r.projectKey, name: r.projectName },
    requester: { id: r.requesterId, name: r.requesterName },
    assignee: r.assigneeId ? { id: r.assigneeId, name: r.assigneeName ?? "" } : null,
    team_id: staff ? r.teamId : null,
    due_date: iso(r.dueDate),
    created_at: iso(r.createdAt)!,
    updated_at: iso(r.updatedAt)!,
    version: r.version,
  };
}

/** The tickets with these ids that the actor may see, in the order given (one statement). */
export async function loadApiTickets(actor: Actor, ids: readonly string[]): Promise<ApiTicket[]> {
  if (ids.length === 0) return [];
  const rows = await sqlRows<TicketRow>(
    Prisma.sql`
      SELECT t."id"::text, t."number", t."title", t."description", t."type"::text AS "type", t."status"::text AS "status", t."priority"::text AS "priority",
             p."key" AS "projectKey", p."name" AS "projectName", t."requesterId"::text AS "requesterId", r."name" AS "requesterName",
             t."assigneeId"::text AS "assigneeId", a."name" AS "assigneeName", t."teamId"::text AS "teamId", t."dueDate", t."createdAt", t."updatedAt", t."version"
        FROM "Ticket" t
        JOIN "Project" p ON p."id" = t."projectId"
        JOIN "User" r ON r."id" = t."requesterId"
        LEFT JOIN "User" a ON a."id" = t."assigneeId"
       WHERE ${ticketScopeSql(actor)} AND t."id" = ANY(${[...ids]}::uuid[])`,
  );
  const staff = isStaff(actor);
  const byId = new Map(rows.map((r) => [r.id, toApiTicket(r, staff)]));
  return ids.map((id) => byId.get(id)).filter((t): t is ApiTicket => !!t);
}

/** A ticket named in the path — its number (SUP-42) or id — inside the actor's scope, or 404. */
export async function resolveTicketRef(actor: Actor, ref: string): Promise<string> {
  const byId = isUuid(ref);
  const number: string = ref.toUpperCase();
  const [row] = await sqlRows<{ id: string }>(
    Prisma.sql`SELECT t."id"::text FROM "Ticket" t WHERE ${ticketScopeSql(actor)} AND ${byId ? Prisma.sql`t."id" = ${ref}::uuid` : Prisma.sql`t."number" = ${number}`} LIMIT 1`,
  );
  if (!row) throw notFound();
  return row.id;
}

export async function oneTicket(actor: Actor, id: string): Promise<ApiTicket> {
  const [t] = await loadApiTickets(actor, [id]);
  if (!t) throw notFound();
  return t;
}

const etag = (t: { version: number }) => `"${t.version}"`;
export const ticketResponse = (status: number, t: ApiTicket, headers: Record<string, string> = {}) => apiJson(status, t, { ETag: etag(t), ...headers });

/**
 * The version a write is based on: If-Match ("3", W/"3") or the body's
 * `version`; both must agree. Without either the write is refused: a blind
 * overwrite is how changes get lost.
 */
export function versionOf(request: Request, bodyVersion: number | undefined): number {
  const header = request.headers.get("if-match");
  let fromHeader: number | undefined;
  if (header !== null) {
    const m = /^\s*(?:W\/)?"?(\d{1,10})"?\s*$/.exec(header);
    if (!m) throw new ApiError("BAD_REQUEST", 'If-Match takes the ticket\'s ETag, e.g. If-Match: "3".');
    fromHeader = Number(m[1]);
  }
  if (fromHeader !== undefined && bodyVersion !== undefined && fromHeader !== bodyVersion) {
    throw new ApiError("BAD_REQUEST", "If-Match and version disagree.", { version: ["If-Match and version disagree"] });
  }
  const v = fromHeader ?? bodyVersion;
  if (v === undefined) throw new ApiError("VALIDATION", "Send the version you read (If-Match or version) so that no one's change is overwritten.", { version: ["Required"] });
  return v;
}

// ── GET /tickets ─────────────────────────────────────────────────────────

const multi = z.union([z.string(), z.array(z.string())]).optional();
export const ticketListQuery = z
  .object({
    state: z.enum(["open", "all"]).default("all").describe("Without status: open work only, or every ticket (the default)"),
    status: multi.describe("Statuses, comma-separated or repeated"),
    priority: multi,
    type: multi,
    project: multi.describe("Project keys"),
    assignee: multi.describe('User ids, "me" or "none"'),
    requester: multi.describe("User ids"),
    team: multi.describe('Team ids, "mine" or "none"'),
    tag: multi,
    customer: multi.describe("Customer ids"),
    created_from: z.string().optional().describe("YYYY-MM-DD, in the organization's time zone"),
    created_to: z.string().optional(),
    updated_from: z.string().optional(),
    updated_to: z.string().optional(),
    q: z.string().optional().describe("Full-text search, as the desk's Search (people's names and e-mails too)"),
    box: z.enum(BOX_KEYS).optional().describe("One of the desk's boxes"),
    sort: z.enum(SORT_KEYS).default("updated"),
    dir: z.enum(["asc", "desc"]).default("desc"),
    ...pageQuery,
  })
  .strict();

const MULTI_KEYS = ["status", "priority", "type", "project", "assignee", "requester", "team", "tag", "customer"] as const;

export const listTickets = defineOperation(
  {
    method: "GET",
    path: "/tickets",
    operationId: "listTickets",
    summary: "List tickets",
    description: "The desk's filters, search and sorts over the tickets the caller may see, a page at a time (keyset cursor).",
    tag: "Tickets",
    access: "read",
    query: ticketListQuery,
    responses: { 200: { description: "A page of tickets", schema: ticketListSchema }, ...errorResponses(400, 401) },
  },
  async ({ actor, query }) => {
    const raw: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(query)) {
      if (value === undefined || key === "limit") continue;
      const deskKey = camel(key);
      raw[deskKey] = (MULTI_KEYS as readonly string[]).includes(key) ? [value].flat().flatMap((v) => String(v).split(",")).filter(Boolean) : value;
    }
    const parsed = deskQuerySchema.safeParse(raw);
    if (!parsed.success) {
      const fields: FieldErrors = {};
      for (const issue of parsed.error.issues) (fields[snake(String(issue.path[0]))] ??= []).push(issue.message);
      throw new ApiError("BAD_REQUEST", Object.values(fields).flat()[0] ?? "A filter is not valid", fields);
    }
    // The desk shows its first page for a cursor it cannot read (an old link); an API caller is told.
    const { sort, cursor } = parsed.data;
    if (cursor && (isWalkSort(sort) ? decodeWalkCursor(sort, cursor) : decodeDeskCursor(sort, cursor)) === null) {
      throw new ApiError("BAD_REQUEST", "Not a cursor of this list: pass next_cursor as it came, with the same sort", { cursor: ["Not a cursor of this list"] });
    }
    const page = await domain(actor, null, () => deskPage(actor, { filters: parsed.data, limit: query.limit }));
    return apiJson(200, { data: await loadApiTickets(actor, page.rows.map((r) => r.id)), next_cursor: page.nextCursor });
  },
);

// ── POST /tickets ────────────────────────────────────────────────────────

export const createTicketOp = defineOperation(
  {
    method: "POST",
    path: "/tickets",
    operationId: "createTicket",
    summary: "Create a ticket",
    description: "As the portal's and desk's forms: in a project the caller may create in, change items validated, files staged beforehand bound in the same transaction.",
    tag: "Tickets",
    access: "write",
    body: createTicketBodySchema,
    idempotent: true,
    responses: { 201: { description: "Created; Location names it", schema: ticketSchema, headers: { Location: "/api/v1/tickets/{number}", ETag: "The version" } }, ...errorResponses(400, 401, 403, 409, 422) },
  },
  async ({ actor, body }) => {
    const created = await domain(actor, null, () =>
      createTicket(actor, {
        projectKey: body.project,
        title: body.title,
        description: body.description ?? "",
        ...(body.priority ? { priority: body.priority } : {}),
        ...(body.type ? { type: body.type } : {}),
        ...(body.asset_id !== undefined ? { assetId: body.asset_id } : {}),
        ...(body.items
          ? {
              items: body.items.map((i) => ({
                action: i.action,
                componentType: i.component_type,
                componentRef: i.component_ref ?? null,
                serial: i.serial ?? null,
                quantity: i.quantity ?? 1,
                currentValue: i.current_value ?? null,
                requestedValue: i.requested_value ?? null,
                specifications: i.specifications ?? {},
              })),
            }
          : {}),
        ...(body.submit !== undefined ? { submit: body.submit } : {}),
        ...(body.parent_id ? { parentId: body.parent_id } : {}),
        ...(body.attachment_ids ? { attachmentIds: body.attachment_ids } : {}),
      }),
    );
    const t = await oneTicket(actor, created.id);
    return ticketResponse(201, t, { Location: `/api/v1/tickets/${encodeURIComponent(t.number)}` });
  },
);

// ── /tickets/{id} ────────────────────────────────────────────────────────

export const getTicketOp = defineOperation(
  {
    method: "GET",
    path: "/tickets/{id}",
    operationId: "getTicket",
    summary: "Get a ticket",
    tag: "Tickets",
    access: "read",
    params: ticketRefParams,
    responses: { 200: { description: "The ticket", schema: ticketSchema, headers: { ETag: "The version" } }, ...errorResponses(401, 404) },
  },
  async ({ actor, params }) => ticketResponse(200, await oneTicket(actor, await resolveTicketRef(actor, params.id))),
);

export const updateTicketOp = defineOperation(
  {
    method: "PATCH",
    path: "/tickets/{id}",
    operationId: "updateTicket",
    summary: "Change a ticket's fields",
    description: "Only fields the caller may write; a body naming any other is refused whole (422), never partly applied. Needs the version read (If-Match or version): a stale one is 409 with current_version.",
    tag: "Tickets",
    access: "write",
    params: ticketRefParams,
    body: ticketChangesBodySchema,
    responses: { 200: { description: "The changed ticket", schema: ticketSchema, headers: { ETag: "The new version" } }, ...errorResponses(400, 401, 403, 404, 409, 422) },
  },
  async ({ actor, params, body, request }) => {
    const id = await resolveTicketRef(actor, params.id);
    const { version: bodyVersion, ...rest } = body;
    const version = versionOf(request, bodyVersion);
    const changes = Object.fromEntries(Object.entries(rest).map(([k, v]) => [camel(k), v]));
    await domain(actor, id, () => updateTicket(actor, { ticketId: id, version, changes }), "changes");
    return ticketResponse(200, await oneTicket(actor, id));
  },
);

export const deleteTicketOp = defineOperation(
  {
    method: "DELETE",
    path: "/tickets/{id}",
    operationId: "deleteTicket",
    summary: "Move a ticket to the bin",
    description: "As \"Delete\" on the ticket page (ticket.manage): restorable by admins until purged.",
    tag: "Tickets",
    access: "write",
    params: ticketRefParams,
    responses: { 204: { description: "Moved to the bin" }, ...errorResponses(401, 403, 404) },
  },
  async ({ actor, params }) => {
    const id = await resolveTicketRef(actor, params.id);
    await domain(actor, id, () => softDeleteTicket(actor, { ticketId: id }));
    return apiJson(204, null);
  },
);

export const transitionTicketOp = defineOperation(
  {
    method: "POST",
    path: "/tickets/{id}/transitions",
    operationId: "transitionTicket",
    summary: "Move a ticket to another status",
    description: "The same rules as the ticket page's buttons: who may, which moves the workflow allows, reasons where required, separation of duties for approvals.",
    tag: "Tickets",
    access: "write",
    params: ticketRefParams,
    body: transitionBodySchema,
    responses: { 200: { description: "The moved ticket", schema: ticketSchema, headers: { ETag: "The new version" } }, ...errorResponses(400, 401, 403, 404, 409, 422) },
  },
  async ({ actor, params, body, request }) => moveTicket(actor, params.id, request, { to: body.to, reason: body.reason, version: body.version }),
);

/**
 * A move through transitionTicket — POST …/transitions and its aliases
 * (…/close, PUT …/status): the ticket in the path, the version read, the
 * ticket after the move.
 */
export async function moveTicket(actor: Actor, ref: string, request: Request, move: { to: string; reason?: string; version?: number }): Promise<Response> {
  const id = await resolveTicketRef(actor, ref);
  const version = versionOf(request, move.version);
  await domain(actor, id, () => transitionTicket(actor, { ticketId: id, to: move.to, version, ...(move.reason !== undefined ? { reason: move.reason } : {}) }));
  return ticketResponse(200, await oneTicket(actor, id));
}

// ── /tickets/{id}/replies ────────────────────────────────────────────────

interface ReplyRow {
  id: string;
  ticketId: string;
  type: "comment" | "internal_note" | "system";
  body: string;
  authorId: string | null;
  authorName: string | null;
  createdAt: Date;
  editedAt: Date | null;
  version: number;
}

const toReply = (r: ReplyRow) => ({
  id: r.id,
  ticket_id: r.ticketId,
  type: r.type,
  body: r.body,
  author: r.authorId ? { id: r.authorId, name: r.authorName ?? "" } : null,
  created_at: iso(r.createdAt)!,
  edited_at: iso(r.editedAt),
  version: r.version,
});

const replyCursor = z.tuple([z.iso.datetime(), z.uuid()]);

/** The thread, oldest first, a page at a time; internal notes only for those who may read them. */
async function replyPage(actor: Actor, ticketId: string, limit: number, cursor: string | undefined, onlyId?: string) {
  let after: Prisma.Sql = Prisma.empty;
  if (cursor) {
    let decoded: unknown = null;
    try {
      decoded = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    } catch {
      decoded = null;
    }
    const c = replyCursor.safeParse(decoded);
    if (!c.success) throw new ApiError("BAD_REQUEST", "Not a cursor of this list", { cursor: ["Not a cursor of this list"] });
    after = Prisma.sql`AND (c."createdAt", c."id") > (${c.data[0]}::timestamptz AT TIME ZONE 'UTC', ${c.data[1]}::uuid)`;
  }
  const internal = canSeeInternal(actor) ? Prisma.empty : Prisma.sql`AND c."type" <> 'internal_note'`;
  const one = onlyId ? Prisma.sql`AND c."id" = ${onlyId}::uuid` : Prisma.empty;
  const rows = await db.$queryRaw<ReplyRow[]>`
    SELECT c."id"::text, c."ticketId"::text AS "ticketId", c."type"::text AS "type", c."body", c."authorId"::text AS "authorId", u."name" AS "authorName",
           c."createdAt", c."editedAt", c."version"
      FROM "Comment" c LEFT JOIN "User" u ON u."id" = c."authorId"
     WHERE c."ticketId" = ${ticketId}::uuid ${internal} ${one} ${after}
     ORDER BY c."createdAt", c."id" LIMIT ${limit + 1}`;
  const more = rows.length > limit;
  // System comments name other tickets by reference: resolved as the ticket page resolves them, per viewer.
  const { comments: page } = await withVisibleReferences(actor, { comments: more ? rows.slice(0, limit) : rows, history: [] }, { ownOnly: !isStaff(actor) });
  const last = page[page.length - 1];
  return {
    data: page.map(toReply),
    next_cursor: more && last ? Buffer.from(JSON.stringify([new Date(last.createdAt).toISOString(), last.id])).toString("base64url") : null,
  };
}

export const listRepliesOp = defineOperation(
  {
    method: "GET",
    path: "/tickets/{id}/replies",
    operationId: "listReplies",
    summary: "List a ticket's thread",
    description: "Oldest first. Internal notes only for callers who may read internal notes; requesters never see them.",
    tag: "Thread",
    access: "read",
    params: ticketRefParams,
    query: z.object(pageQuery).strict(),
    responses: { 200: { description: "A page of the thread", schema: replyListSchema }, ...errorResponses(400, 401, 404) },
  },
  async ({ actor, params, query }) => apiJson(200, await replyPage(actor, await resolveTicketRef(actor, params.id), query.limit, query.cursor)),
);

export const addReplyOp = defineOperation(
  {
    method: "POST",
    path: "/tickets/{id}/replies",
    operationId: "addReply",
    summary: "Reply, or write an internal note",
    description: "As the ticket page's composer: who may reply and who may write an internal note are the page's rules; mentions and notifications follow.",
    tag: "Thread",
    access: "write",
    params: ticketRefParams,
    body: replyBodySchema,
    responses: { 201: { description: "The reply", schema: replySchema }, ...errorResponses(400, 401, 403, 404, 422) },
  },
  async ({ actor, params, body }) => {
    const id = await resolveTicketRef(actor, params.id);
    const reply = await domain(actor, id, () => addComment(actor, { ticketId: id, body: body.body, internal: body.internal ?? false }));
    const page = await replyPage(actor, id, 1, undefined, reply.id);
    if (!page.data[0]) throw new AppError("NOT_FOUND", "Reply not found");
    return apiJson(201, page.data[0]);
  },
);
