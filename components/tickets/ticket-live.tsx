"use client";

import { useEffect, useState } from "react";
import { useRouter } from "next/navigation";
import { useLive } from "@/components/live/use-live";
import { hasUnsavedEdits, markTicketChanged, useTicketChanged } from "@/components/live/ticket-changes";
import type { LiveEvents, Viewer } from "@/lib/live/events";

/**
 * The ticket page, live: a reply or a change by someone else shows without
 * reloading — unless a form here holds unsaved edits, and then the page says
 * the ticket changed and lets the user reload when they are ready. Staff see
 * who else has the ticket open and who is writing.
 */
export function TicketLive({ number, version, staff }: { number: string; version: number; staff: boolean }) {
  const router = useRouter();
  const [viewers, setViewers] = useState<Viewer[]>([]);
  const [removed, setRemoved] = useState(false);
  const changed = useTicketChanged();
  // A fresh read of the ticket (a new version) is no longer stale.
  useEffect(() => {
    markTicketChanged(false);
    return () => markTicketChanged(false);
  }, [version]);

  function onTicket(e: LiveEvents["ticket"]) {
    if (e.kind === "removed") return setRemoved(true);
    // A reply leaves the editors as they are (they are kept by the ticket's version); a change renews them.
    if (e.kind === "changed" && hasUnsavedEdits()) return markTicketChanged(true);
    router.refresh();
  }
  useLive(
    { ticket: number },
    {
      ticket: onTicket,
      presence: (e) => setViewers(e.viewers),
      resync: () => (hasUnsavedEdits() ? markTicketChanged(true) : router.refresh()),
    },
  );

  const here = staff ? viewers : [];
  return (
    <div role="status" aria-live="polite" aria-label="Live updates" className="space-y-2 empty:hidden">
      {removed ? (
        <p className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-900 ring-1 ring-red-200">This ticket was deleted. What you write here can no longer be saved.</p>
      ) : changed ? (
        <p className="flex flex-wrap items-center justify-between gap-2 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900 ring-1 ring-amber-200">
          <span>Someone changed this ticket since you opened it. Saving your edits would be refused; reload to see the change.</span>
          <button type="button" onClick={() => router.refresh()} className="min-h-9 rounded-md bg-white px-3 font-medium text-amber-900 ring-1 ring-amber-300 hover:bg-amber-100">
            Reload ticket
          </button>
        </p>
      ) : null}
      {here.length ? (
        <p className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm text-slate-600" data-testid="ticket-presence">
          {here.map((v) => (
            <span key={v.id} className="inline-flex items-center gap-1.5">
              <span aria-hidden className={`h-2 w-2 rounded-full ${v.replying ? "animate-pulse bg-amber-500" : "bg-emerald-500"}`} />
              {v.name} is {v.replying ? "replying…" : "viewing"}
            </span>
          ))}
        </p>
      ) : null}
    </div>
  );
}
