import type { HistoryAction, TicketStatus } from "@/lib/generated/prisma/enums";
import { STATUS_LABELS } from "./workflow";
import { isLinkSide, SIDE_LABELS } from "@/lib/domain/relationships/link-types";
import { teamPhrase } from "@/lib/validation/teams";
import { formatCalendarDay, formatDateTime, zoneLabel } from "@/lib/dates";
import { formatMinutes, IMPORTANCE_LABELS, labelOf, PRIORITY_LABELS, SLA_METRIC_LABELS, TYPE_LABELS, URGENCY_LABELS } from "./labels";

export interface HistoryLike {
  action: HistoryAction;
  field: string | null;
  oldValue: string | null;
  newValue: string | null;
  comment: string | null;
  internal: boolean;
  actor: { name: string } | null;
}

const FIELD_LABELS: Record<string, string> = {
  title: "the title",
  description: "the description",
  priority: "priority",
  type: "type",
  dueDate: "the due date",
  startDate: "the start date",
  urgency: "urgency",
  importance: "importance",
  scheduledAt: "the scheduled date",
  estimatedMinutes: "the estimated duration",
  deploymentNotes: "the deployment notes",
  reviewer: "the final reviewer",
  asset: "the target asset",
  customer: "the customer",
};

/** Fields whose values are long texts or ids: the sentence names the change, not the values. */
const UNQUOTED_FIELDS = new Set(["description", "deploymentNotes", "reviewerId", "assetId"]);
const LEGACY_FIELD_LABELS: Record<string, string> = { reviewerId: "the final reviewer", assetId: "the target asset" };

/** A calendar date (stored as its UTC midnight) as people read it: "5 Dec 2026". */
function calendarDay(v: string): string {
  const d = new Date(v);
  return Number.isNaN(d.getTime()) ? v : formatCalendarDay(d);
}

/** An instant in the viewer's time zone: "2026-12-05 14:00 CET". */
function instant(v: string, timeZone: string): string {
  const d = new Date(v);
  return Number.isNaN(d.getTime()) ? v : `${formatDateTime(d, timeZone)} ${zoneLabel(d, timeZone)}`;
}

/** A stored value as people read it: labels for codes, dates in their zone, durations in words. */
function fieldValue(field: string | null, v: string, timeZone: string): string {
  switch (field) {
    case "priority":
      return labelOf(PRIORITY_LABELS, v);
    case "urgency":
      return labelOf(URGENCY_LABELS, v);
    case "importance":
      return labelOf(IMPORTANCE_LABELS, v);
    case "type":
      return labelOf(TYPE_LABELS, v);
    case "dueDate":
    case "startDate":
      return calendarDay(v);
    case "scheduledAt":
      return instant(v, timeZone);
    case "estimatedMinutes":
      return /^\d+$/.test(v) ? formatMinutes(Number(v)) : v;
    default:
      return v;
  }
}

function status(v: string | null): string {
  return v && v in STATUS_LABELS ? STATUS_LABELS[v as TicketStatus] : (v ?? "nothing");
}

/** A link row's field is how it reads from this ticket: " (Duplicated by)". */
function linkSide(field: string | null): string {
  return isLinkSide(field) ? ` (${SIDE_LABELS[field]})` : "";
}

/**
 * One history row as a sentence: "Maria approved", "Sam changed status from
 * Open to Answered". Times read in `timeZone` (the viewer's; UTC by default).
 */
export function describeHistory(h: HistoryLike, { timeZone = "UTC" }: { timeZone?: string } = {}): string {
  const who = h.actor?.name ?? "The system";
  switch (h.action) {
    case "created":
      return `${who} created the ticket`;
    case "status_change":
      return `${who} changed the status from ${status(h.oldValue)} to ${status(h.newValue)}`;
    case "approved":
      return `${who} approved`;
    case "rejected":
      return `${who} rejected`;
    case "assigned":
      return `${who} assigned ${h.newValue ?? "someone"}`;
    case "unassigned":
      return `${who} unassigned ${h.oldValue ?? "someone"}`;
    case "accepted":
      // Accepted for a team: the member took the unassigned ticket on.
      return h.newValue ? `${who} accepted the ticket for ${teamPhrase(h.newValue)}` : `${who} accepted the ticket`;
    case "comment_added":
      return h.internal ? `${who} added an internal note` : `${who} replied`;
    case "comment_edited":
      return `${who} edited a comment`;
    case "attachment_added":
      return `${who} attached ${h.newValue ?? "a file"}`;
    case "attachment_removed":
      return `${who} removed ${h.oldValue ?? "a file"}`;
    case "relationship_created":
      return `${who} linked ${h.newValue ?? "a ticket"}${linkSide(h.field)}`;
    case "relationship_deleted":
      return `${who} unlinked ${h.oldValue ?? "a ticket"}${linkSide(h.field)}`;
    case "item_added":
      return `${who} added an item${h.newValue ? `: ${h.newValue}` : ""}`;
    case "item_updated":
      return `${who} changed an item${h.newValue ? `: ${h.newValue}` : ""}`;
    case "item_removed":
      return `${who} removed an item${h.oldValue ? `: ${h.oldValue}` : ""}`;
    case "item_fulfilled":
      return `${who} fulfilled an item${h.newValue ? `: ${h.newValue}` : ""}`;
    case "tag_added":
      return `${who} tagged it ${h.newValue}`;
    case "tag_removed":
      return `${who} removed the tag ${h.oldValue}`;
    case "watcher_added":
      return `${who} started watching`;
    case "watcher_removed":
      return `${who} stopped watching`;
    case "sla_breached":
      return h.field ? `The ${labelOf(SLA_METRIC_LABELS, h.field)} target was breached` : "The service-level target was breached";
    case "deleted":
      return `${who} deleted the ticket`;
    case "restored":
      return `${who} restored the ticket`;
    case "field_change":
      if (h.field === "firstResponseAt") return `${who} sent the first response`;
      // Values are comment ids: never print them (or any comment text).
      if (h.field === "solution") return h.newValue ? `${who} marked a reply as the solution` : `${who} unmarked the solution`;
      if (h.field === "team") {
        if (!h.newValue) return `${who} took the ticket from ${teamPhrase(h.oldValue ?? "its")}`;
        return h.oldValue ? `${who} transferred the ticket to ${teamPhrase(h.newValue)}` : `${who} gave the ticket to ${teamPhrase(h.newValue)}`;
      }
      {
        const what = FIELD_LABELS[h.field ?? ""] ?? LEGACY_FIELD_LABELS[h.field ?? ""] ?? h.field ?? "a field";
        if (UNQUOTED_FIELDS.has(h.field ?? "") || !(h.oldValue || h.newValue)) return `${who} changed ${what}`;
        const value = (v: string | null) => (v === null || v === "" ? "nothing" : fieldValue(h.field, v, timeZone));
        return `${who} changed ${what} from ${value(h.oldValue)} to ${value(h.newValue)}`;
      }
  }
}
