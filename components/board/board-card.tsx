"use client";

import Link from "next/link";
import { useDraggable } from "@dnd-kit/core";
import type { BoardCard as Card } from "@/lib/domain/board/board-query";
import { TYPE_LABELS } from "@/lib/domain/tickets/labels";
import type { Priority } from "@/lib/generated/prisma/enums";
import { PRIORITY_DOT, PRIORITY_LABELS } from "@/components/ui/badges";

const PRIORITY_TEXT: Record<Priority, string> = {
  low: "text-slate-500",
  normal: "text-slate-600",
  high: "text-orange-700",
  critical: "text-red-700 font-semibold",
};


/** Due dates are calendar days: shown in UTC so server and browser render the same text (one formatter for every card). */
const DUE = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", timeZone: "UTC" });
function dueLabel(iso: string) {
  return DUE.format(new Date(iso));
}

/** What a card shows; used in the column and, while dragging, in the overlay. */
export function CardFace({ card, handle }: { card: Card; handle?: React.ReactNode }) {
  return (
    <div className="flex gap-1.5">
      <div className="-ml-1 pt-0.5">{handle ?? <span aria-hidden className="block h-6 w-5" />}</div>
      <div className="min-w-0 flex-1">
        <div className="flex items-center justify-between gap-2 text-xs">
          <span className="font-mono text-slate-500">{card.number}</span>
          <span className={`inline-flex items-center gap-1 ${PRIORITY_TEXT[card.priority]}`}>
            <span aria-hidden className={`h-1.5 w-1.5 rounded-full ${PRIORITY_DOT[card.priority]}`} />
            {PRIORITY_LABELS[card.priority]}
          </span>
        </div>
        <Link
          href={`/tickets/${card.number}`}
          draggable={false}
          className="board-card-title"
        >
          <span className="sr-only">{card.number} </span>
          {card.title}
        </Link>
        <div className="mt-2 flex items-center gap-2 text-xs text-slate-500">
          {card.type !== "change" ? <span className="rounded bg-slate-100 px-1.5 py-0.5 text-[11px] text-slate-600">{TYPE_LABELS[card.type]}</span> : null}
          {card.dueDate ? (
            <span className={`inline-flex items-center gap-1 ${card.overdue ? "font-medium text-red-600" : ""}`} title={`Due ${dueLabel(card.dueDate)}`}>
              <svg aria-hidden viewBox="0 0 16 16" className="h-3.5 w-3.5" fill="none" stroke="currentColor" strokeWidth="1.5">
                <rect x="2.5" y="3.5" width="11" height="10" rx="1.5" />
                <path d="M2.5 6.5h11M5.5 2v3M10.5 2v3" />
              </svg>
              <span className="sr-only">Due </span>
              {dueLabel(card.dueDate)}
            </span>
          ) : null}
          {card.commentCount > 0 ? (
            <span className="inline-flex items-center gap-1" title={`${card.commentCount} comment${card.commentCount === 1 ? "" : "s"}`}>
              <svg aria-hidden viewBox="0 0 16 16" className="h-3.5 w-3.5" fill="none" stroke="currentColor" strokeWidth="1.5">
                <path d="M2.5 3.5h11v7h-6l-3 2.5v-2.5h-2z" strokeLinejoin="round" />
              </svg>
              {card.commentCount}
              <span className="sr-only"> comment{card.commentCount === 1 ? "" : "s"}</span>
            </span>
          ) : null}
          <span className="ml-auto flex -space-x-1.5">
            {card.assignees.slice(0, 3).map((p) => (
              <span
                key={p.id}
                title={p.name}
                className="board-card-avatar"
              >
                <span aria-hidden>{p.initials}</span>
                <span className="sr-only">Assigned to {p.name}</span>
              </span>
            ))}
            {card.assignees.length > 3 ? (
              <span className="grid h-6 w-6 place-items-center rounded-full bg-slate-200 text-[10px] font-semibold text-slate-600 ring-2 ring-white">+{card.assignees.length - 3}</span>
            ) : null}
          </span>
        </div>
      </div>
    </div>
  );
}

const GRIP = <span aria-hidden className="board-card-grip" />;

/**
 * A card on the board: the whole card drags with the mouse; the keyboard
 * drags with the handle (Space to lift, arrows to move, Space to drop). Its
 * accessible name begins with the ticket number.
 */
export function DraggableCard({ card, column, lineBefore, lineAfter }: { card: Card; column: string; lineBefore: boolean; lineAfter: boolean }) {
  const { setNodeRef, setActivatorNodeRef, listeners, attributes, isDragging } = useDraggable({ id: card.id, data: { column }, disabled: !card.movable });
  const handle = (
    <button
      type="button"
      ref={setActivatorNodeRef}
      {...attributes}
      aria-label={`Move ${card.number}`}
      disabled={!card.movable}
      className="board-card-handle"
    >
      {GRIP}
    </button>
  );
  return (
    <li
      ref={setNodeRef}
      {...listeners}
      data-card-id={card.id}
      aria-label={`${card.number} ${card.title}`}
      className={`board-card${card.movable ? " board-card-movable" : ""}${isDragging ? " opacity-40" : ""}`}
    >
      {lineBefore ? <DropLine edge="top" /> : null}
      <CardFace card={card} handle={handle} />
      {lineAfter ? <DropLine edge="bottom" /> : null}
    </li>
  );
}

function DropLine({ edge }: { edge: "top" | "bottom" }) {
  return <span aria-hidden className={`pointer-events-none absolute inset-x-1 h-0.5 rounded-full bg-brand-500 ${edge === "top" ? "-top-[5px]" : "-bottom-[5px]"}`} />;
}

/** The copy that follows the pointer while a card is dragged. */
export function CardOverlay({ card }: { card: Card }) {
  return (
    <div data-drag-overlay="" className="w-[17rem] cursor-grabbing rounded-lg bg-white p-2.5 shadow-lg ring-2 ring-brand-500/60">
      <CardFace card={card} />
    </div>
  );
}
