import "server-only";
import { z } from "zod";
import { db } from "@/lib/db";
import { notFound } from "@/lib/errors";
import { projectScope } from "@/lib/domain/tickets/policy";
import { projectOptions } from "@/lib/domain/projects/options";
import { searchTags } from "@/lib/domain/tags/search-tags";
import { searchStaff } from "@/lib/domain/users/search-staff";
import { listNotifications, markAllRead, markRead } from "@/lib/domain/notifications/inbox";
import { apiJson, defineOperation } from "./operation";
import { errorResponses } from "./responses";
import { personSchema } from "./schemas";
import { domain } from "./tickets";

// What an integration looks up: projects and their board columns, tags,
// staff, and the caller's own notifications. Each list is bounded (the
// pickers' limits) and scoped as on the pages.

const projectSchema = z.object({ id: z.uuid(), key: z.string(), name: z.string(), workflow: z.enum(["support", "change", "kanban"]) }).meta({ id: "Project" });

export const listProjectsOp = defineOperation(
  {
    method: "GET",
    path: "/projects",
    operationId: "listProjects",
    summary: "List the projects the caller may create tickets in",
    description: "Members' projects (admins and ticket managers: all), by key, at most 100.",
    tag: "Projects",
    access: "read",
    responses: { 200: { description: "The projects", schema: z.object({ data: z.array(projectSchema) }).meta({ id: "ProjectList" }) }, ...errorResponses(401) },
  },
  async ({ actor }) => apiJson(200, { data: await projectOptions(projectScope(actor)) }),
);

const columnSchema = z.object({ id: z.uuid(), name: z.string(), position: z.number().int(), status: z.string().nullable(), wip_limit: z.number().int().nullable() }).meta({ id: "Column" });

export const listColumnsOp = defineOperation(
  {
    method: "GET",
    path: "/projects/{key}/columns",
    operationId: "listColumns",
    summary: "A kanban project's board columns",
    description: "In board order; `status` is the column's category. Other workflows' projects have none.",
    tag: "Projects",
    access: "read",
    params: z.object({ key: z.string().trim().min(1).max(10).describe("The project's key") }),
    responses: { 200: { description: "The columns", schema: z.object({ data: z.array(columnSchema) }).meta({ id: "ColumnList" }) }, ...errorResponses(401, 404) },
  },
  async ({ actor, params }) => {
    const project = await db.project.findFirst({ where: { ...projectScope(actor), key: params.key.toUpperCase() }, select: { id: true } });
    if (!project) throw notFound("Project");
    const columns = await db.kanbanColumn.findMany({ where: { projectId: project.id }, orderBy: { position: "asc" }, take: 100, select: { id: true, name: true, position: true, category: true, wipLimit: true } });
    return apiJson(200, { data: columns.map((c) => ({ id: c.id, name: c.name, position: c.position, status: c.category, wip_limit: c.wipLimit })) });
  },
);

export const listTagsOp = defineOperation(
  {
    method: "GET",
    path: "/tags",
    operationId: "listTags",
    summary: "Find tags",
    description: "Staff: at most 20 tags of the organization whose name starts with q.",
    tag: "Directory",
    access: "read",
    query: z.object({ q: z.string().max(50).optional() }).strict(),
    responses: { 200: { description: "Matching tags", schema: z.object({ data: z.array(z.object({ name: z.string() })) }).meta({ id: "TagList" }) }, ...errorResponses(400, 401, 403) },
  },
  async ({ actor, query }) => apiJson(200, { data: (await domain(actor, null, () => searchTags(actor, { q: query.q ?? "" }))).map((t) => ({ name: t.name })) }),
);

export const listUsersOp = defineOperation(
  {
    method: "GET",
    path: "/users",
    operationId: "listUsers",
    summary: "Find staff",
    description: "Staff: at most 20 active staff members whose name or e-mail holds q — who can be assigned, reviewed by or transferred to.",
    tag: "Directory",
    access: "read",
    query: z.object({ q: z.string().max(100).optional(), limit: z.coerce.number().int().min(1).max(20).default(20) }).strict(),
    responses: { 200: { description: "Matching staff", schema: z.object({ data: z.array(personSchema) }).meta({ id: "PersonList" }) }, ...errorResponses(400, 401, 403) },
  },
  async ({ actor, query }) => apiJson(200, { data: await domain(actor, null, () => searchStaff(actor, { q: query.q ?? "", limit: query.limit })) }),
);

const notificationSchema = z
  .object({
    id: z.uuid(),
    event: z.string(),
    title: z.string(),
    body: z.string(),
    created_at: z.iso.datetime({ offset: true }),
    read: z.boolean(),
    ticket_path: z.string().nullable().describe("The ticket's page for this user; null once it is out of their sight"),
  })
  .meta({ id: "Notification" });

export const listNotificationsOp = defineOperation(
  {
    method: "GET",
    path: "/notifications",
    operationId: "listNotifications",
    summary: "The caller's notifications",
    description: "Newest first, at most 50; unread=true for the unread ones only.",
    tag: "Notifications",
    access: "read",
    query: z.object({ unread: z.enum(["true", "false"]).optional(), limit: z.coerce.number().int().min(1).max(50).default(20) }).strict(),
    responses: { 200: { description: "Notifications", schema: z.object({ data: z.array(notificationSchema) }).meta({ id: "NotificationList" }) }, ...errorResponses(400, 401) },
  },
  async ({ actor, query }) => {
    const items = await listNotifications(actor, { limit: query.limit, unreadOnly: query.unread === "true" });
    return apiJson(200, {
      data: items.map((n) => ({ id: n.id, event: n.event, title: n.title, body: n.body, created_at: new Date(n.createdAt).toISOString(), read: n.read, ticket_path: n.href })),
    });
  },
);

export const markNotificationReadOp = defineOperation(
  {
    method: "POST",
    path: "/notifications/{notification_id}/read",
    operationId: "markNotificationRead",
    summary: "Mark one notification read",
    tag: "Notifications",
    access: "write",
    params: z.object({ notification_id: z.uuid({ error: "Notification not found" }) }),
    responses: { 204: { description: "Marked read" }, ...errorResponses(401, 403, 404) },
  },
  async ({ actor, params }) => {
    await domain(actor, null, () => markRead(actor, { id: params.notification_id }));
    return apiJson(204, null);
  },
);

export const markAllReadOp = defineOperation(
  {
    method: "POST",
    path: "/notifications/read-all",
    operationId: "markAllNotificationsRead",
    summary: "Mark every notification read",
    tag: "Notifications",
    access: "write",
    responses: { 204: { description: "Marked read" }, ...errorResponses(401, 403) },
  },
  async ({ actor }) => {
    await markAllRead(actor);
    return apiJson(204, null);
  },
);
