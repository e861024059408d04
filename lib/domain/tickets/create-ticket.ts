import { parseInput } from "@/lib/validation/parse";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import { forbidden, invalid, INVALID_FORM } from "@/lib/errors";
import { createTicketSchema, type CreateTicketInput } from "@/lib/validation/ticket";
import type { TicketType, WorkflowKind } from "@/lib/generated/prisma/enums";
import { projectScope } from "./policy";
import { allocateNumber } from "./numbering";
import { recordHistory } from "./history";
import { initialStatus } from "./workflow";
import { generateKeyBetween } from "fractional-indexing";
import { isValidRank } from "@/lib/domain/board/rank";
import { loadAsset, itemData } from "@/lib/domain/changes/items";
import { validateItems } from "@/lib/domain/changes/validate-items";
import type { z } from "zod";

type CreateTicketOutput = z.output<typeof createTicketSchema>;

const DEFAULT_TYPE: Record<WorkflowKind, TicketType> = { support: "request", change: "change", kanban: "task" };
const ALLOWED_TYPES: Record<WorkflowKind, readonly TicketType[]> = {
  support: ["request", "incident", "problem", "question"],
  change: ["change"],
  kanban: ["task", "bug", "story", "epic"],
};

export interface CreateTicketOptions {
  /** Injected clock (dated numbering across midnight in tests). */
  now?: Date;
}

/** Creates a ticket in a project the actor may use, numbered inside the same transaction. */
export async function createTicket(actor: Actor, raw: CreateTicketInput, opts: CreateTicketOptions = {}) {
  if (!can(actor, "ticket.create")) throw forbidden("You cannot create tickets");
  const input = parseInput(createTicketSchema, raw);
  const project = await resolveProject(actor, input.requestType, input.projectKey);

  const type = input.type ?? DEFAULT_TYPE[project.workflow];
  if (!ALLOWED_TYPES[project.workflow].includes(type)) {
    throw invalid(INVALID_FORM, { type: [`A ${project.workflow} project cannot hold a ${type}`] });
  }
  const now = opts.now ?? new Date();
  const change = await prepareChange(actor, project.workflow, input);

  return db.$transaction(async (tx) => {
    const column =
      project.workflow === "kanban"
        ? await tx.kanbanColumn.findFirst({ where: { projectId: project.id }, orderBy: { position: "asc" } })
        : null;
    const status = column ? column.category : change?.submit ? "pending" : initialStatus(project.workflow);
    // New cards go to the bottom of their board column with a key of their own,
    // so later reorders write one row (no ties to break).
    const last = await tx.ticket.findFirst({
      where: { projectId: project.id, ...(column ? { columnId: column.id } : { status }) },
      orderBy: [{ rank: "desc" }, { id: "desc" }],
      select: { rank: true },
    });
    const rank = generateKeyBetween(last && isValidRank(last.rank) ? last.rank : null, null);
    // The number comes last: its counter row stays locked until commit, so every
    // statement before it is time other creations in the project need not wait.
    const { number, seq } = await allocateNumber(tx, project, now);
    const ticket = await tx.ticket.create({
      data: {
        organizationId: actor.organizationId,
        projectId: project.id,
        number,
        seq,
        type,
        title: input.title,
        description: input.description,
        priority: input.priority,
        status,
        columnId: column?.id ?? null,
        rank,
        requesterId: actor.id,
        createdAt: now,
        slaStartedAt: project.workflow === "support" || change?.submit ? now : null,
        submittedAt: change?.submit ? now : null,
        assetId: change?.asset?.id ?? null,
      },
      select: { id: true, number: true, organizationId: true, status: true, projectId: true },
    });
    if (change?.items.length) {
      await tx.changeItem.createMany({
        data: change.items.map((item, i) => ({ ...itemData(item, change.validations[i]), position: i, organizationId: actor.organizationId, ticketId: ticket.id })),
      });
    }
    await recordHistory(tx, ticket, actor.id, [{ action: "created", newValue: status }]);
    // The requester follows their own request.
    await tx.watcher.create({ data: { ticketId: ticket.id, userId: actor.id, organizationId: actor.organizationId } });
    return ticket;
  });
}

/** Change requests: the target asset (in the actor's organization) and validated items. */
async function prepareChange(actor: Actor, workflow: WorkflowKind, input: CreateTicketOutput) {
  if (workflow !== "change") {
    const stray = (["assetId", "items", "submit"] as const).filter((k) => input[k] !== undefined && input[k] !== null);
    if (stray.length) throw invalid(INVALID_FORM, Object.fromEntries(stray.map((k) => [k, ["Only change requests have this"]])));
    return null;
  }
  const asset = input.assetId ? await loadAsset(actor.organizationId, input.assetId) : null;
  if (input.assetId && !asset) throw invalid(INVALID_FORM, { assetId: ["Choose a target asset"] });
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

async function resolveProject(actor: Actor, requestType: "support" | "change" | undefined, projectKey: string | undefined) {
  const select = { id: true, organizationId: true, key: true, workflow: true, numbering: true } as const;
  if (projectKey) {
    const project = await db.project.findFirst({ where: { ...projectScope(actor), key: projectKey }, select });
    // Another organization's project and one the actor is not a member of read the same.
    if (!project) throw invalid(INVALID_FORM, { projectKey: ["You cannot create requests in this project"] });
    if (requestType && project.workflow !== requestType) {
      throw invalid(INVALID_FORM, { requestType: ["This project does not take that request type"] });
    }
    return project;
  }
  const project = await db.project.findFirst({
    where: { ...projectScope(actor), workflow: requestType },
    orderBy: { key: "asc" },
    select,
  });
  if (!project) throw invalid(INVALID_FORM, { requestType: ["You cannot create requests of this type"] });
  return project;
}
