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

/** (rank, id) order, as the board reads columns (ranks compare byte-wise). */
function before(a: { rank: string; id: string }, b: { rank: string; id: string }): boolean {
  return a.rank < b.rank || (a.rank === b.rank && a.id < b.id);
}

/**
 * A card as someone else left it (a live board): `found` is where the server
 * now shows it to this viewer, null when it no longer does (moved out of
 * scope or the filters, deleted). The card goes where its rank puts it among
 * the cards loaded; past the last loaded card of a column with more to load,
 * it is not shown (its page will bring it). A column's total follows a card
 * that leaves it; the canvas asks the server for totals whenever a card it
 * did not hold arrives (board-canvas.tsx), so none is guessed here.
 */
export function placeRemote(columns: readonly BoardColumn[], id: string, found: { column: string; card: BoardCard } | null): BoardColumn[] {
  const from = locate(columns, id);
  const target = found ? columns.find((c) => c.key === found.column) : undefined;
  if (!found || !target) {
    if (!from) return [...columns];
    return columns.map((c) =>
      c.key === from.column.key ? { ...c, cards: othersIn(c, id), total: c.totalCapped ? c.total : Math.max(0, c.total - 1) } : c,
    );
  }
  const others = othersIn(target, id);
  let index = others.findIndex((c) => before(found.card, c));
  if (index < 0) index = others.length;
  const inLoaded = index < others.length || target.nextCursor === null;
  if (!inLoaded) {
    // Past the loaded cards: left to "Load more"; its old place loses it.
    const next = from ? columns.map((c) => (c.key === from.column.key ? { ...c, cards: othersIn(c, id) } : c)) : [...columns];
    return next;
  }
  return placeCard(columns, found.card, { column: target.key, index });
}

/** Column totals as the server counted them. */
export function withTotals(columns: readonly BoardColumn[], totals: readonly { key: string; total: number; totalCapped: boolean }[]): BoardColumn[] {
  const byKey = new Map(totals.map((t) => [t.key, t]));
  return columns.map((c) => {
    const t = byKey.get(c.key);
    return t && (t.total !== c.total || t.totalCapped !== c.totalCapped) ? { ...c, total: t.total, totalCapped: t.totalCapped } : c;
  });
}
