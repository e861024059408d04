"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { flexRender, getCoreRowModel, useReactTable, type ColumnDef, type ColumnSizingState, type VisibilityState } from "@tanstack/react-table";
import { savePreferencesAction } from "@/lib/actions/desk";
import { COLUMN_WIDTH_MAX, COLUMN_WIDTH_MIN } from "@/lib/validation/preferences";
import type { DeskRow } from "@/lib/domain/desk/desk-query";
import type { DeskQuery, SortKey } from "@/lib/validation/desk";
import { PriorityLabel, StatusBadge } from "@/components/ui/badges";
import { TimeAgo } from "@/components/ui/time-ago";

const SORTABLE: Partial<Record<string, SortKey>> = { number: "number", priority: "priority", updated: "updated", created: "created" };

const clampSizes = (s: ColumnSizingState) =>
  Object.fromEntries(Object.entries(s).map(([k, v]) => [k, Math.round(Math.min(Math.max(v, COLUMN_WIDTH_MIN), COLUMN_WIDTH_MAX))]));

export interface ColumnPrefs {
  visibility?: VisibilityState;
  sizing?: ColumnSizingState;
}

/**
 * The queue: @tanstack/react-table over one server-rendered page. Sorting and
 * paging are the server's (via the URL); visibility and widths are remembered
 * per user. Keys: j/k move, Enter opens, x selects.
 */
