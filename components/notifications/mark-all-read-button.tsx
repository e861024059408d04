"use client";

import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { markAllNotificationsReadAction } from "@/lib/actions/notifications";

export function MarkAllReadButton({ disabled, onDone, className = "" }: { disabled?: boolean; onDone?: () => void; className?: string }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  return (
    <>
      <button
        type="button"
        disabled={disabled || pending}
        onClick={() =>
          startTransition(async () => {
            setError(null);
            const res = await markAllNotificationsReadAction({});
            if (!res.ok) {
              setError(res.message);
              return;
            }
            onDone?.();
            router.refresh();
          })
        }
        className={`rounded-md px-2 py-1 text-sm font-medium max-md:min-h-11 text-brand-700 hover:bg-brand-50 disabled:cursor-not-allowed disabled:text-slate-400 disabled:hover:bg-transparent ${className}`}
      >
        {pending ? "Marking…" : "Mark all read"}
      </button>
      {error ? (
        <span role="alert" className="text-xs text-red-600">
          {error}
        </span>
      ) : null}
    </>
  );
}
