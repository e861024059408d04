"use client";

import Link from "next/link";
import { useEffect, useId, useRef, useState } from "react";
import { renderCannedResponseAction } from "@/lib/actions/canned-responses";
import { inputClass } from "@/components/ui/field";
import { cannedResponseSearchUrl, useRemoteSearch } from "@/components/ui/use-remote-search";

export interface CannedResponseOption {
  id: string;
  title: string;
  /** The first characters of the text, to recognise it. */
  preview: string;
  personal: boolean;
}

/**
 * "Insert response": the organization's and the agent's own canned responses,
 * asked from GET /api/canned-responses/search as the agent types (at most 20;
 * the page never carries them all). The chosen one is filled for this ticket
 * on the server (placeholders) and handed to `onInsert`, which puts it at the cursor.
 */
export function CannedResponsePicker({ ticketId, onInsert }: { ticketId: string; onInsert: (text: string) => void }) {
  const [open, setOpen] = useState(false);
  const [query, setQuery] = useState("");
  const [active, setActive] = useState(0);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const base = useId();
  const searchRef = useRef<HTMLInputElement>(null);
  const rootRef = useRef<HTMLDivElement>(null);

  const q = query.trim();
  const { results: matches, status } = useRemoteSearch<CannedResponseOption>({ url: cannedResponseSearchUrl(q), enabled: open, onResults: () => setActive(0) });
  const listId = `${base}-list`;
  const optionId = (i: number) => `${base}-opt-${i}`;

  useEffect(() => {
    if (open) searchRef.current?.focus();
  }, [open]);

  useEffect(() => {
    if (!open) return;
    const close = (e: MouseEvent) => {
      if (!rootRef.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener("mousedown", close);
    return () => document.removeEventListener("mousedown", close);
  }, [open]);

  async function choose(r: CannedResponseOption) {
    setBusy(true);
    setError(null);
    const res = await renderCannedResponseAction({ ticketId, cannedResponseId: r.id });
    setBusy(false);
    if (!res.ok) {
      setError(res.message);
      return;
    }
    setOpen(false);
    setQuery("");
    onInsert(res.data.text);
  }

  function onKeyDown(e: React.KeyboardEvent) {
    if (e.key === "ArrowDown") {
      e.preventDefault();
      setActive((i) => Math.min(i + 1, matches.length - 1));
    } else if (e.key === "ArrowUp") {
      e.preventDefault();
      setActive((i) => Math.max(i - 1, 0));
    } else if (e.key === "Enter") {
      e.preventDefault();
      const r = matches[active];
      if (r && !busy) void choose(r);
    } else if (e.key === "Escape") {
      e.preventDefault();
      setOpen(false);
    }
  }

  return (
    <div ref={rootRef} className="relative">
      <button
        type="button"
        aria-expanded={open}
        aria-controls={open ? `${base}-panel` : undefined}
        onClick={() => {
          setOpen((o) => !o);
          setActive(0);
        }}
        className="rounded-md px-2 py-1 text-sm font-medium whitespace-nowrap text-slate-700 ring-1 ring-slate-300 ring-inset hover:bg-slate-50 max-md:min-h-11 max-md:px-3"
      >
        Insert response
      </button>
      {/* On phones the button sits mid-row and a panel anchored to it would run off the screen: there it is a sheet along the bottom. */}
      {open ? (
        <div id={`${base}-panel`} className="fixed inset-x-4 bottom-4 z-30 rounded-lg bg-white p-2 shadow-lg ring-1 ring-slate-200 sm:absolute sm:inset-x-auto sm:bottom-full sm:left-0 sm:mb-2 sm:w-80">
          <label htmlFor={`${base}-search`} className="sr-only">
            Search responses
          </label>
          <input
            id={`${base}-search`}
            ref={searchRef}
            value={query}
            onChange={(e) => {
              setQuery(e.target.value);
              setActive(0);
            }}
            onKeyDown={onKeyDown}
            role="combobox"
            aria-expanded="true"
            aria-controls={listId}
            aria-autocomplete="list"
            aria-activedescendant={matches[active] ? optionId(active) : undefined}
            placeholder="Search responses…"
            className={inputClass}
          />
          {status === "loading" && matches.length === 0 ? (
            <p className="mt-2 px-2 py-1.5 text-sm text-slate-500">Searching…</p>
          ) : status === "error" ? (
            <p className="mt-2 px-2 py-1.5 text-sm text-red-700">Search failed. Try again.</p>
          ) : matches.length ? (
            <ul id={listId} role="listbox" aria-label="Canned responses" className="mt-2 max-h-64 overflow-y-auto">
              {matches.map((r, i) => (
                <li
                  key={r.id}
                  id={optionId(i)}
                  role="option"
                  aria-selected={i === active}
                  onMouseEnter={() => setActive(i)}
                  onMouseDown={(e) => e.preventDefault()}
                  onClick={() => !busy && void choose(r)}
                  className={`cursor-pointer rounded-md px-2 py-1.5 text-sm ${i === active ? "bg-brand-50" : ""}`}
                >
                  <span className="flex items-center gap-2 font-medium text-slate-900">
                    {r.title}
                    {r.personal ? <span className="rounded bg-slate-100 px-1 text-[11px] font-normal text-slate-500">personal</span> : null}
                  </span>
                  <span className="block truncate text-xs text-slate-500">{r.preview}</span>
                </li>
              ))}
            </ul>
          ) : (
            <p className="mt-2 px-2 py-1.5 text-sm text-slate-500">
              {q ? "No response matches." : "No canned responses yet."}{" "}
              <Link href="/settings/canned-responses" className="text-brand-700 hover:underline">
                Manage responses
              </Link>
            </p>
          )}
          {error ? (
            <p role="alert" className="mt-1 px-2 text-sm text-red-600">
              {error}
            </p>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
