"use client";

import { useEffect, useRef } from "react";

/** Keeps a native <dialog> shown as a modal exactly while `open` is true; returns its ref. */
export function useModalDialog(open: boolean) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [open]);
  return ref;
}
