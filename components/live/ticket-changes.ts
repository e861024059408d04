"use client";

import { useEffect, useSyncExternalStore } from "react";

/*
 * A ticket page's forms and its live stream meet here. A form with unsaved
 * edits says so (useUnsavedEdits); when someone else changes the ticket, the
 * page then does not re-render under the user (the editors start again from
 * the new version) but marks the ticket changed, and each form with edits
 * says so before its user saves (useTicketChanged).
 */

const dirty = new Set<string>();
let changed = false;
const listeners = new Set<() => void>();
const emit = () => listeners.forEach((l) => l());

/** Whether any form of the page holds unsaved edits. */
export function hasUnsavedEdits(): boolean {
  return dirty.size > 0;
}

/** A form reports whether it holds unsaved edits (cleared when it unmounts). */
export function useUnsavedEdits(key: string, unsaved: boolean): void {
  useEffect(() => {
    if (unsaved) dirty.add(key);
    else dirty.delete(key);
    return () => {
      dirty.delete(key);
    };
  }, [key, unsaved]);
}

/** Someone changed the ticket since the page was read (reset when the page reads it again). */
export function markTicketChanged(value: boolean): void {
  if (changed === value) return;
  changed = value;
  emit();
}

export function useTicketChanged(): boolean {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => changed,
    () => false,
  );
}
