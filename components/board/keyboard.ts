import type { RefObject } from "react";
import type { KeyboardCoordinateGetter } from "@dnd-kit/core";
import type { BoardCard, BoardColumn } from "@/lib/domain/board/board-query";
import { othersIn, type Place } from "./board-state";

/**
 * Keyboard dragging (dnd-kit's KeyboardSensor): left and right arrows take the
 * card to the neighbouring column, up and down move it among that column's
 * cards. The place is kept as the drop target itself, so a drop never depends
 * on what the overlay happens to overlap; the returned coordinates only move
 * the overlay there (before the card it would precede, below the last card,
 * or into the empty column).
 */
export function keyboardPlacement(refs: {
  columns: RefObject<BoardColumn[]>;
  drag: RefObject<{ card: BoardCard } | null>;
  target: RefObject<Place | null>;
  setTarget: (t: Place) => void;
}): KeyboardCoordinateGetter {
  return (event, { context }) => {
    const d = refs.drag.current;
    const t = refs.target.current;
    const cols = refs.columns.current;
    if (!d || !t || !cols) return undefined;
    let ci = cols.findIndex((c) => c.key === t.column);
    let index = t.index;
    const size = (i: number) => othersIn(cols[i]!, d.card.id).length;
    switch (event.code) {
      case "ArrowDown":
        index = Math.min(index + 1, size(ci));
        break;
      case "ArrowUp":
        index = Math.max(index - 1, 0);
        break;
      case "ArrowRight":
        if (ci < cols.length - 1) ci += 1;
        index = Math.min(index, size(ci));
        break;
      case "ArrowLeft":
        if (ci > 0) ci -= 1;
        index = Math.min(index, size(ci));
        break;
      default:
        return undefined;
    }
    event.preventDefault();
    const next = { column: cols[ci]!.key, index };
    refs.setTarget(next);

    const list = othersIn(cols[ci]!, d.card.id);
    const rect = (id: string) => document.querySelector<HTMLElement>(`[data-card-id="${id}"]`)?.getBoundingClientRect();
    const before = list[index] ? rect(list[index]!.id) : undefined;
    if (before) return { x: before.left, y: before.top };
    const last = list.length ? rect(list[list.length - 1]!.id) : undefined;
    if (last) return { x: last.left, y: last.bottom + 8 };
    const column = context.droppableRects.get(`col:${next.column}`);
    return column ? { x: column.left + 8, y: column.top + 44 } : undefined;
  };
}
