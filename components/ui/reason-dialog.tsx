"use client";

import { useEffect, useId, useRef, useState } from "react";
import { Button } from "./button";
import { inputClass } from "./field";

/** A modal asking for the reason of a move (reject, roll back): field "Reason", button "Confirm". */
export function ReasonDialog({
  open,
  title,
  onConfirm,
  onClose,
  pending,
  error,
}: {
  open: boolean;
  title: string;
  onConfirm: (reason: string) => void;
  onClose: () => void;
  pending: boolean;
  error?: string | null;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const [reason, setReason] = useState("");
  const [missing, setMissing] = useState(false);
  // Several dialogs can be on one page: ids must be unique for labels to work.
  const uid = useId();
  const [titleId, fieldId, errorId] = [`${uid}-title`, `${uid}-reason`, `${uid}-error`];

  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) {
      setReason("");
      setMissing(false);
      d.showModal();
    }
    if (!open && d.open) d.close();
  }, [open]);

  return (
    <dialog
      ref={ref}
      onClose={onClose}
      role="dialog"
      aria-modal="true"
      aria-labelledby={titleId}
      className="m-auto w-full max-w-md rounded-xl p-0 shadow-xl backdrop:bg-slate-900/40"
    >
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (!reason.trim()) {
            setMissing(true);
            return;
          }
          onConfirm(reason.trim());
        }}
        className="space-y-4 p-6"
      >
        <h2 id={titleId} className="text-base font-semibold">
          {title}
        </h2>
        <div>
          <label htmlFor={fieldId} className="block text-sm font-medium text-slate-800">
            Reason
          </label>
          <textarea
            id={fieldId}
            rows={4}
            value={reason}
            onChange={(e) => {
              setReason(e.target.value);
              setMissing(false);
            }}
            aria-invalid={missing || !!error || undefined}
            aria-describedby={missing || error ? errorId : undefined}
            className={`${inputClass} mt-1.5`}
          />
          {missing || error ? (
            <p id={errorId} className="mt-1 text-sm text-red-600">
              {missing ? "A reason is required." : error}
            </p>
          ) : null}
        </div>
        <div className="flex justify-end gap-2">
          <Button type="button" variant="secondary" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" disabled={pending}>
            {pending ? "Working…" : "Confirm"}
          </Button>
        </div>
      </form>
    </dialog>
  );
}
