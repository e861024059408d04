import type { TicketStatus, WorkflowKind, ColumnCategory } from "@/lib/generated/prisma/enums";

// The three workflows as typed transition maps (DESIGN §3). The map says which
// moves exist; policy.ts and transition functions say who may make them.

export const SUPPORT_STATUSES = ["open", "answered", "in_progress", "on_hold", "waiting_for_response", "resolved", "closed"] as const;
export type SupportStatus = (typeof SUPPORT_STATUSES)[number];

export const CHANGE_STATUSES = ["draft", "pending", "approved", "rejected", "in_progress", "deployed", "completed", "cancelled"] as const;
export type ChangeStatus = (typeof CHANGE_STATUSES)[number];

export const KANBAN_STATUSES = ["todo", "in_progress", "review", "done"] as const satisfies readonly ColumnCategory[];
export type KanbanStatus = (typeof KANBAN_STATUSES)[number];

export const SUPPORT_TRANSITIONS = {
  open: ["answered", "in_progress", "on_hold", "closed"],
  answered: ["in_progress", "on_hold", "waiting_for_response", "closed"],
  waiting_for_response: ["answered", "in_progress", "closed"],
  on_hold: ["in_progress", "answered", "closed"],
  in_progress: ["resolved", "on_hold", "closed"],
  resolved: ["closed", "open"],
  closed: ["open"],
} as const satisfies Record<SupportStatus, readonly SupportStatus[]>;

export const CHANGE_TRANSITIONS = {
  draft: ["pending", "cancelled"],
  pending: ["approved", "rejected", "cancelled"],
  rejected: ["pending"],
  approved: ["in_progress", "cancelled"],
  in_progress: ["deployed", "cancelled"],
  deployed: ["completed", "in_progress"],
  completed: [],
  cancelled: [],
} as const satisfies Record<ChangeStatus, readonly ChangeStatus[]>;

/** Kanban cards move freely between columns; the column's category is the status. */
export const KANBAN_TRANSITIONS = {
  todo: ["in_progress", "review", "done"],
  in_progress: ["todo", "review", "done"],
  review: ["todo", "in_progress", "done"],
  done: ["todo", "in_progress", "review"],
} as const satisfies Record<KanbanStatus, readonly KanbanStatus[]>;

const MAPS: Record<WorkflowKind, Record<string, readonly string[]>> = {
  support: SUPPORT_TRANSITIONS,
  change: CHANGE_TRANSITIONS,
  kanban: KANBAN_TRANSITIONS,
};

export const WORKFLOW_STATUSES: Record<WorkflowKind, readonly TicketStatus[]> = {
  support: SUPPORT_STATUSES,
  change: CHANGE_STATUSES,
  kanban: KANBAN_STATUSES,
};

/** Whether the workflow has a move from → to. Unknown states mean no. */
export function canTransition(workflow: WorkflowKind, from: TicketStatus, to: TicketStatus): boolean {
  const moves = MAPS[workflow]?.[from];
  return !!moves && moves.includes(to);
}

export function nextStatuses(workflow: WorkflowKind, from: TicketStatus): readonly TicketStatus[] {
  return (MAPS[workflow]?.[from] ?? []) as readonly TicketStatus[];
}

export function initialStatus(workflow: WorkflowKind): TicketStatus {
  return workflow === "support" ? "open" : workflow === "change" ? "draft" : "todo";
}

/**
 * The desk's status sort (issue 14): one order over the three workflows that
 * keeps each workflow's own order (SUPPORT_STATUSES, CHANGE_STATUSES,
 * KANBAN_STATUSES), merged at in_progress, the one state they share; what
 * comes before work starts first, terminal states last. Not the enum's
 * declaration order, which puts a change's draft after a support ticket's
 * closed. workflow.test.ts holds it to every workflow.
 */
export const STATUS_SORT_ORDER = [
  "draft",
  "open",
  "todo",
  "pending",
  "approved",
  "rejected",
  "answered",
  "in_progress",
  "on_hold",
  "waiting_for_response",
  "review",
  "deployed",
  "resolved",
  "closed",
  "completed",
  "done",
  "cancelled",
] as const satisfies readonly TicketStatus[];

/** Terminal states: no more work expected (the desk's boxes count the others). */
export const TERMINAL_STATUSES = ["closed", "completed", "cancelled", "done"] as const satisfies readonly TicketStatus[];
export function isTerminal(status: TicketStatus): boolean {
  return (TERMINAL_STATUSES as readonly string[]).includes(status);
}

/** A move's name: what its button says (DESIGN §11). */
export type MoveName =
  | "submit"
  | "resubmit"
  | "approve"
  | "reject"
  | "start"
  | "deploy"
  | "roll_back"
  | "complete"
  | "cancel"
  | "resolve"
  | "close"
  | "reopen"
  | "hold"
  | "wait"
  | "answer"
  | "move";

export const MOVE_LABELS: Record<MoveName, string> = {
  submit: "Submit",
  resubmit: "Resubmit",
  approve: "Approve",
  reject: "Reject",
  start: "Start",
  deploy: "Deploy",
  roll_back: "Roll back",
  complete: "Complete",
  cancel: "Cancel request",
  resolve: "Resolve",
  close: "Close ticket",
  reopen: "Reopen",
  hold: "Put on hold",
  wait: "Wait for response",
  answer: "Answer",
  move: "Move to",
};

/** Moves that must carry a reason (asked for in a dialog). */
export const MOVES_NEEDING_REASON: ReadonlySet<MoveName> = new Set(["reject", "roll_back"]);

/** Names the move from → to; assumes canTransition() holds. */
export function moveName(workflow: WorkflowKind, from: TicketStatus, to: TicketStatus): MoveName {
  if (workflow === "kanban") return "move";
  if (workflow === "change") {
    if (to === "pending") return from === "rejected" ? "resubmit" : "submit";
    if (to === "approved") return "approve";
    if (to === "rejected") return "reject";
    if (to === "in_progress") return from === "deployed" ? "roll_back" : "start";
    if (to === "deployed") return "deploy";
    if (to === "completed") return "complete";
    return "cancel";
  }
  switch (to) {
    case "in_progress":
      return "start";
    case "resolved":
      return "resolve";
    case "closed":
      return "close";
    case "open":
      return "reopen";
    case "on_hold":
      return "hold";
    case "waiting_for_response":
      return "wait";
    default:
      return "answer";
  }
}

/** `answered` is reached only by a public staff reply, never by a button. */
export function isReplyOnlyMove(workflow: WorkflowKind, to: TicketStatus): boolean {
  return workflow === "support" && to === "answered";
}

export const STATUS_LABELS: Record<TicketStatus, string> = {
  open: "Open",
  answered: "Answered",
  in_progress: "In progress",
  on_hold: "On hold",
  waiting_for_response: "Waiting for response",
  resolved: "Resolved",
  closed: "Closed",
  draft: "Draft",
  pending: "Pending",
  approved: "Approved",
  rejected: "Rejected",
  deployed: "Deployed",
  completed: "Completed",
  cancelled: "Cancelled",
  todo: "To do",
  review: "Review",
  done: "Done",
};
