import { describe, expect, it } from "vitest";
import type { BoardCard, BoardColumn } from "@/lib/domain/board/board-query";
import { placeRemote, withTotals } from "./board-state";

const card = (id: string, rank: string, status = "open"): BoardCard => ({
  id,
  number: `SUP-${id}`,
  title: `Card ${id}`,
  priority: "normal",
  type: "request",
  version: 1,
  status: status as BoardCard["status"],
  columnId: null,
  rank,
  assignees: [],
  commentCount: 0,
  dueDate: null,
  overdue: false,
  movable: true,
});

const column = (key: string, cards: BoardCard[], more = false, total = cards.length + (more ? 10 : 0)): BoardColumn => ({
  key,
  label: key,
  color: null,
  category: null,
  wipLimit: null,
  total,
  totalCapped: false,
  cards,
  nextCursor: more ? "cursor" : null,
});

const ids = (c: BoardColumn) => c.cards.map((x) => x.id);

describe("placeRemote: a card as someone else left it", () => {
  const board = () => [column("open", [card("1", "a1"), card("2", "a3"), card("3", "a5")]), column("in_progress", [card("4", "a2")])];

  it("moves a card to its rank's place in another column, the totals following", () => {
    const columns = placeRemote(board(), "2", { column: "in_progress", card: card("2", "a1", "in_progress") });
    expect(ids(columns[0]!)).toEqual(["1", "3"]);
    expect(ids(columns[1]!)).toEqual(["2", "4"]);
    expect(columns.map((c) => c.total)).toEqual([2, 2]);
  });

  it("reorders within a column by rank", () => {
    const columns = placeRemote(board(), "1", { column: "open", card: card("1", "a4") });
    expect(ids(columns[0]!)).toEqual(["2", "1", "3"]);
    expect(columns[0]!.total).toBe(3);
  });

  it("drops a card the viewer no longer sees (out of scope, filtered out, deleted)", () => {
    const columns = placeRemote(board(), "3", null);
    expect(ids(columns[0]!)).toEqual(["1", "2"]);
    expect(columns[0]!.total).toBe(2);
  });

  it("adds a new card at its rank's place", () => {
    const columns = placeRemote(board(), "9", { column: "open", card: card("9", "a2") });
    expect(ids(columns[0]!)).toEqual(["1", "9", "2", "3"]);
  });

  it("leaves a card past the loaded ones of a longer column to Load more", () => {
    const cols = [column("open", [card("1", "a1"), card("2", "a3")], true), column("in_progress", [card("4", "a2")])];
    const columns = placeRemote(cols, "4", { column: "open", card: card("4", "z9") });
    expect(ids(columns[0]!)).toEqual(["1", "2"]);
    expect(ids(columns[1]!)).toEqual([]);
  });

  it("withTotals takes the server's counts", () => {
    const cols = withTotals(board(), [{ key: "open", total: 1000, totalCapped: true }]);
    expect(cols[0]!.total).toBe(1000);
    expect(cols[0]!.totalCapped).toBe(true);
    expect(cols[1]!.total).toBe(1);
  });
});
