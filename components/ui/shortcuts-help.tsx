"use client";

import { useEffect, useId, useState } from "react";
import { useModalDialog } from "./use-modal-dialog";

export interface Shortcut {
  /** The keys, each shown as a key cap: ["Ctrl", "Enter"]. */
  keys: string[];
  what: string;
}

/** Where a typed character belongs to the field, not to the page. */
function typingIn(t: EventTarget | null): boolean {
  const el = t as HTMLElement | null;
  return !!el && (["INPUT", "TEXTAREA", "SELECT"].includes(el.tagName) || el.isContentEditable);
}

/**
 * "?" lists the page's keyboard shortcuts in a dialog ("Keyboard shortcuts"),
 * as in Zendesk, Jira and GitHub; Escape or "Close" closes it. A "?" typed
 * in a field is just a question mark. A small "Keyboard shortcuts" button
 * opens it too, for those who do not know to press "?".
 */
export function ShortcutsHelp({ shortcuts }: { shortcuts: Shortcut[] }) {
  const [open, setOpen] = useState(false);
  const ref = useModalDialog(open);
  const titleId = useId();
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== "?" || e.ctrlKey || e.metaKey || e.altKey || typingIn(e.target)) return;
      e.preventDefault();
      setOpen(true);
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);
  const all: Shortcut[] = [...shortcuts, { keys: ["?"], what: "Show these shortcuts" }];
  return (
    <>
      <button
        type="button"
        onClick={() => setOpen(true)}
        aria-keyshortcuts="Shift+?"
        className="inline-flex min-h-9 items-center gap-1 rounded-md px-2 text-xs text-slate-600 hover:bg-slate-100 hover:text-slate-900 max-md:hidden"
      >
        <kbd className="rounded border border-slate-300 bg-white px-1 font-sans text-[11px] text-slate-700">?</kbd>
        Keyboard shortcuts
      </button>
      <dialog
        ref={ref}
        onClose={() => setOpen(false)}
        aria-labelledby={titleId}
        className="m-auto w-full max-w-md rounded-xl p-0 shadow-xl backdrop:bg-slate-900/40"
      >
        <div className="space-y-4 p-6">
          <h2 id={titleId} className="text-base font-semibold text-slate-900">
            Keyboard shortcuts
          </h2>
          <dl className="divide-y divide-slate-100 text-sm">
            {all.map((s) => (
              <div key={s.what} className="flex items-center justify-between gap-4 py-2">
                <dt className="text-slate-700">{s.what}</dt>
                <dd className="flex shrink-0 gap-1">
                  {s.keys.map((k) => (
                    <kbd key={k} className="min-w-6 rounded border border-slate-300 bg-slate-50 px-1.5 py-0.5 text-center font-sans text-xs text-slate-800 shadow-xs">
                      {k}
                    </kbd>
                  ))}
                </dd>
              </div>
            ))}
          </dl>
          <div className="flex justify-end">
            <button type="button" onClick={() => setOpen(false)} className="min-h-9 rounded-md bg-slate-900 px-4 text-sm font-medium text-white hover:bg-slate-800">
              Close
            </button>
          </div>
        </div>
      </dialog>
    </>
  );
}
