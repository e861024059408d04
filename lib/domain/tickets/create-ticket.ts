import "server-only";
import { parseInput } from "@/lib/validation/parse";
import { db, rowsOf, sqlRows, type Db, type Tx } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/auth/actor";
import { forbidden, invalid, INVALID_FORM } from "@/lib/errors";
import { createTicketSchema, type CreateTicketInput } from "@/lib/validation/ticket";
import type { NumberingScheme, Priority, TicketStatus, TicketType, WorkflowKind } from "@/lib/generated/prisma/enums";
import { mayCreateTicket, projectScopeSql } from "./policy";
import { insertTicket, type NewChangeItem, type NewTicket } from "./insert-ticket";
import { initialStatus } from "./workflow";
import { rankAfter } from "@/lib/domain/board/rank";
import { loadAsset, itemData, targetAssetError } from "@/lib/domain/changes/items";
import { validateItems } from "@/lib/domain/changes/validate-items";
import type { z } from "zod";
import { subtaskParent } from "@/lib/domain/relationships/subtask-parent";
import { organizationSettings } from "@/lib/domain/organization/settings";
import { bindStagedAttachments } from "@/lib/domain/attachments/bind";

type CreateTicketOutput = z.output<typeof createTicketSchema>;

export const DEFAULT_TYPE: Record<WorkflowKind, TicketType> = { support: "request", change: "change", kanban: "task" };
const ALLOWED_TYPES: Record<WorkflowKind, readonly TicketType[]> = {
  support: ["request", "incident", "problem", "question"],
  change: ["change"],
  kanban: ["task", "bug", "story", "epic"],
};

export interface CreateTicketOptions {
  /** Injected clock (dated numbering across midnight in tests). */
  now?: Date;
}

/**
 * Creates a ticket in a project the actor may use. Two statements: one reads
 * the project, its first board column and the last rank there; one writes the
 * ticket, its number, history, watcher, items, parent link and notifications
 * (insert-ticket.ts insertTicket — the data builders create through it too).
 * Files staged for the request (attachmentIds) are bound in the same transaction.
 */
export async function createTicket(actor: Actor, raw: CreateTicketInput, opts: CreateTicketOptions = {}) {
  if (!mayCreateTicket(actor)) throw forbidden("You cannot create tickets");
  const input = parseInput(createTicketSchema, raw);
  const project = await resolveProject(actor, input.requestType, input.projectKey, input.submit ?? false);

  const type = input.type ?? DEFAULT_TYPE[project.workflow];
  if (!ALLOWED_TYPES[project.workflow].includes(type)) {
    throw invalid(INVALID_FORM, { type: [`A ${project.workflow} project cannot hold a ${type}`] });
  }
  const now = opts.now ?? new Date();
  const change = await prepareChange(actor, project.workflow, input);
  const parent = input.parentId ? await subtaskParent(actor, input.parentId, project.id) : null;
  const ticket = newTicketFor(project, {
    requesterId: actor.id,
    type,
    title: input.title,
    description: input.description,
    priority: input.priority ?? (await organizationSettings(actor.organizationId)).defaultPriority,
    assetId: change?.asset?.id ?? null,
    submit: change?.submit ?? false,
    items: change ? change.items.map((item, i) => itemData(item, change.validations[i])) : [],
    parent: parent ? { id: parent.id, number: parent.number } : null,
    now,
  });
  const files = input.attachmentIds ?? [];
  // Without files the creation is one statement on the pool; with them, the
  // staged files are bound in the same transaction, or nothing is created.
  if (files.length === 0) return insertTicket(db, ticket);
  return db.$transaction(async (tx) => {
    const created = await insertTicket(tx, ticket);
    await bindStagedAttachments(tx, actor, created, files);
    return created;
  });
}

/** What a creator decided about a new ticket (validated), before the project's facts place it. */
export interface TicketDecision {
  requesterId: string;
  type: TicketType;
  title: string;
  description: string;
  priority: Priority;
  assetId: string | null;
  /** A change request submitted as it is created (status pending, SLA clock running). */
  submit: boolean;
  items: NewChangeItem[];
  parent: { id: string; number: string } | null;
  now: Date;
  /** A board position chosen by the caller (tests of the board); otherwise the bottom of the column. */
  rank?: string;
}

/**
 * The new ticket the creation statement writes, from the project's facts
 * (resolveProjectSql / creationFacts: status, column, last rank, default team) and the
 * creator's decision. Shared by createTicket and the data builders so that a
 * seeded ticket is placed, clocked and numbered exactly like an app-made one.
 */
export function newTicketFor(project: CreationFacts, d: TicketDecision): Omit<NewTicket, "also"> {
  const submitted = project.workflow === "change" && d.submit;
  return {
    organizationId: project.organizationId,
    project,
    type: d.type,
    title: d.title,
    description: d.description,
    priority: d.priority,
    status: project.status,
    columnId: project.columnId,
    // New cards go to the bottom of their board column with a key of their own,
    // so later reorders write one row (creations racing for the same place may
    // tie; the board breaks ties by id and reorders around them).
    rank: d.rank ?? rankAfter(project.lastRank),
    requesterId: d.requesterId,
    teamId: project.defaultTeamId,
    assetId: d.assetId,
    slaStartedAt: project.workflow === "support" || submitted ? d.now : null,
    submittedAt: submitted ? d.now : null,
    now: d.now,
    items: d.items,
    parent: d.parent,
  };
}

