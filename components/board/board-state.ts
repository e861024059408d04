import type { BoardCard, BoardColumn } from "@/lib/domain/board/board-query";

// The board's client state is a list of columns; these pure helpers move a
// card between them (the optimistic move, and its rollback), keeping totals.

export interface Place {
  column: string;
  /** Index among the column's other cards (the dragged card left out). */
  index: number;
}

export function locate(columns: readonly BoardColumn[], id: string): { column: BoardColumn; index: number; card: BoardCard } | null {
  for (const column of columns) {
    const index = column.cards.findIndex((c) => c.id === id);
    if (index >= 0) return { column, index, card: column.cards[index]! };
  }
  return null;
}

/** The column's cards without `id`, the list a drop index refers to. */
export function othersIn(column: BoardColumn, id: string): BoardCard[] {
  return column.cards.filter((c) => c.id !== id);
}

/** Puts `card` at `place`, wherever it was; totals follow when it changes column. */
export function placeCard(columns: readonly BoardColumn[], card: BoardCard, place: Place): BoardColumn[] {
  const from = locate(columns, card.id);
  return columns.map((col) => {
    let cards = col.cards;
    let total = col.total;
    // A capped total ("1,000+") stays as it is.
    if (from && col.key === from.column.key) {
      cards = cards.filter((c) => c.id !== card.id);
      if (col.key !== place.column && !col.totalCapped) total -= 1;
    }
    if (col.key === place.column) {
      cards = [...cards.slice(0, place.index), card, ...cards.slice(place.index)];
      if ((!from || from.column.key !== place.column) && !col.totalCapped) total += 1;
    }
    return cards === col.cards && total === col.total ? col : { ...col, cards, total };
  });
}

/** Replaces a card's fields in place (after the server answered). */
export function patchCard(columns: readonly BoardColumn[], id: string, patch: Partial<BoardCard>): BoardColumn[] {
  return columns.map((col) => (col.cards.some((c) => c.id === id) ? { ...col, cards: col.cards.map((c) => (c.id === id ? { ...c, ...patch } : c)) } : col));
}

/** Appends a page loaded with "Load more" (a card already shown is not repeated). */
export function appendPage(columns: readonly BoardColumn[], key: string, page: { cards: BoardCard[]; nextCursor: string | null }): BoardColumn[] {
  return columns.map((col) => {
    if (col.key !== key) return col;
    const seen = new Set(col.cards.map((c) => c.id));
    return { ...col, cards: [...col.cards, ...page.cards.filter((c) => !seen.has(c.id))], nextCursor: page.nextCursor };
  });
}
