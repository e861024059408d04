"use client";

import { useEffect, useEffectEvent, useRef, useState } from "react";

/** One result of a picker's search: people (id, name) or tags (the name is the id). */
export interface Choice {
  id: string;
  name: string;
}

/** People pickers read better with this name. */
export type Person = Choice;

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

/** The query string of GET /api/tags/search. */
export function tagSearchUrl(q: string): string {
  const term = q.trim().slice(0, 50);
  return `/api/tags/search${term ? `?${new URLSearchParams({ q: term })}` : ""}`;
}

/** The query string of GET /api/assets/search. */
export function assetSearchUrl(q: string): string {
  const term = q.trim().slice(0, 100);
  return `/api/assets/search${term ? `?${new URLSearchParams({ q: term })}` : ""}`;
}

/** The query string of GET /api/customers/search. */
export function customerSearchUrl(q: string): string {
  const term = q.trim().slice(0, 100);
  return `/api/customers/search${term ? `?${new URLSearchParams({ q: term })}` : ""}`;
}

/** The query string of GET /api/canned-responses/search. */
export function cannedResponseSearchUrl(q: string): string {
  const term = q.trim().slice(0, 100);
  return `/api/canned-responses/search${term ? `?${new URLSearchParams({ q: term })}` : ""}`;
}

/**
 * Asks the server (a GET route answering `{ results }`) as the user types:
 * debounced, and a late answer to an older query never replaces a newer one.
 */
export function useRemoteSearch<T = Choice>({ url, enabled, delayMs = 150, onResults }: { url: string; enabled: boolean; delayMs?: number; onResults?: () => void }) {
  const [results, setResults] = useState<T[]>([]);
  // The route said there are others beyond the limit (`more: true`): typing narrows.
  const [more, setMore] = useState(false);
  // The latest callback, without restarting the search when it changes.
  const resultsArrived = useEffectEvent(() => onResults?.());
  // Each time the search is enabled is a new round: its first answer is awaited again.
  const [round, setRound] = useState({ enabled, n: 0 });
  if (round.enabled !== enabled) setRound({ enabled, n: enabled ? round.n + 1 : round.n });
  // How the last request ended; the status is derived from it during render
  // (idle when disabled, loading until the current url of this round answers).
  const [settled, setSettled] = useState<{ url: string; round: number; status: "done" | "error" } | null>(null);
  const latest = useRef(0);

  const current = round.n;
  useEffect(() => {
    if (!enabled) return;
    const ticket = ++latest.current;
    const controller = new AbortController();
    const timer = setTimeout(async () => {
      try {
        const res = await fetch(url, { signal: controller.signal, headers: { Accept: "application/json" } });
        const body = (await res.json()) as { results?: T[]; more?: boolean };
        if (ticket !== latest.current) return;
        setResults(res.ok ? (body.results ?? []) : []);
        setMore(res.ok && body.more === true);
        setSettled({ url, round: current, status: res.ok ? "done" : "error" });
        resultsArrived();
      } catch {
        if (ticket === latest.current && !controller.signal.aborted) setSettled({ url, round: current, status: "error" });
      }
    }, delayMs);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [url, enabled, delayMs, current]);

  const status: SearchStatus = !enabled ? "idle" : settled && settled.url === url && settled.round === current ? settled.status : "loading";
  return { results, status, more };
}
