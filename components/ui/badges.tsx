import type { Priority, TicketStatus } from "@/lib/generated/prisma/enums";
import { STATUS_LABELS } from "@/lib/domain/tickets/workflow";
import { PRIORITY_LABELS } from "@/lib/domain/tickets/labels";

const STATUS_TONE: Record<TicketStatus, string> = {
  open: "bg-sky-50 text-sky-700 ring-sky-600/20",
  answered: "bg-violet-50 text-violet-700 ring-violet-600/20",
  in_progress: "bg-amber-50 text-amber-800 ring-amber-600/20",
  on_hold: "bg-slate-100 text-slate-700 ring-slate-500/20",
  waiting_for_response: "bg-orange-50 text-orange-700 ring-orange-600/20",
  resolved: "bg-emerald-50 text-emerald-700 ring-emerald-600/20",
  closed: "bg-slate-100 text-slate-600 ring-slate-500/20",
  draft: "bg-slate-100 text-slate-700 ring-slate-500/20",
  pending: "bg-sky-50 text-sky-700 ring-sky-600/20",
  approved: "bg-emerald-50 text-emerald-700 ring-emerald-600/20",
  rejected: "bg-red-50 text-red-700 ring-red-600/20",
  deployed: "bg-indigo-50 text-indigo-700 ring-indigo-600/20",
  completed: "bg-emerald-50 text-emerald-800 ring-emerald-600/20",
  cancelled: "bg-slate-100 text-slate-600 ring-slate-500/20",
  todo: "bg-slate-100 text-slate-700 ring-slate-500/20",
  review: "bg-violet-50 text-violet-700 ring-violet-600/20",
  done: "bg-emerald-50 text-emerald-700 ring-emerald-600/20",
};

export function StatusBadge({ status }: { status: TicketStatus }) {
  return (
    <span className={`inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset whitespace-nowrap ${STATUS_TONE[status]}`}>
      {STATUS_LABELS[status]}
    </span>
  );
}

/** A plain grey label beside a name: "Retired", "Archived", "Deactivated". */
export function MutedBadge({ children }: { children: React.ReactNode }) {
  return <span className="inline-flex items-center rounded-full bg-slate-100 px-2 py-0.5 text-xs font-medium whitespace-nowrap text-slate-600 ring-1 ring-slate-500/20 ring-inset">{children}</span>;
}

const PRIORITY_TONE: Record<Priority, string> = {
  low: "text-slate-500",
  normal: "text-slate-700",
  high: "text-orange-700",
  critical: "text-red-600 font-semibold",
};
export const PRIORITY_DOT: Record<Priority, string> = {
  low: "bg-slate-300",
  normal: "bg-sky-400",
  high: "bg-orange-500",
  critical: "bg-red-600",
};

export { PRIORITY_LABELS };

export function PriorityLabel({ priority }: { priority: Priority }) {
  return (
    <span className={`inline-flex items-center gap-1.5 text-sm ${PRIORITY_TONE[priority]}`}>
      <span aria-hidden className={`h-2 w-2 rounded-full ${PRIORITY_DOT[priority]}`} />
      {PRIORITY_LABELS[priority]}
    </span>
  );
}
