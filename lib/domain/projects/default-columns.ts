import type { ColumnCategory } from "@/lib/generated/prisma/enums";

/**
 * The columns a new kanban project starts with: the demo seed's ENG board
 * (prisma/factories.ts createProject) and a project an admin creates
 * (lib/domain/projects/create-project.ts) both take them from here. Admins
 * edit them afterwards on the board (components/board/column-admin.tsx).
 */
export const DEFAULT_KANBAN_COLUMNS: readonly { name: string; category: ColumnCategory; color: string }[] = [
  { name: "To do", category: "todo", color: "#64748b" },
  { name: "In progress", category: "in_progress", color: "#f59e0b" },
  { name: "Review", category: "review", color: "#8b5cf6" },
  { name: "Done", category: "done", color: "#10b981" },
];

/** The rows of DEFAULT_KANBAN_COLUMNS for one project, positions 0…n-1. */
export function defaultColumnRows(project: { id: string; organizationId: string }) {
  return DEFAULT_KANBAN_COLUMNS.map((c, i) => ({ ...c, position: i, organizationId: project.organizationId, projectId: project.id }));
}
