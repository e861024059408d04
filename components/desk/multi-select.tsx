"use client";

import { useEffect, useRef, useState, type ReactNode } from "react";

/** A compact filter: a button that opens a checkbox list; every change applies at once. */
export function MultiSelect({
  label,
  options,
  selected,
  onChange,
  children,
  emptyLabel = "Any",
}: {
  label: string;
  /** What the button says while nothing is ticked. */
  emptyLabel?: string;
  options: { value: string; label: string }[];
  selected: string[];
  onChange: (values: string[]) => void;
  /** Shown above the checkboxes: a search for options too many to list (people). */
  children?: ReactNode;
}) {
  const ref = useRef<HTMLDetailsElement>(null);
  // Ticked at once; the URL (and so `selected`) follows when the navigation lands.
  const [local, setLocal] = useState(selected);
  const key = selected.join(",");
  const [selectedKey, setSelectedKey] = useState(key);
  if (selectedKey !== key) {
    setSelectedKey(key);
    setLocal(key ? key.split(",") : []);
  }
  const change = (values: string[]) => {
    setLocal(values);
    onChange(values);
  };
  useEffect(() => {
    const close = (e: MouseEvent) => {
      if (ref.current?.open && !ref.current.contains(e.target as Node)) ref.current.open = false;
    };
    document.addEventListener("click", close);
    return () => document.removeEventListener("click", close);
  }, []);
  const summary = local.length === 0 ? emptyLabel : local.length === 1 ? (options.find((o) => o.value === local[0])?.label ?? local[0]) : `${local.length} selected`;
  return (
    <details ref={ref} className="relative">
      <summary
        className={`flex cursor-pointer list-none items-center gap-1.5 rounded-md px-2.5 py-1.5 text-sm ring-1 max-md:min-h-11 ring-inset ${local.length ? "bg-brand-50 text-brand-700 ring-brand-200" : "bg-white text-slate-700 ring-slate-300 hover:bg-slate-50"}`}
        aria-label={`${label}: ${summary}`}
      >
        <span className="font-medium">{label}</span>{" "}
        <span className="text-slate-600">{summary}</span>
        {/* An icon, not a character: the visible text is then exactly the name's words ("Status: Open work"). */}
        <svg aria-hidden viewBox="0 0 20 20" fill="currentColor" className="h-3.5 w-3.5 text-slate-500">
          <path d="M5.2 7.2a.75.75 0 0 1 1.06 0L10 10.94l3.74-3.74a.75.75 0 1 1 1.06 1.06l-4.27 4.27a.75.75 0 0 1-1.06 0L5.2 8.26a.75.75 0 0 1 0-1.06Z" />
        </svg>
      </summary>
      {/* On a phone the menu spans the screen: a summary near the right edge would push it past it. */}
      <fieldset className="absolute z-30 mt-1 max-h-72 w-56 overflow-y-auto rounded-md max-md:fixed max-md:inset-x-4 max-md:w-auto bg-white p-2 shadow-lg ring-1 ring-slate-200">
        <legend className="sr-only">{label}</legend>
        {children}
        {options.map((o) => (
          <label key={o.value} className="flex items-center gap-2 rounded px-2 py-1 text-sm hover:bg-slate-50 max-md:min-h-11">
            <input
              type="checkbox"
              checked={local.includes(o.value)}
              onChange={(e) => change(e.target.checked ? [...local, o.value] : local.filter((v) => v !== o.value))}
              className="h-4 w-4 rounded border-slate-300"
            />
            {o.label}
          </label>
        ))}
        {local.length ? (
          <button type="button" onClick={() => change([])} className="mt-1 w-full rounded px-2 py-1 text-left text-xs text-brand-700 hover:bg-slate-50 max-md:min-h-11">
            Clear {label.toLowerCase()}
          </button>
        ) : null}
      </fieldset>
    </details>
  );
}
