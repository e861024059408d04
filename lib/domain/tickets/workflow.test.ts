import { describe, expect, it } from "vitest";
import { TicketStatus } from "@/lib/generated/prisma/enums";
import {
  CHANGE_STATUSES,
  KANBAN_STATUSES,
  SUPPORT_STATUSES,
  canTransition,
  initialStatus,
  isReplyOnlyMove,
  isTerminal,
  moveName,
  MOVE_LABELS,
  MOVES_NEEDING_REASON,
  STATUS_SORT_ORDER,
  TERMINAL_STATUSES,
} from "./workflow";

// DESIGN §3 as a list of edges, written independently of the maps.
const SUPPORT_EDGES = [
  "open>answered", "open>in_progress", "open>on_hold", "open>closed",
  "answered>in_progress", "answered>on_hold", "answered>waiting_for_response", "answered>closed",
  "waiting_for_response>answered", "waiting_for_response>in_progress", "waiting_for_response>closed",
  "on_hold>in_progress", "on_hold>answered", "on_hold>closed",
  "in_progress>resolved", "in_progress>on_hold", "in_progress>closed",
  "resolved>closed", "resolved>open",
  "closed>open",
];
const CHANGE_EDGES = [
  "draft>pending", "pending>approved", "pending>rejected", "rejected>pending", "approved>in_progress",
  "in_progress>deployed", "deployed>completed", "deployed>in_progress",
  "draft>cancelled", "pending>cancelled", "approved>cancelled", "in_progress>cancelled",
];

const pairs = (states: readonly TicketStatus[]) => states.flatMap((a) => states.map((b) => [a, b] as const));

describe("support workflow", () => {
  it.each(pairs(SUPPORT_STATUSES))("%s → %s is allowed exactly when DESIGN lists it", (from, to) => {
    expect(canTransition("support", from, to)).toBe(SUPPORT_EDGES.includes(`${from}>${to}`));
  });
  it("starts open, and only a reply reaches answered", () => {
    expect(initialStatus("support")).toBe("open");
    expect(isReplyOnlyMove("support", "answered")).toBe(true);
    expect(isReplyOnlyMove("support", "in_progress")).toBe(false);
  });
});

describe("change workflow", () => {
  it.each(pairs(CHANGE_STATUSES))("%s → %s is allowed exactly when DESIGN lists it", (from, to) => {
    expect(canTransition("change", from, to)).toBe(CHANGE_EDGES.includes(`${from}>${to}`));
  });
  it("names every move as its button says", () => {
    const named = CHANGE_EDGES.map((e) => {
      const [from, to] = e.split(">") as [TicketStatus, TicketStatus];
      return MOVE_LABELS[moveName("change", from, to)];
    });
    expect(named).toEqual([
      "Submit", "Approve", "Reject", "Resubmit", "Start", "Deploy", "Complete", "Roll back",
      "Cancel request", "Cancel request", "Cancel request", "Cancel request",
    ]);
  });
  it("reject and roll back need a reason; approve does not", () => {
    expect(MOVES_NEEDING_REASON.has("reject")).toBe(true);
    expect(MOVES_NEEDING_REASON.has("roll_back")).toBe(true);
    expect(MOVES_NEEDING_REASON.has("approve")).toBe(false);
  });
});

describe("kanban workflow", () => {
  it.each(pairs(KANBAN_STATUSES))("%s → %s moves between different columns only", (from, to) => {
    expect(canTransition("kanban", from, to)).toBe(from !== to);
  });
});

describe("across workflows", () => {
  it("never accepts a state of another workflow", () => {
    expect(canTransition("support", "draft", "pending")).toBe(false);
    expect(canTransition("change", "open", "closed")).toBe(false);
    expect(canTransition("kanban", "open", "done")).toBe(false);
  });
  it("support buttons carry the names of DESIGN §11", () => {
    expect(MOVE_LABELS[moveName("support", "open", "in_progress")]).toBe("Start");
    expect(MOVE_LABELS[moveName("support", "in_progress", "resolved")]).toBe("Resolve");
    expect(MOVE_LABELS[moveName("support", "resolved", "closed")]).toBe("Close ticket");
    expect(MOVE_LABELS[moveName("support", "closed", "open")]).toBe("Reopen");
    expect(MOVE_LABELS[moveName("support", "in_progress", "on_hold")]).toBe("Put on hold");
    expect(MOVE_LABELS[moveName("support", "answered", "waiting_for_response")]).toBe("Wait for response");
  });
  it("terminal states are closed, completed, cancelled and done", () => {
    const all = [...new Set([...SUPPORT_STATUSES, ...CHANGE_STATUSES, ...KANBAN_STATUSES])];
    expect(all.filter(isTerminal).sort()).toEqual(["cancelled", "closed", "completed", "done"]);
  });
  it("the desk's status order holds every status once, keeps each workflow's own order and ends with the terminal states", () => {
    expect([...STATUS_SORT_ORDER].sort()).toEqual(Object.values(TicketStatus).sort());
    for (const list of [SUPPORT_STATUSES, CHANGE_STATUSES, KANBAN_STATUSES]) {
      const at = list.map((s) => STATUS_SORT_ORDER.indexOf(s));
      expect(at).toEqual([...at].sort((a, b) => a - b));
    }
    expect(STATUS_SORT_ORDER.slice(-TERMINAL_STATUSES.length).every(isTerminal)).toBe(true);
  });
});
