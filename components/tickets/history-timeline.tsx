import type { HistoryLike } from "@/lib/domain/tickets/history-text";
import { HistorySentence } from "./history-sentence";
import { TimeAgo } from "@/components/ui/time-ago";

export function HistoryTimeline({ rows }: { rows: (HistoryLike & { id: string; createdAt: Date })[] }) {
  return (
    <section aria-labelledby="history-heading" className="rounded-lg bg-white p-4 shadow-xs ring-1 ring-slate-200">
      <h2 id="history-heading" className="text-sm font-semibold text-slate-900">History</h2>
      <ol className="mt-3 space-y-3 border-l border-slate-200 pl-4">
        {rows.map((h) => (
          <li key={h.id} className="relative text-sm">
            <span aria-hidden className="absolute top-1.5 -left-[21px] h-2.5 w-2.5 rounded-full bg-slate-300 ring-2 ring-white" />
            <p className="text-slate-800">
              <HistorySentence row={{ action: h.action, field: h.field, oldValue: h.oldValue, newValue: h.newValue, comment: h.comment, internal: h.internal, actor: h.actor ? { name: h.actor.name } : null }} />
              <span className="text-slate-500"> · <TimeAgo date={h.createdAt} /></span>
            </p>
            {h.comment ? <p className="mt-0.5 text-slate-600">“{h.comment}”</p> : null}
          </li>
        ))}
      </ol>
    </section>
  );
}
