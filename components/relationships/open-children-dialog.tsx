"use client";

import { useId } from "react";
import { Button } from "@/components/ui/button";
import { useModalDialog } from "@/components/ui/use-modal-dialog";

/** Asks before finishing a parent whose subtasks are still open, listing them; "Confirm" finishes it anyway. */
export function OpenChildrenDialog({
  open,
  action,
  items,
  pending,
  onConfirm,
  onClose,
}: {
  open: boolean;
  action: string;
  items: string[];
  pending: boolean;
  onConfirm: () => void;
  onClose: () => void;
}) {
  const ref = useModalDialog(open);
  const uid = useId();

  return (
    <dialog
      ref={ref}
      onClose={onClose}
      aria-modal="true"
      aria-labelledby={`${uid}-title`}
      aria-describedby={`${uid}-text`}
      className="m-auto w-full max-w-md rounded-xl p-0 shadow-xl backdrop:bg-slate-900/40"
    >
      <div className="space-y-4 p-6">
        <h2 id={`${uid}-title`} className="text-base font-semibold">
          {action}: some subtasks are still open
        </h2>
        <p id={`${uid}-text`} className="text-sm text-slate-700">
          These subtasks are not done yet. Do you want to continue anyway?
        </p>
        <ul aria-label="Open subtasks" className="list-disc space-y-1 pl-5 text-sm text-slate-800">
          {items.map((i) => (
            <li key={i}>{i}</li>
          ))}
        </ul>
        <div className="flex justify-end gap-2">
          <Button type="button" variant="secondary" onClick={onClose}>
            Cancel
          </Button>
          <Button type="button" disabled={pending} onClick={onConfirm}>
            {pending ? "Working…" : "Confirm"}
          </Button>
        </div>
      </div>
    </dialog>
  );
}
