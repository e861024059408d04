import "server-only";
import type { Tx } from "@/lib/db";
import type { NumberingScheme, WorkflowKind } from "@/lib/generated/prisma/enums";
import { counterScope } from "@/lib/domain/tickets/numbering";
import { defaultColumnRows } from "./default-columns";

export interface NewProject {
  organizationId: string;
  key: string;
  name: string;
  description?: string;
  workflow: WorkflowKind;
  numbering: NumberingScheme;
  leadId: string | null;
  memberIds: readonly string[];
}

/**
 * Writes a new project inside the caller's transaction: the row with its
 * members, the default columns of a kanban project, and for KEY-N numbering
 * the project's counter at 0 so that its first ticket is KEY-1 (dated
 * projects share the organization's daily sequence, which needs no row of its
 * own). "New project" (create-project.ts) and a registered organization's
 * first project (lib/domain/registration) both write through here; each
 * writes its own audit row.
 */
export async function insertProject(tx: Tx, p: NewProject) {
  const project = await tx.project.create({
    data: {
      organizationId: p.organizationId,
      key: p.key,
      name: p.name,
      description: p.description ?? "",
      workflow: p.workflow,
      numbering: p.numbering,
      leadId: p.leadId,
      members: { create: p.memberIds.map((userId) => ({ userId, organizationId: p.organizationId })) },
    },
    select: { id: true, organizationId: true, key: true, name: true, workflow: true, numbering: true },
  });
  if (project.workflow === "kanban") await tx.kanbanColumn.createMany({ data: defaultColumnRows(project) });
  if (project.numbering === "key_sequence") {
    await tx.numberCounter.create({ data: { organizationId: p.organizationId, scope: counterScope(project, new Date()), value: 0 } });
  }
  return project;
}
