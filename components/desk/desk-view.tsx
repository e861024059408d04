"use client";

import Link from "next/link";
import { Suspense, use, useCallback, useEffect, useRef, useState } from "react";
import { useRouter } from "next/navigation";
import type { DeskBoxes, DeskTotal } from "@/lib/domain/desk/desk-query";
import type { DeskRow } from "@/lib/domain/desk/desk-query";
import { deskQueryString, type BoxKey, type DeskQuery } from "@/lib/validation/desk";
import type { Preferences } from "@/lib/validation/preferences";
import { DeskBoxesPlaceholder, StreamedDeskBoxes } from "./desk-boxes";
import { DeskFilters, type FilterOptions } from "./desk-filters";
import { DeskTable } from "./desk-table";
import { BulkBar } from "./bulk-bar";
import { SavedViews } from "./saved-views";
import { useDeskUrl } from "./use-desk-url";
import { useLive } from "@/components/live/use-live";
import type { LiveEvents } from "@/lib/live/events";
import { ShortcutsHelp } from "@/components/ui/shortcuts-help";

const DESK_SHORTCUTS = [
  { keys: ["/"], what: "Search the desk" },
  { keys: ["j"], what: "Next ticket" },
  { keys: ["k"], what: "Previous ticket" },
  { keys: ["Enter"], what: "Open the ticket" },
  { keys: ["x"], what: "Select the ticket" },
];

/** The box counts are read again at most this often while tickets change. */
const BOXES_EVERY_MS = 3000;

/**
 * The desk, live: others' new and changed tickets are counted in a bar ("2
 * new · 1 updated — Show") rather than reshuffling the rows under the
 * pointer; Show reads the view again. The box counts follow by themselves.
 */
function useLiveDesk(viewQuery: string, rows: DeskRow[]) {
  const router = useRouter();
  const [fresh, setFresh] = useState<{ added: Set<string>; updated: Set<string> }>({ added: new Set(), updated: new Set() });
  const [boxes, setBoxes] = useState<DeskBoxes | null>(null);
  const shown = useRef(new Set<string>());
  useEffect(() => {
    shown.current = new Set(rows.map((r) => r.id));
  }, [rows]);
  // A fresh server render (Show, a filter) starts the count again.
  const [renderedRows, setRenderedRows] = useState(rows);
  if (renderedRows !== rows) {
    setRenderedRows(rows);
    setFresh({ added: new Set(), updated: new Set() });
    setBoxes(null);
  }
  const boxesTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const lastBoxes = useRef(0);
  const readBoxes = useCallback(() => {
    if (boxesTimer.current) return;
    const wait = Math.max(0, lastBoxes.current + BOXES_EVERY_MS - Date.now());
    boxesTimer.current = setTimeout(async () => {
      boxesTimer.current = null;
      lastBoxes.current = Date.now();
      try {
        const res = await fetch("/api/desk/boxes", { cache: "no-store", headers: { accept: "application/json" } });
        if (res.ok) setBoxes(((await res.json()) as { boxes: DeskBoxes }).boxes);
      } catch {}
    }, wait);
  }, []);
  const onDesk = useCallback(
    (e: LiveEvents["desk"]) => {
      setFresh((f) => {
        const added = new Set(f.added);
        const updated = new Set(f.updated);
        for (const id of e.matched) if (!shown.current.has(id)) added.add(id);
        for (const id of [...e.changed, ...e.removed]) if (shown.current.has(id)) updated.add(id);
        return added.size === f.added.size && updated.size === f.updated.size ? f : { added, updated };
      });
      readBoxes();
    },
    [readBoxes],
  );
  useLive({ desk: viewQuery }, { desk: onDesk, resync: () => router.refresh() });
  return { fresh, boxes, show: () => router.refresh() };
}

