import type { TicketDetail } from "@/lib/domain/tickets/queries";
import { StatusBadge } from "@/components/ui/badges";
import { Thread } from "./thread";
import { ReplyComposer } from "./reply-composer";
import { HistoryTimeline } from "./history-timeline";
import { TicketDetails } from "./ticket-details";

/** The ticket page body shared by the desk and the portal; `audience` decides what is offered. */
export function TicketView({ ticket, audience, allowInternal, canReply }: { ticket: TicketDetail; audience: "staff" | "requester"; allowInternal: boolean; canReply: boolean }) {
  return (
    <article className="grid gap-6 lg:grid-cols-[1fr_20rem]">
      <div className="min-w-0 space-y-6">
        <header>
          <div className="flex items-center gap-2 text-sm text-slate-500">
            <span className="font-mono">{ticket.number}</span>
            <StatusBadge status={ticket.status} />
          </div>
          <h1 className="mt-1 text-2xl font-semibold tracking-tight break-words">{ticket.title}</h1>
        </header>
        <section aria-label="Description" className="rounded-lg bg-white p-4 text-sm leading-relaxed whitespace-pre-wrap text-slate-800 shadow-xs ring-1 ring-slate-200">
          {ticket.description || <span className="text-slate-400">No description.</span>}
        </section>
        <section aria-labelledby="conversation-heading" className="space-y-4">
          <h2 id="conversation-heading" className="text-sm font-semibold text-slate-900">Conversation</h2>
          <Thread comments={ticket.comments} requesterId={ticket.requesterId} />
          {canReply ? <ReplyComposer ticketId={ticket.id} allowInternal={allowInternal} /> : null}
        </section>
      </div>
      <aside className="space-y-6">
        <TicketDetails ticket={ticket} audience={audience} />
        <HistoryTimeline rows={ticket.history} />
      </aside>
    </article>
  );
}
