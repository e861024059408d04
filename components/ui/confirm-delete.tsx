"use client";

import type { ReactNode } from "react";
import { Button } from "@/components/ui/button";

/**
 * The second step of a deletion, inline where the first click was: a group
 * named "Delete <name>?" that says what goes, a danger button and "Keep".
 * The caller owns the pending state and what deleting does.
 */
export function ConfirmDelete({
  name,
  children,
  confirmLabel,
  pending,
  onConfirm,
  onKeep,
  className = "",
}: {
  /** What is deleted, as the user knows it (the group is named "Delete <name>?"). */
  name: string;
  /** What deleting does, in a sentence or two. */
  children: ReactNode;
  confirmLabel: string;
  pending: boolean;
  onConfirm: () => void;
  onKeep: () => void;
  className?: string;
}) {
  return (
    <div role="group" aria-label={`Delete ${name}?`} className={`rounded-md bg-red-50 p-3 ring-1 ring-red-200 ${className}`}>
      <p className="text-sm text-red-900">{children}</p>
      <div className="mt-2 flex gap-2">
        <Button variant="danger" disabled={pending} onClick={onConfirm}>
          {pending ? "Deleting…" : confirmLabel}
        </Button>
        <Button variant="secondary" disabled={pending} onClick={onKeep}>
          Keep
        </Button>
      </div>
    </div>
  );
}
