import Link from "next/link";
import type { BoardProject } from "@/lib/domain/board/board-query";

const KIND: Record<BoardProject["workflow"], string> = { support: "Support", change: "Changes", kanban: "Kanban" };

/** Links to the boards of the projects the viewer works in; the current one is marked. */
export function BoardSwitcher({ boards, current }: { boards: BoardProject[]; current: string }) {
  if (boards.length < 2) return null;
  return (
    <nav aria-label="Boards" className="flex flex-wrap gap-1 rounded-lg bg-slate-100 p-1">
      {boards.map((b) => {
        const active = b.key === current;
        return (
          <Link
            key={b.key}
            href={`/board/${b.key}`}
            aria-current={active ? "page" : undefined}
            title={`${b.name} (${KIND[b.workflow]})`}
            className={`inline-flex items-center rounded-md px-3 py-1 text-sm font-medium max-md:min-h-11 ${active ? "bg-white text-slate-900 shadow-xs ring-1 ring-slate-200" : "text-slate-600 hover:bg-white/60 hover:text-slate-900"}`}
          >
            {b.key}
          </Link>
        );
      })}
    </nav>
  );
}
