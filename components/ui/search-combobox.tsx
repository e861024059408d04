"use client";

import { useId, useRef, useState } from "react";
import { inputClass } from "@/components/ui/field";
import { assetSearchUrl, customerSearchUrl, peopleSearchUrl, tagSearchUrl, useRemoteSearch, type Choice, type Person } from "./use-remote-search";

export type { Choice, Person };

type Props = Omit<Parameters<typeof SearchCombobox>[0], "searchUrl">;

/** A people picker: the organization's staff, asked from GET /api/staff/search as you type. */
export function PeoplePicker(props: Props) {
  return <SearchCombobox {...props} searchUrl={peopleSearchUrl} />;
}

/** A tag picker: the organization's tags, asked from GET /api/tags/search as you type. */
export function TagPicker(props: Props) {
  return <SearchCombobox placeholder="Type a tag…" emptyText="No such tag." {...props} searchUrl={tagSearchUrl} />;
}

/** A target-asset picker: the organization's assets by tag or name, asked from GET /api/assets/search as you type. */
export function AssetPicker(props: Props) {
  return <SearchCombobox placeholder="Type a tag or name…" emptyText="No such asset." listLabel="Asset suggestions" {...props} searchUrl={assetSearchUrl} />;
}

/** A customer picker: the organization's customers by name, asked from GET /api/customers/search as you type. */
export function CustomerPicker(props: Props) {
  return <SearchCombobox placeholder="Type a company…" emptyText="No such customer." listLabel="Customer suggestions" {...props} searchUrl={customerSearchUrl} />;
}

/**
 * A combobox that asks the server as you type (at most 20 results; nothing
 * lists everything the organization holds). Focus shows the first results;
 * ArrowUp/ArrowDown move, Enter or a click picks, Escape closes. With `value`
 * it holds one choice (the input shows its name; emptying it clears the
 * value); without, every pick is handed to `onPick` and the input empties for
 * the next one (lists of assignees, filters).
 */
