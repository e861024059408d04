import type { ReactNode } from "react";
import type { TicketDetail } from "@/lib/domain/tickets/queries";
import { PriorityLabel, StatusBadge } from "@/components/ui/badges";
import { TimeAgo } from "@/components/ui/time-ago";

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="grid grid-cols-[7.5rem_1fr] gap-2 py-1.5 text-sm">
      <dt className="text-slate-500">{label}</dt>
      <dd className="text-slate-900">{children}</dd>
    </div>
  );
}

/** The ticket's facts, for the staff page (full) and the portal (public subset). */
export function TicketDetails({ ticket, audience }: { ticket: TicketDetail; audience: "staff" | "requester" }) {
  const primary = ticket.assignees.find((a) => a.isPrimary) ?? ticket.assignees[0];
  return (
    <section aria-labelledby="details-heading" className="rounded-lg bg-white p-4 shadow-xs ring-1 ring-slate-200">
      <h2 id="details-heading" className="mb-2 text-sm font-semibold text-slate-900">Details</h2>
      <dl className="divide-y divide-slate-100">
        <Row label="Status"><StatusBadge status={ticket.status} /></Row>
        <Row label="Priority"><PriorityLabel priority={ticket.priority} /></Row>
        <Row label="Project">{ticket.project.name} <span className="text-slate-500">({ticket.project.key})</span></Row>
        <Row label="Requester">{ticket.requester.name}</Row>
        <Row label="Assignees">
          {ticket.assignees.length === 0 ? (
            <span className="text-slate-500">Unassigned</span>
          ) : (
            <ul>
              {ticket.assignees.map((a) => (
                <li key={a.userId}>
                  {a.user.name}
                  {a === primary && ticket.assignees.length > 1 ? <span className="ml-1 text-xs text-slate-500">(primary)</span> : null}
                </li>
              ))}
            </ul>
          )}
        </Row>
        {audience === "staff" ? (
          <>
            <Row label="Customer">{ticket.customer ? ticket.customer.name : <span className="text-slate-500">None</span>}</Row>
            <Row label="Watchers">{ticket.watchers.length ? ticket.watchers.map((w) => w.user.name).join(", ") : <span className="text-slate-500">None</span>}</Row>
            <Row label="Tags">
              {ticket.tags.length ? (
                <span className="flex flex-wrap gap-1">
                  {ticket.tags.map((t) => (
                    <span key={t.tagId} className="rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-700">{t.tag.name}</span>
                  ))}
                </span>
              ) : (
                <span className="text-slate-500">None</span>
              )}
            </Row>
          </>
        ) : null}
        <Row label="Created"><TimeAgo date={ticket.createdAt} /></Row>
        <Row label="Updated"><TimeAgo date={ticket.updatedAt} /></Row>
        {ticket.firstResponseAt ? <Row label="First response"><TimeAgo date={ticket.firstResponseAt} /></Row> : null}
        {ticket.resolvedAt ? <Row label="Resolved"><TimeAgo date={ticket.resolvedAt} /></Row> : null}
        {ticket.closedAt ? <Row label="Closed"><TimeAgo date={ticket.closedAt} /></Row> : null}
        {ticket.submittedAt ? <Row label="Submitted"><TimeAgo date={ticket.submittedAt} /></Row> : null}
        {ticket.approvedAt ? <Row label="Approved"><TimeAgo date={ticket.approvedAt} />{ticket.approvedBy ? ` by ${ticket.approvedBy.name}` : ""}</Row> : null}
        {ticket.dueDate ? <Row label="Due"><TimeAgo date={ticket.dueDate} /></Row> : null}
      </dl>
    </section>
  );
}
