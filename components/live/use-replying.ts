"use client";

import { useEffect } from "react";

/** While writing, the signal is renewed this often (the others forget it after 20 s). */
const RENEW_MS = 10_000;

function say(ticketId: string, replying: boolean) {
  void fetch("/api/live/presence", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ ticketId, replying }),
    keepalive: true,
  }).catch(() => undefined);
}

/** A staff composer tells the others on the ticket page that its author is writing ("… is replying"), and when they stop. */
export function useReplyingSignal(ticketId: string, writing: boolean, enabled: boolean): void {
  useEffect(() => {
    if (!enabled || !writing) return;
    say(ticketId, true);
    const timer = setInterval(() => say(ticketId, true), RENEW_MS);
    return () => {
      clearInterval(timer);
      say(ticketId, false);
    };
  }, [ticketId, writing, enabled]);
}
