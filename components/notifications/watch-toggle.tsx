"use client";

import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { setWatchingAction } from "@/lib/actions/notifications";

export function WatchToggle({ ticketId, watching }: { ticketId: string; watching: boolean }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [optimistic, setOptimistic] = useState<boolean | null>(null);
  const [error, setError] = useState<string | null>(null);
  const on = optimistic ?? watching;

  function toggle() {
    const next = !on;
    setError(null);
    setOptimistic(next);
    startTransition(async () => {
      const res = await setWatchingAction({ ticketId, watch: next });
      if (!res.ok) setError(res.message);
      router.refresh();
      setOptimistic(null);
    });
  }

  return (
    <span className="inline-flex items-center gap-2">
      <button
        type="button"
        onClick={toggle}
        disabled={pending}
        title={on ? "Stop getting updates about this ticket" : "Get updates about this ticket"}
        className={`inline-flex items-center gap-1.5 rounded-md px-2.5 py-1 text-sm font-medium ring-1 ring-inset transition disabled:opacity-60 max-md:min-h-11 ${on ? "bg-brand-50 text-brand-700 ring-brand-600/30 hover:bg-brand-100" : "bg-white text-slate-700 ring-slate-300 hover:bg-slate-50"}`}
      >
        <svg aria-hidden viewBox="0 0 20 20" fill="currentColor" className="h-4 w-4">
          <path d="M10 4C5.5 4 2.3 7.4 1.2 9.6a.9.9 0 0 0 0 .8C2.3 12.6 5.5 16 10 16s7.7-3.4 8.8-5.6a.9.9 0 0 0 0-.8C17.7 7.4 14.5 4 10 4Zm0 9.5a3.5 3.5 0 1 1 0-7 3.5 3.5 0 0 1 0 7Zm0-5.5a2 2 0 1 0 0 4 2 2 0 0 0 0-4Z" />
        </svg>
        {on ? "Unwatch" : "Watch"}
      </button>
      {error ? (
        <span role="alert" className="text-sm text-red-600">
          {error}
        </span>
      ) : null}
    </span>
  );
}