export function DeskTable({
  rows,
  query,
  go,
  prefs,
  selected,
  setSelected,
}: {
  rows: DeskRow[];
  query: DeskQuery;
  go: (o: Partial<Record<keyof DeskQuery, unknown>>) => void;
  prefs: ColumnPrefs;
  selected: Set<string>;
  setSelected: (s: Set<string>) => void;
}) {
  const router = useRouter();
  const [visibility, setVisibility] = useState<VisibilityState>({ created: false, sla: false, ...(prefs.visibility ?? {}) });
  const [sizing, setSizing] = useState<ColumnSizingState>(prefs.sizing ?? {});
  const [cursorRow, setCursorRow] = useState(0);
  const rowRefs = useRef<(HTMLTableRowElement | null)[]>([]);

  const toggle = useCallback(
    (id: string) => {
      const next = new Set(selected);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      setSelected(next);
    },
    [selected, setSelected],
  );

  const columns = useMemo<ColumnDef<DeskRow>[]>(
    () => [
      {
        id: "select",
        header: () => (
          <input
            type="checkbox"
            aria-label="Select all on this page"
            checked={rows.length > 0 && rows.every((r) => selected.has(r.id))}
            onChange={(e) => setSelected(new Set(e.target.checked ? rows.map((r) => r.id) : []))}
            className="h-4 w-4 rounded border-slate-300"
          />
        ),
        cell: ({ row }) => (
          <input
            type="checkbox"
            aria-label={`Select ${row.original.number}`}
            checked={selected.has(row.original.id)}
            onChange={() => toggle(row.original.id)}
            className="h-4 w-4 rounded border-slate-300"
          />
        ),
        size: 40,
        enableResizing: false,
        enableHiding: false,
      },
      { id: "number", header: "Number", size: 170, cell: ({ row }) => <span className="font-mono text-xs text-slate-600">{row.original.number}</span> },
      {
        id: "title",
        header: "Title",
        size: 300,
        enableHiding: false,
        cell: ({ row }) => (
          <Link href={`/tickets/${row.original.number}`} className="font-medium text-slate-900 hover:text-brand-700 hover:underline">
            {row.original.title}
          </Link>
        ),
      },
      { id: "status", header: "Status", size: 180, cell: ({ row }) => <StatusBadge status={row.original.status} /> },
      { id: "priority", header: "Priority", size: 100, cell: ({ row }) => <PriorityLabel priority={row.original.priority} /> },
      { id: "requester", header: "Requester", size: 140, cell: ({ row }) => row.original.requesterName },
      { id: "assignee", header: "Assignee", size: 140, cell: ({ row }) => row.original.assigneeName ?? <span className="text-slate-600">Unassigned</span> },
      { id: "project", header: "Project", size: 80, cell: ({ row }) => row.original.projectKey },
      { id: "created", header: "Created", size: 120, cell: ({ row }) => <TimeAgo date={new Date(row.original.createdAt)} /> },
      { id: "updated", header: "Updated", size: 110, cell: ({ row }) => <TimeAgo date={new Date(row.original.updatedAt)} /> },
      { id: "sla", header: "SLA due", size: 110, cell: ({ row }) => (row.original.slaDueAt ? <TimeAgo date={new Date(row.original.slaDueAt)} /> : null) },
    ],
    [rows, selected, setSelected, toggle],
  );

  // The table instance is mutable by design (TanStack); this app does not run
  // the React Compiler, which is all the rule is about.
  // eslint-disable-next-line react-hooks/incompatible-library
  const table = useReactTable({
    data: rows,
    columns,
    getRowId: (r) => r.id,
    getCoreRowModel: getCoreRowModel(),
    state: { columnVisibility: visibility, columnSizing: sizing },
    onColumnVisibilityChange: (u) => {
      const next = typeof u === "function" ? u(visibility) : u;
      setVisibility(next);
      void savePreferencesAction({ deskColumns: { visibility: next, sizing: clampSizes(sizing) } });
    },
    onColumnSizingChange: (u) => setSizing((s) => (typeof u === "function" ? u(s) : u)),
    columnResizeMode: "onEnd",
    enableColumnResizing: true,
    manualSorting: true,
    manualPagination: true,
  });

  // Persist widths once a resize ends.
  const resizing = table.getState().columnSizingInfo.isResizingColumn;
  const wasResizing = useRef(false);
  useEffect(() => {
    if (wasResizing.current && !resizing) void savePreferencesAction({ deskColumns: { visibility, sizing: clampSizes(sizing) } });
    wasResizing.current = !!resizing;
  }, [resizing, sizing, visibility]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const t = e.target as HTMLElement;
      if (["INPUT", "TEXTAREA", "SELECT"].includes(t.tagName) || t.isContentEditable || e.metaKey || e.ctrlKey || e.altKey) return;
      if (!rows.length) return;
      if (e.key === "j" || e.key === "k") {
        e.preventDefault();
        const next = Math.min(Math.max(cursorRow + (e.key === "j" ? 1 : -1), 0), rows.length - 1);
        setCursorRow(next);
        rowRefs.current[next]?.focus();
      } else if (e.key === "Enter" && t.tagName !== "A" && t.tagName !== "BUTTON") {
        router.push(`/tickets/${rows[cursorRow].number}`);
      } else if (e.key === "x") {
        toggle(rows[cursorRow].id);
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  });

  const sortHeader = (id: string, label: React.ReactNode) => {
    const key = SORTABLE[id];
    if (!key) return label;
    const activeSort = query.sort === key;
    const nextDir = activeSort && query.dir === "desc" ? "asc" : "desc";
    return (
      <button type="button" onClick={() => go({ sort: key, dir: nextDir })} className="inline-flex items-center gap-1 uppercase hover:text-slate-900" aria-label={`Sort by ${String(label)}`}>
        {label}
        <span aria-hidden className={activeSort ? "text-slate-700" : "text-slate-300"}>{activeSort ? (query.dir === "desc" ? "↓" : "↑") : "↕"}</span>
      </button>
    );
  };

  return (
    <div className="space-y-2">
      {/* The table from md; below it the cards (DeskCards), which show every column a phone has room for. */}
      <div className="hidden justify-end md:flex">
        <details className="relative">
          <summary className="cursor-pointer list-none rounded-md px-2.5 py-1 text-sm text-slate-600 ring-1 ring-inset ring-slate-300 hover:bg-slate-50">Columns</summary>
          <fieldset className="absolute right-0 z-30 mt-1 w-48 rounded-md bg-white p-2 shadow-lg ring-1 ring-slate-200">
            <legend className="sr-only">Visible columns</legend>
            {table
              .getAllLeafColumns()
              .filter((c) => c.getCanHide())
              .map((c) => (
                <label key={c.id} className="flex items-center gap-2 px-2 py-1 text-sm max-md:min-h-11">
                  <input type="checkbox" checked={c.getIsVisible()} onChange={c.getToggleVisibilityHandler()} className="h-4 w-4 rounded border-slate-300" />
                  {String(c.columnDef.header)}
                </label>
              ))}
          </fieldset>
        </details>
      </div>
      <div className="relative hidden overflow-x-auto rounded-lg bg-white shadow-xs ring-1 ring-slate-200 md:block">
        <table className="text-sm" style={{ width: table.getTotalSize(), minWidth: "100%" }}>
          <caption className="sr-only">Tickets</caption>
          <thead className="bg-slate-50 text-left text-xs font-semibold tracking-wide text-slate-600 uppercase">
            {table.getHeaderGroups().map((hg) => (
              <tr key={hg.id}>
                {hg.headers.map((h) => (
                  <th key={h.id} scope="col" className="relative px-3 py-2.5" style={{ width: h.getSize() }}>
                    {h.isPlaceholder ? null : sortHeader(h.column.id, flexRender(h.column.columnDef.header, h.getContext()) as React.ReactNode)}
                    {h.column.getCanResize() ? (
                      <span
                        onMouseDown={h.getResizeHandler()}
                        onTouchStart={h.getResizeHandler()}
                        aria-hidden
                        className={`absolute top-0 right-0 h-full w-1.5 cursor-col-resize select-none hover:bg-brand-200 ${h.column.getIsResizing() ? "bg-brand-400" : ""}`}
                      />
                    ) : null}
                  </th>
                ))}
              </tr>
            ))}
          </thead>
          <tbody className="divide-y divide-slate-100">
            {table.getRowModel().rows.map((row, i) => (
              <tr
                key={row.id}
                ref={(el) => {
                  rowRefs.current[i] = el;
                }}
                tabIndex={-1}
                aria-selected={selected.has(row.id)}
                onFocus={() => setCursorRow(i)}
                className={`outline-none ${i === cursorRow ? "bg-brand-50/60" : "hover:bg-slate-50"} ${selected.has(row.id) ? "bg-brand-50" : ""}`}
              >
                {row.getVisibleCells().map((cell) => (
                  <td key={cell.id} className="truncate px-3 py-2" style={{ width: cell.column.getSize(), maxWidth: cell.column.getSize() }}>
                    {flexRender(cell.column.columnDef.cell, cell.getContext())}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <DeskCards rows={rows} query={query} go={go} selected={selected} setSelected={setSelected} toggle={toggle} />
      {rows.length === 0 ? <p className="rounded-lg bg-white px-6 py-12 text-center text-sm text-slate-500 ring-1 ring-slate-200">No tickets match this view.</p> : null}
    </div>
  );
}

/** The table headers' sorts, for the phone's select: every key both ways. */
const PHONE_SORTS: { value: string; label: string; sort: SortKey; dir: "asc" | "desc" }[] = (
  [
    ["updated", "desc", "Recently updated"],
    ["updated", "asc", "Least recently updated"],
    ["created", "desc", "Newest first"],
    ["created", "asc", "Oldest first"],
    ["priority", "desc", "Highest priority"],
    ["priority", "asc", "Lowest priority"],
    ["number", "desc", "Number, high to low"],
    ["number", "asc", "Number, low to high"],
  ] as const
).map(([sort, dir, label]) => ({ value: `${sort}-${dir}`, label, sort, dir }));

/**
 * The queue on a phone (below md, where the table is hidden): one card per
 * ticket with its number, title (the link), status, priority, assignee and
 * when it was updated; the same selection as the table's checkboxes, and the
 * sort the table's headers offer.
 */
function DeskCards({
  rows,
  query,
  go,
  selected,
  setSelected,
  toggle,
}: {
  rows: DeskRow[];
  query: DeskQuery;
  go: (o: Partial<Record<keyof DeskQuery, unknown>>) => void;
  selected: Set<string>;
  setSelected: (s: Set<string>) => void;
  toggle: (id: string) => void;
}) {
  const sortValue = `${query.sort}-${query.dir}`;
  return (
    <div className="space-y-2 md:hidden" data-testid="desk-cards">
      {rows.length ? (
        <div className="flex items-center justify-between gap-3">
          <label className="-ml-1 flex min-h-11 items-center gap-3 px-1 text-sm text-slate-700">
            <input
              type="checkbox"
              aria-label="Select all on this page"
              checked={rows.every((r) => selected.has(r.id))}
              onChange={(e) => setSelected(new Set(e.target.checked ? rows.map((r) => r.id) : []))}
              className="h-5 w-5 rounded border-slate-300"
            />
            <span aria-hidden>All</span>
          </label>
          <label className="flex min-w-0 items-center gap-2 text-sm text-slate-600">
            Sort
            <select
              value={sortValue}
              onChange={(e) => {
                const o = PHONE_SORTS.find((x) => x.value === e.target.value);
                if (o) go({ sort: o.sort, dir: o.dir });
              }}
              className="min-h-11 min-w-0 rounded-md border-0 bg-white py-0 pr-8 pl-2.5 text-sm text-slate-800 ring-1 ring-slate-300 ring-inset"
            >
              {PHONE_SORTS.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </select>
          </label>
        </div>
      ) : null}
      <ul aria-label="Tickets" className="space-y-2">
        {rows.map((r) => (
          <li key={r.id} className={`flex gap-2 rounded-lg p-3 pl-1 shadow-xs ring-1 ${selected.has(r.id) ? "bg-brand-50 ring-brand-200" : "bg-white ring-slate-200"}`}>
            {/* The whole 44 px square toggles the checkbox. */}
            <label className="-my-1 grid h-11 w-11 shrink-0 cursor-pointer place-items-center">
              <input type="checkbox" aria-label={`Select ${r.number}`} checked={selected.has(r.id)} onChange={() => toggle(r.id)} className="h-5 w-5 rounded border-slate-300" />
            </label>
            <div className="min-w-0 flex-1">
              <div className="flex items-baseline justify-between gap-2 text-xs text-slate-600">
                <span className="font-mono">{r.number}</span>
                <span className="shrink-0">
                  Updated <TimeAgo date={new Date(r.updatedAt)} />
                </span>
              </div>
              <Link href={`/tickets/${r.number}`} className="mt-0.5 block py-1 font-medium leading-snug max-md:min-h-11 max-md:py-2.5 text-slate-900 [overflow-wrap:anywhere] hover:text-brand-700 hover:underline">
                {r.title}
              </Link>
              <div className="mt-1 flex flex-wrap items-center gap-x-3 gap-y-1.5 text-sm">
                <StatusBadge status={r.status} />
                <PriorityLabel priority={r.priority} />
                <span className="min-w-0 truncate text-slate-700">
                  <span className="sr-only">Assignee: </span>
                  {r.assigneeName ?? <span className="text-slate-600">Unassigned</span>}
                </span>
              </div>
            </div>
          </li>
        ))}
      </ul>
    </div>
  );
}
