import { generateKeyBetween } from "fractional-indexing";

// Board ranks are fractional-indexing keys (base 62, ASCII), stored in a
// VARCHAR(64) COLLATE "C" column: PostgreSQL and JavaScript's `<` order them
// the same way, byte by byte. Pure: the board's client code uses it too.

export const RANK_MAX = 64;

/** Whether `rank` is a key fractional-indexing accepts (a malformed one would break every later reorder). */
export function isValidRank(rank: string): boolean {
  if (rank.length === 0 || rank.length > RANK_MAX || !/^[0-9A-Za-z]+$/.test(rank)) return false;
  try {
    generateKeyBetween(rank, null);
    return true;
  } catch {
    return false;
  }
}

/**
 * The rank for a card dropped at `index` of a column whose other cards have
 * `ranks`, in board order. When its two neighbours share a rank (every ticket
 * starts at "a0") no key fits between them: the card then goes right after
 * that group of equal ranks, the nearest place one key can express.
 */
export function rankForIndex(ranks: readonly string[], index: number): string {
  const lower = index > 0 ? (ranks[index - 1] ?? null) : null;
  let upper: string | null = ranks[index] ?? null;
  if (lower !== null && upper !== null && !(lower < upper)) upper = ranks.slice(index).find((r) => r > lower) ?? null;
  return generateKeyBetween(lower, upper);
}

/** The rank of a card placed after `last` (the column's last rank, if any): a key of its own at the bottom. */
export function rankAfter(last: string | null): string {
  return generateKeyBetween(last !== null && isValidRank(last) ? last : null, null);
}
