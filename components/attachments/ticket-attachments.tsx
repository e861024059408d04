import type { UploadLimits } from "@/lib/domain/attachments/config";
import { AttachmentList } from "./attachment-list";
import { TicketUpload } from "./ticket-upload";
import type { AttachmentItem } from "./items";

/** The ticket page's "Attachments" section: every file the viewer may see, and the picker when they may attach. */
export function TicketAttachments({ ticketId, items, limits }: { ticketId: string; items: AttachmentItem[]; limits: UploadLimits | null }) {
  return (
    <section aria-label="Attachments" className="space-y-3 rounded-lg bg-white p-4 shadow-xs ring-1 ring-slate-200">
      <h2 className="text-sm font-semibold text-slate-900">
        Attachments {items.length ? <span className="font-normal text-slate-500">({items.length})</span> : null}
      </h2>
      {items.length ? <AttachmentList items={items} /> : <p className="text-sm text-slate-500">No files yet.</p>}
      {limits ? <TicketUpload ticketId={ticketId} limits={limits} /> : null}
    </section>
  );
}
