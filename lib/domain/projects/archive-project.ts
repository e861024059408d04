import "server-only";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { audit, type RequestMeta } from "@/lib/audit";
import { parseInput } from "@/lib/validation/parse";
import { archiveProjectSchema, type ArchiveProjectInput } from "@/lib/validation/projects";
import { loadProjectForAdmin } from "./access";

/**
 * Archives or restores a project. An archived project is left out of new
 * requests, pickers, the desk's filter and the board list (projectScope in
 * lib/domain/tickets/policy.ts), while its tickets stay for history and its
 * board and tickets still open by URL. Setting the state it already has is a no-op.
 */
export async function setProjectArchived(actor: Actor, raw: ArchiveProjectInput, meta: RequestMeta = {}) {
  const input = parseInput(archiveProjectSchema, raw);
  return db.$transaction(async (tx) => {
    const project = await loadProjectForAdmin(tx, actor, input.projectId, { lock: true });
    if (project.archived === input.archived) return { id: project.id, archived: project.archived, changed: false };
    await tx.project.update({ where: { id: project.id }, data: { archived: input.archived } });
    await audit(
      {
        ...meta,
        organizationId: actor.organizationId,
        actorId: actor.id,
        action: input.archived ? "project.archived" : "project.unarchived",
        entityType: "Project",
        entityId: project.id,
        data: { project: project.key, old: { archived: project.archived }, new: { archived: input.archived } },
      },
      tx,
    );
    return { id: project.id, archived: input.archived, changed: true };
  });
}
