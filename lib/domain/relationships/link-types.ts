import type { RelationshipType } from "@/lib/generated/prisma/enums";

// How a link is asked for, how it is stored and how each side reads it. Pure:
// shared by the domain functions, the pickers and the unit tests.

/** What a user asks for: "source <type> target" (A parent of B, A child of B, A duplicates B, A related to B). */
export const LINK_TYPES = ["parent", "child", "duplicate", "related"] as const satisfies readonly RelationshipType[];
export type LinkType = (typeof LINK_TYPES)[number];

/** The one row a relation is stored as. "child" never is: it is the parent's row seen from below. */
export type StoredType = Exclude<RelationshipType, "child">;
export interface StoredLink {
  sourceId: string;
  targetId: string;
  type: StoredType;
}

/**
 * The single row for "source <type> target": A child of B is stored as B —parent→ A,
 * and a related pair in one canonical direction (the smaller id first), so A~B and
 * B~A are the same row.
 */
export function normaliseLink(sourceId: string, targetId: string, type: LinkType): StoredLink {
  switch (type) {
    case "parent":
      return { sourceId, targetId, type: "parent" };
    case "child":
      return { sourceId: targetId, targetId: sourceId, type: "parent" };
    case "duplicate":
      return { sourceId, targetId, type: "duplicate" };
    case "related":
      return sourceId < targetId ? { sourceId, targetId, type: "related" } : { sourceId: targetId, targetId: sourceId, type: "related" };
  }
}

/** A stored row read from one of its tickets. */
export const LINK_SIDES = ["parent_of", "child_of", "duplicates", "duplicated_by", "related_to"] as const;
export type LinkSide = (typeof LINK_SIDES)[number];

export const SIDE_LABELS: Record<LinkSide, string> = {
  parent_of: "Parent of",
  child_of: "Child of",
  duplicates: "Duplicates",
  duplicated_by: "Duplicated by",
  related_to: "Related to",
};

/** How the row reads from `viewedFrom` (one of its two tickets). */
export function sideOf(row: { sourceId: string; type: RelationshipType }, viewedFrom: string): LinkSide {
  const outgoing = row.sourceId === viewedFrom;
  switch (row.type) {
    case "parent":
      return outgoing ? "parent_of" : "child_of";
    // A stored child row (never written by this code) reads as its mirror.
    case "child":
      return outgoing ? "child_of" : "parent_of";
    case "duplicate":
      return outgoing ? "duplicates" : "duplicated_by";
    case "related":
      return "related_to";
  }
}

/** The request that makes "this ticket <side> other": what the link form sends. */
export function requestForSide(side: LinkSide, thisId: string, otherId: string): { sourceId: string; targetId: string; type: LinkType } {
  switch (side) {
    case "parent_of":
      return { sourceId: thisId, targetId: otherId, type: "parent" };
    case "child_of":
      return { sourceId: thisId, targetId: otherId, type: "child" };
    case "duplicates":
      return { sourceId: thisId, targetId: otherId, type: "duplicate" };
    case "duplicated_by":
      return { sourceId: otherId, targetId: thisId, type: "duplicate" };
    case "related_to":
      return { sourceId: thisId, targetId: otherId, type: "related" };
  }
}

export function isLinkSide(v: string | null | undefined): v is LinkSide {
  return !!v && v in SIDE_LABELS;
}

/** The field-error key of "this parent still has open subtasks": the ticket page asks to confirm (open-children.ts). */
export const CONFIRM_OPEN_CHILDREN = "confirmOpenChildren";

export interface SubtaskProgress {
  done: number;
  total: number;
}

/** "3 of 5 done": done means a terminal status (closed, completed, cancelled, done). */
export function subtaskProgress(children: readonly { ticket: { done: boolean } }[]): SubtaskProgress {
  return { done: children.filter((c) => c.ticket.done).length, total: children.length };
}

export function progressText(p: SubtaskProgress): string {
  return `${p.done} of ${p.total} done`;
}
