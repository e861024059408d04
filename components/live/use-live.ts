"use client";

import { useEffect, useRef } from "react";
import { liveQueryString, type LiveEventName, type LiveEvents, type LiveTopics } from "@/lib/live/events";

/*
 * One live stream per browser tab (/api/live, server-sent events), shared by
 * every component of the page: the bell hears its notices on every page, and
 * the page adds its own topic (the ticket, the desk's view, the board, the
 * portal list). When the topics change (client navigation) the stream is
 * opened again for the new ones. A dropped stream reconnects with backoff
 * (1 s, 2 s, 4 s … 30 s, jittered); after a reconnect the page is told to
 * read again ("resync"), since notices sent meanwhile were not heard.
 */

type Handlers = { [E in LiveEventName]?: (data: LiveEvents[E]) => void };

interface Registration {
  topics: LiveTopics;
  handlers: { current: Handlers };
}

const registrations = new Set<Registration>();
let source: EventSource | null = null;
let sourceUrl = "";
let failures = 0;
let retryTimer: ReturnType<typeof setTimeout> | null = null;
let wasOpen = false;
let scheduled = false;

const EVENTS: LiveEventName[] = ["ticket", "desk", "board", "portal", "notice", "presence", "resync"];

function dispatch<E extends LiveEventName>(event: E, data: LiveEvents[E]) {
  for (const r of registrations) r.handlers.current[event]?.(data);
}

function wantedUrl(): string {
  const merged: LiveTopics = {};
  for (const r of registrations) Object.assign(merged, r.topics);
  const qs = liveQueryString(merged);
  return `/api/live${qs ? `?${qs}` : ""}`;
}

function close() {
  source?.close();
  source = null;
  sourceUrl = "";
}

function connect() {
  if (retryTimer) {
    clearTimeout(retryTimer);
    retryTimer = null;
  }
  close();
  if (registrations.size === 0 || typeof EventSource === "undefined") return;
  const url = wantedUrl();
  const es = new EventSource(url);
  source = es;
  sourceUrl = url;
  es.addEventListener("ready", () => {
    if (wasOpen && failures > 0) dispatch("resync", {});
    failures = 0;
    wasOpen = true;
  });
  for (const name of EVENTS) {
    es.addEventListener(name, (e) => {
      try {
        dispatch(name, JSON.parse((e as MessageEvent<string>).data));
      } catch {}
    });
  }
  es.onerror = () => {
    if (source !== es) return;
    // The browser would retry at a fixed pace (or never, after a refused answer): back off instead.
    close();
    failures += 1;
    const delay = Math.min(30_000, 1000 * 2 ** (failures - 1)) * (0.75 + Math.random() / 2);
    retryTimer = setTimeout(connect, delay);
  };
}

/** Opens, re-opens or closes the stream for the current registrations (once per burst of changes). */
function reconcile() {
  if (scheduled) return;
  scheduled = true;
  queueMicrotask(() => {
    scheduled = false;
    if (registrations.size === 0) {
      if (retryTimer) clearTimeout(retryTimer);
      retryTimer = null;
      close();
      return;
    }
    if (retryTimer) return;
    if (!source || sourceUrl !== wantedUrl()) connect();
  });
}

/**
 * Hears the tab's live stream while mounted. `topics` names what this
 * component's page needs (pass a stable value: it is compared by content);
 * `handlers` may change every render.
 */
export function useLive(topics: LiveTopics, handlers: Handlers): void {
  const ref = useRef(handlers);
  useEffect(() => {
    ref.current = handlers;
  });
  const key = liveQueryString(topics);
  useEffect(() => {
    const reg: Registration = { topics: Object.fromEntries(new URLSearchParams(key)) as LiveTopics, handlers: ref };
    // The query string is the stable form of the topics ("portal" is "1" there).
    if (reg.topics.portal) reg.topics.portal = true;
    registrations.add(reg);
    reconcile();
    return () => {
      registrations.delete(reg);
      reconcile();
    };
  }, [key]);
}
