import type { Metadata } from "next";
import { db } from "@/lib/db";
import { staffPageActor } from "@/lib/auth/guards";
import { can } from "@/lib/auth/permissions";
import { boardKeyFromParam, getBoard, listBoards } from "@/lib/domain/board/board-query";
import { findStaff } from "@/lib/domain/users/staff-directory";
import { teamOptions } from "@/lib/domain/teams/options";
import { boardFiltersActive, parseBoardQuery } from "@/lib/validation/board";
import { PageHeader } from "@/components/layout/app-shell";
import { BoardCanvas } from "@/components/board/board-canvas";
import { BoardFilters } from "@/components/board/board-filters";
import { BoardSwitcher } from "@/components/board/board-switcher";
import { ColumnAdmin } from "@/components/board/column-admin";
import { foundOr404 } from "@/lib/http/found-or-404";
import { ShortcutsHelp } from "@/components/ui/shortcuts-help";

const BOARD_SHORTCUTS = [
  { keys: ["Tab"], what: "Go to the next card" },
  { keys: ["Space"], what: "Pick up the card (Space again drops it)" },
  { keys: ["←", "→"], what: "Carry it to the next column" },
  { keys: ["↑", "↓"], what: "Carry it up or down the column" },
  { keys: ["Esc"], what: "Put it back where it was" },
];

type Props = { params: Promise<{ projectKey: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: `${boardKeyFromParam((await params).projectKey)} board` };
}

const WORKFLOW_NOTE = {
  support: "Drag a card to another state to move it; drops follow the support workflow.",
  change: "Drag a change to its next state; approvals, rejections and roll backs follow the change workflow.",
  kanban: "Drag cards between columns and within a column to order them.",
} as const;

export default async function BoardPage({ params, searchParams }: Props) {
  const actor = await staffPageActor();
  const key = boardKeyFromParam((await params).projectKey);
  const filters = parseBoardQuery(await searchParams);
  // The switcher's list and the filter's names need only the key: read beside the board.
  const [board, boards, people, teams] = await Promise.all([
    foundOr404(getBoard(actor, key, filters)),
    listBoards(actor, key),
    // Only the names the assignee filter holds; the filter finds others by typing.
    findStaff(actor.organizationId, { kind: "staff" }, { ids: filters.assignee }),
    teamOptions(actor.organizationId, filters.team),
  ]);
  const manage = board.project.workflow === "kanban" && can(actor, "org.manage");
  const adminColumns = manage
    ? await db.kanbanColumn.findMany({
        where: { projectId: board.project.id },
        orderBy: [{ position: "asc" }, { createdAt: "asc" }],
        select: { id: true, name: true, color: true, category: true, wipLimit: true, _count: { select: { tickets: { where: { deletedAt: null } } } } },
      })
    : [];
  const shown = board.columns.reduce((n, c) => n + c.total, 0);
  const capped = board.columns.some((c) => c.totalCapped);

  return (
    // data-wide-page: the shell gives the board the screen's whole width (components/layout/app-shell.tsx).
    <div data-wide-page="">
      <PageHeader
        title={
          <span className="flex items-baseline gap-2">
            <span className="font-mono text-base text-slate-500">{board.project.key}</span>
            <span>{board.project.name}</span>
          </span>
        }
        description={`${WORKFLOW_NOTE[board.project.workflow]} ${shown.toLocaleString("en")}${capped ? "+" : ""} card${shown === 1 && !capped ? "" : "s"}${
          boardFiltersActive(filters) ? ` match${shown === 1 && !capped ? "es" : ""} the filters` : ""
        }.`}
        actions={
          <>
            <ShortcutsHelp shortcuts={BOARD_SHORTCUTS} />
            <BoardSwitcher boards={boards} current={board.project.key} />
            {manage ? (
              <ColumnAdmin
                projectKey={board.project.key}
                columns={adminColumns.map((c) => ({ id: c.id, name: c.name, color: c.color, category: c.category, wipLimit: c.wipLimit, cards: c._count.tickets }))}
              />
            ) : null}
          </>
        }
      />
      <BoardFilters projectKey={board.project.key} workflow={board.project.workflow} query={filters} people={people} teams={teams} />
      <BoardCanvas project={board.project} initialColumns={board.columns} filters={filters} />
    </div>
  );
}
