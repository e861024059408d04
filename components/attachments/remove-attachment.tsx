"use client";

import { useState } from "react";
import { removeAttachmentAction } from "@/lib/actions/attachments";
import { useTicketAction } from "@/components/tickets/use-ticket-action";

/** "Remove" next to a file, then an inline confirmation: removing is for good (the audit log keeps the name). */
export function RemoveAttachment({ id, name }: { id: string; name: string }) {
  const [asking, setAsking] = useState(false);
  const { run, pending, error } = useTicketAction();

  if (!asking) {
    return (
      <button type="button" onClick={() => setAsking(true)} aria-label={`Remove ${name}`} className="shrink-0 rounded px-2 py-1 text-xs text-slate-500 hover:bg-slate-100 hover:text-red-700">
        Remove
      </button>
    );
  }
  return (
    <div role="group" aria-label={`Remove ${name}?`} className="flex shrink-0 flex-wrap items-center justify-end gap-1.5 text-xs">
      <span className="text-slate-700">Remove for everyone?</span>
      <button
        type="button"
        disabled={pending}
        onClick={() => void run(() => removeAttachmentAction({ attachmentId: id }))}
        className="rounded bg-red-600 px-2 py-1 font-medium text-white hover:bg-red-700 disabled:opacity-60"
      >
        {pending ? "Removing…" : "Remove file"}
      </button>
      <button type="button" disabled={pending} onClick={() => setAsking(false)} className="rounded px-2 py-1 text-slate-600 hover:bg-slate-100">
        Keep
      </button>
      {error ? (
        <p role="alert" className="w-full text-right text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}
