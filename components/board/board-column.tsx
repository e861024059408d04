"use client";

import { useDroppable } from "@dnd-kit/core";
import type { BoardColumn as Column } from "@/lib/domain/board/board-query";
import { DraggableCard } from "./board-card";
import type { Place } from "./board-state";

/**
 * One column: a region named by its state or column name, a drop target as a
 * whole, its cards in rank order and "Load more" for the next page.
 */
export function BoardColumn({
  column,
  draggingId,
  target,
  legal,
  loading,
  onLoadMore,
}: {
  column: Column;
  draggingId: string | null;
  /** Where the dragged card would land, when that is this column. */
  target: Place | null;
  /** While dragging: whether the workflow has a move to this column (null: not dragging, or no opinion). */
  legal: boolean | null;
  loading: boolean;
  onLoadMore: () => void;
}) {
  const { setNodeRef, isOver } = useDroppable({ id: `col:${column.key}`, data: { column: column.key } });
  const others = draggingId ? column.cards.filter((c) => c.id !== draggingId) : column.cards;
  const lineAt = target ? target.index : -1;
  const over = column.wipLimit !== null && column.total > column.wipLimit;
  const shown = column.cards.length;

  return (
    <section
      ref={setNodeRef}
      aria-label={column.label}
      data-column-key={column.key}
      data-drop-target={target ? "" : undefined}
      // In dark a resting column sits at the page's depth, so its cards (white: the card colour) stand above it as they do in light.
      className={`flex max-h-[calc(100vh-15rem)] min-h-48 w-[85vw] max-w-sm shrink-0 snap-start flex-col rounded-xl transition-colors md:w-72 ${
        target ? "bg-brand-50 ring-2 ring-brand-500" : isOver ? "bg-slate-100 ring-1 ring-slate-300" : "bg-slate-100/70 ring-1 ring-slate-200 dark:bg-slate-50"
      } ${legal === false ? "opacity-60" : ""}`}
    >
      <header className="flex items-center gap-2 px-3 pt-3 pb-2">
        {column.color ? <span aria-hidden className="h-2.5 w-2.5 shrink-0 rounded-full" style={{ backgroundColor: column.color }} /> : null}
        <h2 className="truncate text-sm font-semibold text-slate-800">{column.label}</h2>
        <span
          className={`ml-auto rounded-full px-2 py-0.5 text-xs font-medium tabular-nums ring-1 ring-inset ${over ? "bg-red-50 text-red-700 ring-red-600/20" : "bg-white text-slate-600 ring-slate-200"}`}
          title={column.wipLimit !== null ? `Work-in-progress limit: ${column.wipLimit}` : undefined}
        >
          {column.totalCapped ? `${column.total.toLocaleString("en")}+` : column.total}
          {column.wipLimit !== null ? ` / ${column.wipLimit}` : ""}
          <span className="sr-only"> card{column.total === 1 && !column.totalCapped ? "" : "s"}</span>
        </span>
      </header>
      {legal === false ? <p className="px-3 pb-1 text-[11px] text-slate-500">Not a move from the card’s state</p> : null}
      <ol className="flex flex-1 flex-col gap-2 overflow-y-auto px-2 pt-1 pb-2">
        {column.cards.map((card) => {
          const i = others.indexOf(card);
          return (
            <DraggableCard
              key={card.id}
              card={card}
              column={column.key}
              lineBefore={i >= 0 && i === lineAt}
              lineAfter={i >= 0 && i === others.length - 1 && lineAt === others.length}
            />
          );
        })}
        {column.cards.length === 0 || (others.length === 0 && target) ? (
          <li
            aria-hidden
            className={`grid flex-1 place-items-center rounded-lg border border-dashed px-3 py-6 text-xs ${target ? "border-brand-500 text-brand-700" : "border-slate-300 text-slate-500"}`}
          >
            {target ? "Drop here" : "No cards"}
          </li>
        ) : null}
      </ol>
      {column.nextCursor ? (
        <div className="px-2 pb-2">
          <button
            type="button"
            onClick={onLoadMore}
            disabled={loading}
            className="min-h-11 w-full rounded-md bg-white px-3 py-1.5 text-xs font-medium text-slate-700 ring-1 ring-slate-200 hover:bg-slate-50 disabled:text-slate-500 md:min-h-0"
          >
            {loading ? "Loading…" : column.totalCapped ? "Load more" : `Load more (${Math.max(column.total - shown, 0)} more)`}
          </button>
        </div>
      ) : null}
    </section>
  );
}
