import type { TicketDetail } from "@/lib/domain/tickets/queries";
import type { TicketControls } from "@/lib/domain/tickets/page-data";
import { StatusBadge, PriorityLabel } from "@/components/ui/badges";
import { ApprovalPanel } from "@/components/changes/approval-panel";
import { ItemsPanel } from "@/components/changes/items-panel";
import { ItemsTable } from "@/components/changes/items-table";
import { Thread } from "./thread";
import { ReplyComposer } from "./reply-composer";
import { HistoryTimeline } from "./history-timeline";
import { TicketDetails } from "./ticket-details";
import { TicketActions } from "./ticket-actions";
import { FieldsEditor } from "./fields-editor";
import { AssigneesEditor } from "./assignees-editor";
import { TeamPanel } from "./team-panel";
import { DeleteTicketButton } from "./delete-ticket-button";
import { TicketAttachments } from "@/components/attachments/ticket-attachments";
import { attachmentItems, withAttachments } from "@/components/attachments/items";
import { organizationUploadLimits } from "@/lib/domain/attachments/organization-limits";
import { WatchButton } from "@/components/notifications/watch-button";
import { RelationshipSections } from "@/components/relationships/relationship-sections";
import type { TicketRelationships } from "@/lib/domain/relationships/list-links";
import { Markdown } from "@/components/ui/markdown";
import { ViewCounter } from "./view-counter";
import { TicketLive } from "./ticket-live";
import { ShortcutsHelp } from "@/components/ui/shortcuts-help";

const TICKET_SHORTCUTS = [
  { keys: ["r"], what: "Write a reply" },
  { keys: ["Ctrl", "Enter"], what: "Send the reply (⌘ Enter on a Mac)" },
];
import type { ComposerOptions } from "@/lib/domain/comments/composer-options";

function itemSummary(items: TicketDetail["items"]) {
  const invalid = items.filter((i) => i.validationStatus === "invalid").length;
  const warnings = items.filter((i) => i.validationStatus === "warning").length;
  return `${items.length} item${items.length === 1 ? "" : "s"}${invalid ? `, ${invalid} invalid` : ""}${warnings ? `, ${warnings} with warnings` : ""}`;
}

