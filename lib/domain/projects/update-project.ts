import "server-only";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { audit, type RequestMeta } from "@/lib/audit";
import { conflict } from "@/lib/errors";
import { parseInput } from "@/lib/validation/parse";
import { updateProjectSchema, type UpdateProjectInput } from "@/lib/validation/projects";
import { assertLead, hasTickets, isUniqueViolation, keyLocked, keyTaken, loadProjectForAdmin } from "./access";

const CHANGED_ELSEWHERE = "Someone else changed this project first. The latest version has been loaded; make your change again.";

/**
 * Name, lead, description and — while the project has no tickets — its key.
 * Compare-and-set on the updatedAt the page saw: a concurrent edit makes the
 * later save a CONFLICT, never a silent overwrite. One transaction with the
 * audit row of what changed (old and new).
 */
export async function updateProject(actor: Actor, raw: UpdateProjectInput, meta: RequestMeta = {}) {
  const input = parseInput(updateProjectSchema, raw);
  try {
    return await db.$transaction(async (tx) => {
      const project = await loadProjectForAdmin(tx, actor, input.projectId, { lock: true });
      if (project.updatedAt.toISOString() !== new Date(input.updatedAt).toISOString()) throw conflict(CHANGED_ELSEWHERE);
      const old: Record<string, unknown> = {};
      const next: Record<string, unknown> = {};
      const data: { name?: string; description?: string; leadId?: string | null; key?: string } = {};
      if (input.name !== project.name) [old.name, next.name, data.name] = [project.name, input.name, input.name];
      if (input.description !== project.description) [old.description, next.description, data.description] = [project.description, input.description, input.description];
      if (input.leadId !== project.leadId) {
        const lead = await assertLead(actor, input.leadId, tx);
        [old.lead, next.lead, data.leadId] = [project.lead?.name ?? null, lead?.name ?? null, lead?.id ?? null];
      }
      if (input.key !== undefined && input.key !== project.key) {
        // The row lock above waits for tickets being created here, so none can slip in before the key changes.
        if (await hasTickets(tx, project.id)) throw keyLocked();
        if (await tx.project.findFirst({ where: { organizationId: actor.organizationId, key: input.key }, select: { id: true } })) throw keyTaken(input.key);
        [old.key, next.key, data.key] = [project.key, input.key, input.key];
      }
      if (Object.keys(data).length === 0) return { id: project.id, key: project.key, updatedAt: project.updatedAt, changed: false };
      const saved = await tx.project.update({ where: { id: project.id }, data, select: { id: true, key: true, updatedAt: true } });
      await audit({ ...meta, organizationId: actor.organizationId, actorId: actor.id, action: "project.updated", entityType: "Project", entityId: project.id, data: { project: saved.key, old, new: next } as never }, tx);
      return { ...saved, changed: true };
    });
  } catch (e) {
    if (isUniqueViolation(e) && input.key) throw keyTaken(input.key);
    throw e;
  }
}