/** Change requests: the target asset (in the actor's organization) and validated items. */
async function prepareChange(actor: Actor, workflow: WorkflowKind, input: CreateTicketOutput) {
  if (workflow !== "change") {
    const stray = (["assetId", "items", "submit"] as const).filter((k) => input[k] !== undefined && input[k] !== null);
    if (stray.length) throw invalid(INVALID_FORM, Object.fromEntries(stray.map((k) => [k, ["Only change requests have this"]])));
    return null;
  }
  const asset = input.assetId ? await loadAsset(actor.organizationId, input.assetId) : null;
  const assetError = input.assetId ? targetAssetError(asset) : null;
  if (assetError) throw invalid(INVALID_FORM, { assetId: [assetError] });
  const items = input.items ?? [];
  const validations = validateItems(items, asset);
  const submit = input.submit ?? false;
  if (submit) {
    const errors: Record<string, string[]> = {};
    if (items.length === 0) errors.items = ["Add at least one item"];
    validations.forEach((v, i) => {
      if (v.status === "invalid") errors[`items.${i}`] = [v.message ?? "This item is invalid"];
    });
    if (Object.keys(errors).length) throw invalid("Some items need attention before the request can be submitted.", errors);
  }
  return { asset, items, validations, submit };
}

/** The facts of a project a ticket is created in (one query: resolveProjectSql, creationFactsSql). */
export interface CreationFacts {
  id: string;
  organizationId: string;
  key: string;
  workflow: WorkflowKind;
  numbering: NumberingScheme;
  /** Where the new ticket starts: the first board column (kanban) or the workflow's first state. */
  status: TicketStatus;
  columnId: string | null;
  /** The rank of the last card in that column or state. */
  lastRank: string | null;
  /** The project's default team: the new ticket starts with it. */
  defaultTeamId: string | null;
}

/**
 * The project (by key, or the first of the request type's workflow) among those
 * the actor may create in, with the new ticket's column, status and the rank
 * of the card it goes after — one query.
 */
export function resolveProjectSql(actor: Actor, requestType: "support" | "change" | undefined, projectKey: string | undefined, submit: boolean): Prisma.Sql {
  const which = projectKey
    ? Prisma.sql`p."key" = ${projectKey}`
    : Prisma.sql`p."workflow" = ${requestType ?? "support"}::"WorkflowKind"`;
  return projectFactsSql(Prisma.sql`${projectScopeSql(actor)} AND ${which}`, submit);
}

/**
 * The same facts of one project by id, with no actor: the data builders
 * (prisma/factories.ts) create as a given requester, like a script would.
 */
export function creationFactsSql(projectId: string, submit: boolean): Prisma.Sql {
  return projectFactsSql(Prisma.sql`p."id" = ${projectId}::uuid`, submit);
}

/** creationFactsSql through `client` (the app's db or a factory's client). */
export async function creationFacts(client: Tx | Db, projectId: string, submit = false): Promise<CreationFacts> {
  const [facts] = await rowsOf<CreationFacts>(client, creationFactsSql(projectId, submit));
  if (!facts) throw new Error(`No project ${projectId}`);
  return facts;
}

function projectFactsSql(where: Prisma.Sql, submit: boolean): Prisma.Sql {
  const start: Record<WorkflowKind, TicketStatus> = {
    support: initialStatus("support"),
    change: submit ? "pending" : initialStatus("change"),
    kanban: initialStatus("kanban"),
  };
  return Prisma.sql`
    SELECT p."id", p."organizationId", p."key", p."workflow"::text AS "workflow", p."numbering"::text AS "numbering", p."defaultTeamId",
           col."id" AS "columnId", COALESCE(col."category"::text, ${JSON.stringify(start)}::jsonb ->> p."workflow"::text) AS "status",
           COALESCE(in_column."rank", in_state."rank") AS "lastRank"
      FROM "Project" p
      LEFT JOIN LATERAL (
        SELECT c."id", c."category" FROM "KanbanColumn" c
         WHERE c."projectId" = p."id" AND p."workflow" = 'kanban' ORDER BY c."position" LIMIT 1
      ) col ON true
      LEFT JOIN LATERAL (
        SELECT t."rank" FROM "Ticket" t WHERE t."projectId" = p."id" AND t."columnId" = col."id"
         ORDER BY t."rank" DESC, t."id" DESC LIMIT 1
      ) in_column ON true
      LEFT JOIN LATERAL (
        SELECT t."rank" FROM "Ticket" t
         WHERE col."id" IS NULL AND t."projectId" = p."id"
           AND t."status" = (${JSON.stringify(start)}::jsonb ->> p."workflow"::text)::"TicketStatus"
         ORDER BY t."rank" DESC, t."id" DESC LIMIT 1
      ) in_state ON true
     WHERE ${where}
     ORDER BY p."key" LIMIT 1`;
}

async function resolveProject(actor: Actor, requestType: "support" | "change" | undefined, projectKey: string | undefined, submit: boolean) {
  // Run at every creation: planned once per connection.
  const rows = await sqlRows<CreationFacts>(resolveProjectSql(actor, requestType, projectKey, submit), { prepared: true });
  const project = rows[0];
  if (projectKey) {
    // Another organization's project and one the actor is not a member of read the same.
    if (!project) throw invalid(INVALID_FORM, { projectKey: ["You cannot create requests in this project"] });
    if (requestType && project.workflow !== requestType) {
      throw invalid(INVALID_FORM, { requestType: ["This project does not take that request type"] });
    }
    return project;
  }
  if (!project) throw invalid(INVALID_FORM, { requestType: ["You cannot create requests of this type"] });
  return project;
}
