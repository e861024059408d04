import "server-only";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { audit, type RequestMeta } from "@/lib/audit";
import { parseInput } from "@/lib/validation/parse";
import { createProjectSchema, type CreateProjectInput } from "@/lib/validation/projects";
import { assertLead, assertManageProjects, isUniqueViolation, keyTaken } from "./access";
import { insertProject } from "./insert-project";

/**
 * A new project of the actor's organization, in one transaction with its
 * audit row: the creator (and the lead) become members; insertProject writes
 * the default columns of a kanban project and a KEY-N project's counter.
 */
export async function createProject(actor: Actor, raw: CreateProjectInput, meta: RequestMeta = {}) {
  assertManageProjects(actor);
  const input = parseInput(createProjectSchema, raw);
  const lead = await assertLead(actor, input.leadId);
  const organizationId = actor.organizationId;
  if (await db.project.findFirst({ where: { organizationId, key: input.key }, select: { id: true } })) throw keyTaken(input.key);
  const memberIds = [...new Set([actor.id, ...(lead ? [lead.id] : [])])];
  try {
    return await db.$transaction(async (tx) => {
      const project = await insertProject(tx, {
        organizationId,
        key: input.key,
        name: input.name,
        description: input.description,
        workflow: input.workflow,
        numbering: input.numbering,
        leadId: lead?.id ?? null,
        memberIds,
      });
      await audit(
        {
          ...meta,
          organizationId,
          actorId: actor.id,
          action: "project.created",
          entityType: "Project",
          entityId: project.id,
          data: {
            old: {},
            new: { key: project.key, name: project.name, workflow: project.workflow, numbering: project.numbering, lead: lead?.name ?? null, description: input.description },
            members: memberIds.length,
          },
        },
        tx,
      );
      return project;
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw keyTaken(input.key);
    throw e;
  }
}