export function DeskView({
  query,
  rows,
  nextCursor,
  boxes,
  total,
  boxKeys,
  options,
  views,
  preferences,
  searchError,
}: {
  query: DeskQuery;
  rows: DeskRow[];
  nextCursor: string | null;
  /** The counts, streamed: the page renders the table while they are counted. */
  boxes: Promise<DeskBoxes>;
  /** How many tickets the view holds, streamed likewise (null: not counted, a later page of a search). */
  total: Promise<DeskTotal | null>;
  /** The boxes this viewer has (placeholders while the counts stream). */
  boxKeys: readonly BoxKey[];
  options: FilterOptions;
  views: { id: string; name: string; query: string }[];
  preferences: Preferences;
  /** Why the search in the URL was not run (e.g. it held a NUL character). */
  searchError?: string;
}) {
  const { go, pending } = useDeskUrl(query);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const viewQuery = deskQueryString(query, { cursor: undefined });
  const live = useLiveDesk(viewQuery, rows);
  const news = [
    live.fresh.added.size ? `${live.fresh.added.size} new` : null,
    live.fresh.updated.size ? `${live.fresh.updated.size} updated` : null,
  ].filter(Boolean);
  return (
    <div className="space-y-5">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-xl font-semibold tracking-tight">Desk</h1>
          <p className="mt-1 text-sm text-slate-600">Your queue. Press / to search, j/k to move, Enter to open, x to select.</p>
        </div>
        <div className="flex items-center gap-2">
        <ShortcutsHelp shortcuts={DESK_SHORTCUTS} />
        <a href={`/desk/export${viewQuery ? `?${viewQuery}` : ""}`} className="rounded-md px-3 py-1.5 text-sm text-slate-700 ring-1 ring-inset ring-slate-300 hover:bg-slate-50 max-md:inline-flex max-md:min-h-11 max-md:items-center">
          Export CSV
        </a>
        </div>
      </div>
      <Suspense fallback={<DeskBoxesPlaceholder keys={boxKeys} initialOrder={preferences.boxOrder} />}>
        <StreamedDeskBoxes boxes={boxes} current={live.boxes} active={query.box} initialOrder={preferences.boxOrder} />
      </Suspense>
      <SavedViews views={views} currentQuery={viewQuery} />
      <DeskFilters query={query} options={options} go={go} searchError={searchError} />
      <div role="status" aria-live="polite" className="empty:hidden">
        {news.length ? (
          <div className="flex items-center justify-between gap-3 rounded-lg bg-brand-50 px-4 py-2 text-sm text-slate-800 ring-1 ring-brand-100">
            <span>{news.join(" · ")} since this list was read</span>
            <button type="button" onClick={live.show} className="min-h-9 rounded-md bg-white px-3 font-medium text-brand-700 ring-1 ring-brand-500/40 hover:bg-brand-100">
              Show
            </button>
          </div>
        ) : null}
      </div>
      {selected.size ? <BulkBar ids={[...selected]} onDone={() => setSelected(new Set())} /> : null}
      <div className={pending ? "opacity-60 transition-opacity" : ""} aria-busy={pending}>
        <DeskTable rows={rows} query={query} go={go} prefs={preferences.deskColumns} selected={selected} setSelected={setSelected} />
      </div>
      <nav aria-label="Pagination" className="flex items-center justify-between text-sm">
        {query.cursor ? <Link href={`/desk${viewQuery ? `?${viewQuery}` : ""}`} className="text-brand-700 hover:underline max-md:inline-flex max-md:min-h-11 max-md:items-center">← First page</Link> : <span />}
        <Suspense fallback={<span className="text-slate-500">Counting…</span>}>
          <ViewTotal total={total} />
        </Suspense>
        {nextCursor ? <Link href={`/desk?${deskQueryString(query, { cursor: nextCursor })}`} className="text-brand-700 hover:underline max-md:inline-flex max-md:min-h-11 max-md:items-center">Next page →</Link> : <span />}
      </nav>
    </div>
  );
}

/** "1 ticket", "2,431 tickets", "10,000+ tickets" in this view. */
function ViewTotal({ total }: { total: Promise<DeskTotal | null> }) {
  const counted = use(total);
  if (!counted) return <span />;
  const { n, capped } = counted;
  return (
    <span className="text-slate-600" data-testid="desk-total">
      {n.toLocaleString("en-US")}
      {capped ? "+" : ""} {n === 1 && !capped ? "ticket" : "tickets"}
    </span>
  );
}
