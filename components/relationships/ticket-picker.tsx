"use client";

import { useId, useState } from "react";
import type { LinkTarget } from "@/lib/domain/relationships/search-targets";
import { StatusBadge } from "@/components/ui/badges";
import { inputClass } from "@/components/ui/field";
import { useRemoteSearch } from "@/components/ui/use-remote-search";

/**
 * "Find ticket": a combobox that searches tickets as you type (number or
 * words) through GET /api/tickets/search, scoped on the server. Arrow keys
 * move through the results, Enter or a click picks one.
 */
export function TicketPicker({
  excludeId,
  value,
  onChange,
  label = "Find ticket",
  invalid,
  describedBy,
}: {
  excludeId?: string;
  value: LinkTarget | null;
  onChange: (t: LinkTarget | null) => void;
  label?: string;
  invalid?: boolean;
  describedBy?: string;
}) {
  const uid = useId();
  const [inputId, listId] = [`${uid}-input`, `${uid}-list`];
  const [q, setQ] = useState("");
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const term = q.trim();
  const searching = !!term && !(value && term === `${value.number} ${value.title}`);
  const params = new URLSearchParams({ q: term, ...(excludeId ? { exclude: excludeId } : {}) });
  const { results, status } = useRemoteSearch<LinkTarget>({
    url: `/api/tickets/search?${params}`,
    enabled: searching,
    delayMs: 200,
    onResults: () => {
      setActive(0);
      setOpen(true);
    },
  });

  function pick(t: LinkTarget) {
    onChange(t);
    setQ(`${t.number} ${t.title}`);
    setOpen(false);
  }

  const expanded = open && q.trim() !== "" && status !== "idle";
  return (
    <div className="relative">
      <label htmlFor={inputId} className="block text-xs font-medium text-slate-600">
        {label}
      </label>
      <input
        id={inputId}
        type="search"
        role="combobox"
        autoComplete="off"
        aria-autocomplete="list"
        aria-expanded={expanded}
        aria-controls={listId}
        aria-activedescendant={expanded && results[active] ? `${listId}-${active}` : undefined}
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy}
        placeholder="Number or words…"
        value={q}
        onChange={(e) => {
          setQ(e.target.value);
          if (value) onChange(null);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
        onKeyDown={(e) => {
          if (e.key === "ArrowDown") {
            e.preventDefault();
            setOpen(true);
            setActive((i) => Math.min(i + 1, results.length - 1));
          } else if (e.key === "ArrowUp") {
            e.preventDefault();
            setActive((i) => Math.max(i - 1, 0));
          } else if (e.key === "Enter" && expanded && results[active]) {
            e.preventDefault();
            pick(results[active]!);
          } else if (e.key === "Escape") {
            setOpen(false);
          }
        }}
        className={`${inputClass} mt-0.5`}
      />
      {expanded ? (
        <ul id={listId} role="listbox" aria-label="Matching tickets" className="absolute z-20 mt-1 max-h-72 w-full overflow-auto rounded-md bg-white py-1 text-sm shadow-lg ring-1 ring-slate-200">
          {status === "loading" && results.length === 0 ? <li className="px-3 py-2 text-slate-500">Searching…</li> : null}
          {status === "error" ? <li className="px-3 py-2 text-red-700">Search failed. Try again.</li> : null}
          {status === "done" && results.length === 0 ? <li className="px-3 py-2 text-slate-500">No matching tickets.</li> : null}
          {results.map((t, i) => (
            <li
              key={t.id}
              id={`${listId}-${i}`}
              role="option"
              aria-selected={i === active}
              onMouseDown={(e) => e.preventDefault()}
              onMouseEnter={() => setActive(i)}
              onClick={() => pick(t)}
              className={`flex cursor-pointer items-center gap-2 px-3 py-1.5 ${i === active ? "bg-brand-50" : ""}`}
            >
              <span className="font-mono text-xs text-slate-500">{t.number}</span>
              <span className="min-w-0 flex-1 truncate text-slate-900">{t.title}</span>
              <StatusBadge status={t.status} />
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
