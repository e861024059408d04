"use client";

import { useCallback, useEffect, useState } from "react";

export interface Toast {
  id: number;
  tone: "error" | "success";
  text: string;
}

/** The board's last message: a success fades after 5 s, a refusal after 12 s (or when dismissed). */
export function useToast() {
  const [toast, setToast] = useState<Toast | null>(null);
  const say = useCallback((tone: Toast["tone"], text: string) => setToast({ id: Date.now(), tone, text }), []);
  const dismiss = useCallback(() => setToast(null), []);
  useEffect(() => {
    if (!toast) return;
    const t = setTimeout(() => setToast((cur) => (cur?.id === toast.id ? null : cur)), toast.tone === "error" ? 12_000 : 5_000);
    return () => clearTimeout(t);
  }, [toast]);
  return { toast, say, dismiss };
}

/** Announced in place (role=status, or alert for a refusal), not through Next's route announcer. */
export function BoardToast({ toast, onDismiss }: { toast: Toast | null; onDismiss: () => void }) {
  if (!toast) return null;
  return (
    <div className="pointer-events-none fixed inset-x-0 bottom-6 z-40 flex justify-center px-4">
      <div
        role={toast.tone === "error" ? "alert" : "status"}
        data-testid="board-toast"
        className={`pointer-events-auto flex max-w-xl items-start gap-3 rounded-lg px-4 py-3 text-sm shadow-lg ring-1 ${
          toast.tone === "error" ? "bg-red-50 text-red-800 ring-red-600/20" : "bg-slate-900 text-white ring-slate-900/10"
        }`}
      >
        <p>{toast.text}</p>
        <button type="button" onClick={onDismiss} className="-mr-1 rounded px-1 opacity-70 hover:opacity-100" aria-label="Dismiss">
          ✕
        </button>
      </div>
    </div>
  );
}
