import type { Importance, Priority, TicketType, Urgency } from "@/lib/generated/prisma/enums";

// What people read for the ticket's enum values (forms, badges, history).
// Statuses have theirs in workflow.ts (STATUS_LABELS).

export const PRIORITY_LABELS: Record<Priority, string> = { low: "Low", normal: "Normal", high: "High", critical: "Critical" };
export const URGENCY_LABELS: Record<Urgency, string> = { low: "Low", normal: "Normal", high: "High" };
export const IMPORTANCE_LABELS: Record<Importance, string> = { low: "Low", normal: "Normal", high: "High", critical: "Critical" };
export const TYPE_LABELS: Record<TicketType, string> = {
  request: "Request",
  incident: "Incident",
  problem: "Problem",
  question: "Question",
  change: "Change",
  task: "Task",
  bug: "Bug",
  story: "Story",
  epic: "Epic",
};

/** A duration in minutes as people say it: "45 min", "2 h", "1 h 30 min", "2 d 4 h" (a day is 24 h). */
export function formatMinutes(total: number): string {
  if (!Number.isFinite(total) || total < 0) return String(total);
  const m = Math.round(total);
  const days = Math.floor(m / 1440);
  const hours = Math.floor((m % 1440) / 60);
  const minutes = m % 60;
  const parts = [days ? `${days} d` : "", hours ? `${hours} h` : "", minutes || m === 0 ? `${minutes} min` : ""];
  return parts.filter(Boolean).join(" ");
}

/** The service-level targets a ticket's clock measures, as a sentence names them. */
export const SLA_METRIC_LABELS: Record<string, string> = {
  first_response: "first response", firstResponse: "first response",
  next_response: "next response", nextResponse: "next response",
  resolution: "resolution",
};

/** The label of `value` in `labels`, or the value itself when it names none (an old row). */
export function labelOf(labels: Record<string, string>, value: string): string {
  return Object.hasOwn(labels, value) ? labels[value]! : value;
}
