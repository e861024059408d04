"use client";

import { useEffect, useRef, useState } from "react";

export interface Person {
  id: string;
  name: string;
}

export type SearchStatus = "idle" | "loading" | "done" | "error";

/** The query string of GET /api/staff/search for a picker (pure, so it is unit-tested). */
export function peopleSearchUrl(q: string, opts: { ticketId?: string; limit?: number } = {}): string {
  const params = new URLSearchParams();
  const term = q.trim().slice(0, 100);
  if (term) params.set("q", term);
  if (opts.ticketId) {
    params.set("for", "mention");
    params.set("ticket", opts.ticketId);
  }
  if (opts.limit) params.set("limit", String(opts.limit));
  const s = params.toString();
  return `/api/staff/search${s ? `?${s}` : ""}`;
}

/**
 * Asks the server for people as the user types (debounced; a late answer to
 * an older query never replaces a newer one). `ticketId` asks who may be
 * @mentioned on that ticket instead of who is staff.
 */
export function usePeopleSearch({ q, enabled, ticketId, limit }: { q: string; enabled: boolean; ticketId?: string; limit?: number }) {
  const [results, setResults] = useState<Person[]>([]);
  const [status, setStatus] = useState<SearchStatus>("idle");
  const latest = useRef(0);

  useEffect(() => {
    if (!enabled) {
      setStatus("idle");
      return;
    }
    const ticket = ++latest.current;
    const controller = new AbortController();
    setStatus("loading");
    const timer = setTimeout(async () => {
      try {
        const res = await fetch(peopleSearchUrl(q, { ticketId, limit }), { signal: controller.signal, headers: { Accept: "application/json" } });
        const body = (await res.json()) as { results?: Person[] };
        if (ticket !== latest.current) return;
        setResults(res.ok ? (body.results ?? []) : []);
        setStatus(res.ok ? "done" : "error");
      } catch {
        if (ticket === latest.current && !controller.signal.aborted) setStatus("error");
      }
    }, 150);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [q, enabled, ticketId, limit]);

  return { results, status };
}