/** The ticket page body shared by the desk and the portal; `controls` are exactly what this user may do. */
export async function TicketView({
  ticket,
  controls,
  audience,
  relationships,
  viewerId,
  composer,
}: {
  ticket: TicketDetail;
  controls: TicketControls;
  audience: "staff" | "requester";
  /** Links and subtasks this viewer may see (lib/domain/relationships/list-links.ts). */
  relationships?: TicketRelationships;
  /** The signed-in user: authors edit their own comments. */
  viewerId?: string;
  /** Staff reply tools (canned responses, @mentions). */
  composer?: ComposerOptions;
}) {
  const change = ticket.project.workflow === "change";
  const files = attachmentItems(ticket, { id: viewerId, mayRemoveAny: controls.canRemoveAnyFile });
  // What the viewer may write in the thread (lib/domain/tickets/policy.ts replyRights).
  const reply = controls.reply;
  const canWrite = reply.publicReply || reply.internalNote;
  // The organization's upload rules (/admin/settings): the hint text and the browser's pre-check.
  const limits = canWrite ? await organizationUploadLimits(ticket.organizationId) : null;
  return (
    <article className="grid gap-6 lg:grid-cols-[1fr_22rem]">
      <div className="min-w-0 space-y-6">
        <header className="space-y-3">
          <div className="flex flex-wrap items-center gap-2 text-sm text-slate-500">
            <span className="font-mono">{ticket.number}</span>
            <span data-testid="ticket-status"><StatusBadge status={ticket.status} /></span>
            <PriorityLabel priority={ticket.priority} />
            <span>· {ticket.project.name}</span>
            <ViewCounter ticketId={ticket.id} initial={ticket.viewCount} show={audience === "staff"} />
            <span className="ml-auto flex items-center gap-2">
              {canWrite ? <ShortcutsHelp shortcuts={TICKET_SHORTCUTS} /> : null}
              {/* One column below lg: the reply box is far down, past the thread. */}
              {canWrite ? (
                <a href="#reply-box" className="inline-flex items-center rounded-md bg-white px-2.5 py-1 text-sm font-medium text-brand-700 ring-1 ring-slate-300 ring-inset hover:bg-slate-50 max-md:min-h-11 lg:hidden">
                  Jump to reply
                </a>
              ) : null}
              <WatchButton ticketId={ticket.id} />
            </span>
          </div>
          <h1 className="text-2xl font-semibold tracking-tight break-words">{ticket.title}</h1>
          <TicketActions ticketId={ticket.id} version={ticket.version} moves={controls.moves} columns={controls.kanbanColumns} />
          <TicketLive number={ticket.number} version={ticket.version} staff={audience === "staff"} />
        </header>

        {ticket.status === "rejected" && ticket.rejectReason ? (
          <section aria-label="Rejection" className="rounded-lg bg-red-50 p-4 text-sm text-red-900 ring-1 ring-red-200">
            <p className="font-semibold">This change was rejected</p>
            <p className="mt-1 whitespace-pre-wrap">{ticket.rejectReason}</p>
            {audience === "requester" ? <p className="mt-2 text-red-800">Edit the request and resubmit it, or cancel it.</p> : null}
          </section>
        ) : null}

        {controls.approval ? (
          <ApprovalPanel
            ticketId={ticket.id}
            version={ticket.version}
            requesterName={ticket.requester.name}
            itemSummary={itemSummary(ticket.items)}
            canApprove={controls.approval.canApprove}
            canReject={controls.approval.canReject}
            explanation={controls.approval.explanation}
          >
            <ItemsTable items={ticket.items} />
          </ApprovalPanel>
        ) : null}

        <section aria-label="Description" className="rounded-lg bg-white p-4 text-sm leading-relaxed text-slate-800 shadow-xs ring-1 ring-slate-200">
          {ticket.description ? <Markdown source={ticket.description} /> : <span className="text-slate-500">No description.</span>}
        </section>

        <TicketAttachments ticketId={ticket.id} items={files} limits={limits} />

        {change && !controls.approval ? (
          <ItemsPanel key={ticket.version} ticketId={ticket.id} version={ticket.version} items={ticket.items} editable={controls.itemsEditable} canFulfil={controls.canFulfil} assetId={ticket.asset?.id ?? null} />
        ) : null}

        {relationships ? <RelationshipSections ticketId={ticket.id} data={relationships} audience={audience} /> : null}

        <section aria-labelledby="conversation-heading" className="space-y-4">
          <h2 id="conversation-heading" className="text-sm font-semibold text-slate-900">Conversation</h2>
          <Thread
            comments={withAttachments(ticket.comments, files)}
            requesterId={ticket.requesterId}
            viewer={viewerId ? { id: viewerId, canMarkSolution: audience === "staff" } : undefined}
          />
          {canWrite ? (
            <ReplyComposer
              ticketId={ticket.id}
              allowPublic={reply.publicReply}
              allowInternal={reply.internalNote}
              uploadLimits={limits}
              cannedResponses={composer?.cannedResponses}
              announce={audience === "staff"}
            />
          ) : null}
        </section>
      </div>
      <aside className="space-y-6">
        <TicketDetails ticket={ticket} audience={audience} />
        {audience === "staff" ? <TeamPanel key={`t-${ticket.version}`} ticketId={ticket.id} version={ticket.version} team={controls.team} /> : null}
        {audience === "staff" ? (
          <AssigneesEditor
            key={`a-${ticket.version}`}
            ticketId={ticket.id}
            version={ticket.version}
            current={ticket.assignees.map((a) => ({ userId: a.userId, name: a.user.name, isPrimary: a.isPrimary }))}
            canAssign={controls.canAssign}
            canAccept={controls.canAccept}
            canTransfer={controls.canTransfer}
            acceptedBy={ticket.acceptedBy?.name ?? null}
          />
        ) : null}
        {/* Rendered (and its props sent to the browser) only for those who may edit. */}
        {controls.writable.length ? (
          <FieldsEditor key={`f-${ticket.version}`} ticket={ticket} writable={controls.writable} />
        ) : null}
        <HistoryTimeline rows={ticket.history} />
        {audience === "staff" && controls.canDelete ? <DeleteTicketButton ticketId={ticket.id} number={ticket.number} version={ticket.version} /> : null}
      </aside>
    </article>
  );
}