export function SearchCombobox<T extends Choice = Choice>({
  searchUrl,
  emptyText = "Nobody matches.",
  id,
  label,
  labelClassName,
  placeholder = "Type a name…",
  exclude = [],
  value,
  onPick,
  className = "",
  invalid,
  describedBy,
  inline = false,
  layout = "stacked",
  listLabel,
  moreText,
}: {
  /** The GET route's URL for what was typed. */
  searchUrl: (q: string) => string;
  /** Said when the search finds nothing. */
  emptyText?: string;
  /** The input's id, for a label rendered outside (Field). */
  id?: string;
  /** A visible label above the input; omit when an outer <label htmlFor={id}> names it. */
  label?: string;
  labelClassName?: string;
  placeholder?: string;
  /** Ids not offered (already chosen). */
  exclude?: readonly string[];
  /** Single-value mode: the chosen person (null for none). */
  value?: T | null;
  onPick: (person: T | null) => void;
  className?: string;
  invalid?: boolean;
  describedBy?: string;
  /** The list flows under the input instead of floating (inside a scrolling menu it would be clipped). */
  inline?: boolean;
  /** "row": the label sits left of the input (filter bars). */
  layout?: "stacked" | "row";
  /** The suggestion list's name (default: "<label> suggestions"). */
  listLabel?: string;
  /** Said under the results when the route answered `more: true` (there are others: type to narrow). */
  moreText?: string;
}) {
  const uid = useId();
  const inputId = id ?? `${uid}-input`;
  const listId = `${uid}-list`;
  const single = value !== undefined;
  const [q, setQ] = useState(value?.name ?? "");
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const input = useRef<HTMLInputElement>(null);
  // The typed text, unless it is just the chosen person's name (then show the first names, not one).
  const term = single && value && q === value.name ? "" : q;
  const { results: found, status, more } = useRemoteSearch<T>({ url: searchUrl(term), enabled: open });
  const results = found.filter((p) => !exclude.includes(p.id));

  // A new value from outside (saved, reset) shows in the box, and new text or
  // results start the highlight over, in the same render (React's "adjusting
  // state when a prop changes").
  const outsideName = single ? (value?.name ?? "") : null;
  const [shownName, setShownName] = useState(outsideName);
  if (shownName !== outsideName) {
    setShownName(outsideName);
    if (outsideName !== null) setQ(outsideName);
  }
  const [highlightFor, setHighlightFor] = useState({ term, found });
  if (highlightFor.term !== term || highlightFor.found !== found) {
    setHighlightFor({ term, found });
    setActive(0);
  }

  function pick(p: T) {
    onPick(p);
    setQ(single ? p.name : "");
    setOpen(false);
  }

  const expanded = open && status !== "idle";
  const activeId = expanded && results[active] ? `${listId}-${active}` : undefined;
  return (
    <div className={`relative ${layout === "row" ? "flex items-center gap-1.5" : ""} ${className}`}>
      {label ? (
        <label htmlFor={inputId} className={labelClassName ?? (layout === "row" ? "shrink-0 text-xs font-medium text-slate-600" : "block text-xs font-medium text-slate-700")}>
          {label}
        </label>
      ) : null}
      <input
        ref={input}
        id={inputId}
        type="text"
        role="combobox"
        autoComplete="off"
        spellCheck={false}
        aria-autocomplete="list"
        aria-expanded={expanded}
        aria-controls={listId}
        aria-activedescendant={activeId}
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy}
        placeholder={placeholder}
        value={q}
        onChange={(e) => {
          setQ(e.target.value);
          setOpen(true);
          // Editing the name of the chosen person un-chooses them; an empty box means none.
          if (single && value) onPick(null);
        }}
        onFocus={() => setOpen(true)}
        onClick={() => setOpen(true)}
        onBlur={() => {
          setOpen(false);
          if (single) setQ(value?.name ?? "");
        }}
        onKeyDown={(e) => {
          if (e.key === "ArrowDown") {
            e.preventDefault();
            setOpen(true);
            setActive((i) => (results.length ? (i + 1) % results.length : 0));
          } else if (e.key === "ArrowUp") {
            e.preventDefault();
            setActive((i) => (results.length ? (i - 1 + results.length) % results.length : 0));
          } else if (e.key === "Enter") {
            // Enter never submits the surrounding form from here: it picks, or does nothing.
            e.preventDefault();
            if (expanded && results[active]) pick(results[active]!);
          } else if (e.key === "Escape" && expanded) {
            e.preventDefault();
            setOpen(false);
          }
        }}
        className={`${inputClass} ${label && layout === "stacked" ? "mt-1" : ""} ${layout === "row" ? "py-1.5" : ""}`}
      />
      {expanded ? (
        <ul
          id={listId}
          role="listbox"
          aria-label={listLabel ?? `${label ?? "People"} suggestions`}
          className={`${inline ? "" : `absolute ${layout === "row" ? "top-full" : ""} left-0 right-0 z-30 min-w-48 shadow-lg`} mt-1 max-h-64 overflow-auto rounded-md bg-white py-1 text-sm ring-1 ring-slate-200`}
        >
          {status === "loading" && results.length === 0 ? <li className="px-3 py-2 text-slate-500">Searching…</li> : null}
          {status === "error" ? <li className="px-3 py-2 text-red-700">Search failed. Try again.</li> : null}
          {status === "done" && results.length === 0 ? <li className="px-3 py-2 text-slate-500">{term ? emptyText : "Nothing to add."}</li> : null}
          {results.map((p, i) => (
            <li
              key={p.id}
              id={`${listId}-${i}`}
              role="option"
              aria-selected={i === active}
              // Keep focus in the input so the pick lands before blur closes the list.
              onMouseDown={(e) => e.preventDefault()}
              onMouseEnter={() => setActive(i)}
              onClick={() => pick(p)}
              className={`cursor-pointer truncate px-3 py-2 ${i === active ? "bg-brand-50 text-brand-700" : "text-slate-900"}`}
            >
              {p.name}
            </li>
          ))}
          {moreText && more && status === "done" ? <li className="px-3 py-2 text-xs text-slate-500">{moreText}</li> : null}
        </ul>
      ) : null}
    </div>
  );
}
