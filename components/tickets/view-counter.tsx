"use client";

import { useEffect, useRef, useState } from "react";
import { recordTicketViewAction } from "@/lib/actions/comments";

/**
 * Counts this view of the ticket page once per visit (not on the refreshes
 * that follow the viewer's own actions, nor on link prefetches) and, when
 * `show`, displays "N views". `initial` is the count before this view.
 */
export function ViewCounter({ ticketId, initial, show }: { ticketId: string; initial: number; show: boolean }) {
  const [views, setViews] = useState(initial + 1);
  const sent = useRef<string | null>(null);
  useEffect(() => {
    if (sent.current === ticketId) return;
    sent.current = ticketId;
    void recordTicketViewAction({ ticketId }).then((res) => {
      if (res.ok) setViews(res.data.views);
    });
  }, [ticketId]);
  if (!show) return null;
  return <span data-testid="view-count">· {views.toLocaleString("en")} {views === 1 ? "view" : "views"}</span>;
}
