"use client";

import { useCallback, useEffect, useId, useRef, useState } from "react";
import Link from "next/link";
import { NotificationList } from "./notification-list";
import { MarkAllReadButton } from "./mark-all-read-button";
import type { InboxEntry } from "./types";
import { useLive } from "@/components/live/use-live";

const NO_TOPICS = {};

/**
 * The bell in the app shell: unread count in its accessible name
 * ("Notifications, 3 unread"), a dropdown with the newest notifications, "Mark
 * all read", and links to everything and to the settings. The server renders
 * the unread count; the list is read when the menu opens (no page pays for a
 * list nobody opened), and the tab's live stream says when to read it again
 * (a new notification, or one read in another tab) — no polling.
 */
export function BellMenu({ initialUnread }: { initialUnread: number }) {
  const [open, setOpen] = useState(false);
  const [unread, setUnread] = useState(initialUnread);
  /** null until the menu first loads them. */
  const [items, setItems] = useState<InboxEntry[] | null>(null);
  const panelId = useId();
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);

  // A server re-render (router.refresh) brings a fresh count: it replaces
  // what the poll found, in the same render.
  const [rendered, setRendered] = useState(initialUnread);
  if (rendered !== initialUnread) {
    setRendered(initialUnread);
    setUnread(initialUnread);
  }

  const reload = useCallback(async () => {
    try {
      const res = await fetch("/api/notifications", { cache: "no-store", headers: { accept: "application/json" } });
      if (!res.ok || !res.headers.get("content-type")?.includes("application/json")) return;
      const data = (await res.json()) as { unread: number; items: InboxEntry[] };
      setUnread(data.unread);
      setItems(data.items);
    } catch {
      // Offline or signed out: keep what is shown.
    }
  }, []);

  useLive(NO_TOPICS, { notice: () => void reload(), resync: () => void reload() });

  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape") {
        setOpen(false);
        button.current?.focus();
      }
    };
    const onClick = (e: MouseEvent) => {
      if (root.current && !root.current.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener("keydown", onKey);
    document.addEventListener("mousedown", onClick);
    return () => {
      document.removeEventListener("keydown", onKey);
      document.removeEventListener("mousedown", onClick);
    };
  }, [open]);

  return (
    <div ref={root} className="relative">
      <button
        ref={button}
        type="button"
        aria-label={`Notifications, ${unread} unread`}
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => {
          setOpen((o) => !o);
          if (!open) void reload();
        }}
        className="relative grid h-11 w-11 place-items-center sm:h-9 sm:w-9 rounded-md text-slate-600 hover:bg-slate-100 hover:text-slate-900 focus-visible:outline-2 focus-visible:outline-brand-600"
      >
        <svg aria-hidden viewBox="0 0 20 20" fill="currentColor" className="h-5 w-5">
          <path d="M10 2a6 6 0 0 0-6 6v2.59l-1.7 1.7A1 1 0 0 0 3 14h14a1 1 0 0 0 .7-1.71L16 10.6V8a6 6 0 0 0-6-6Zm0 16a3 3 0 0 1-2.83-2h5.66A3 3 0 0 1 10 18Z" />
        </svg>
        {unread > 0 ? (
          <span aria-hidden data-testid="unread-badge" className="absolute -top-0.5 -right-0.5 min-w-[1.125rem] rounded-full bg-red-600 px-1 text-center text-[0.6875rem] leading-[1.125rem] font-semibold text-white">
            {unread > 99 ? "99+" : unread}
          </span>
        ) : null}
      </button>
      {/* On a phone the bell is not at the screen's edge: its panel spans the screen under the header rather than running off the left. */}
      {open ? (
        <div id={panelId} role="region" aria-label="Notifications" className="fixed inset-x-2 top-14 z-30 overflow-hidden sm:absolute sm:inset-x-auto sm:top-auto sm:right-0 sm:mt-2 sm:w-96 sm:max-w-[calc(100vw-2rem)] rounded-lg bg-white shadow-lg ring-1 ring-slate-200">
          <div className="flex items-center justify-between border-b border-slate-100 px-4 py-2.5">
            <h2 className="text-sm font-semibold text-slate-900">Notifications</h2>
            <MarkAllReadButton
              disabled={unread === 0}
              onDone={() => {
                setUnread(0);
                setItems((list) => list?.map((i) => ({ ...i, read: true })) ?? null);
              }}
            />
          </div>
          <div className="max-h-[26rem] overflow-y-auto">
            {items === null ? (
              <p role="status" className="px-4 py-6 text-center text-sm text-slate-500">
                Loading notifications…
              </p>
            ) : (
              <NotificationList
                compact
                items={items}
                onOpened={(id) => {
                  setOpen(false);
                  setItems((list) => list?.map((i) => (i.id === id && !i.read ? { ...i, read: true } : i)) ?? null);
                  setUnread((n) => Math.max(0, n - (items.some((i) => i.id === id && !i.read) ? 1 : 0)));
                }}
              />
            )}
          </div>
          <div className="flex items-center justify-between border-t border-slate-100 bg-slate-50 px-4 py-2 text-sm">
            <Link href="/notifications" onClick={() => setOpen(false)} className="font-medium text-brand-700 hover:underline">
              View all
            </Link>
            <Link href="/settings/notifications" onClick={() => setOpen(false)} className="text-slate-600 hover:text-slate-900 hover:underline">
              Notification settings
            </Link>
          </div>
        </div>
      ) : null}
    </div>
  );
}
