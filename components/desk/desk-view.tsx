"use client";

import Link from "next/link";
import { Suspense, use, useState } from "react";
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
  return (
    <div className="space-y-5">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-xl font-semibold tracking-tight">Desk</h1>
          <p className="mt-1 text-sm text-slate-600">Your queue. Press / to search, j/k to move, Enter to open, x to select.</p>
        </div>
        <a href={`/desk/export${viewQuery ? `?${viewQuery}` : ""}`} className="rounded-md px-3 py-1.5 text-sm text-slate-700 ring-1 ring-inset ring-slate-300 hover:bg-slate-50 max-md:inline-flex max-md:min-h-11 max-md:items-center">
          Export CSV
        </a>
      </div>
      <Suspense fallback={<DeskBoxesPlaceholder keys={boxKeys} initialOrder={preferences.boxOrder} />}>
        <StreamedDeskBoxes boxes={boxes} active={query.box} initialOrder={preferences.boxOrder} />
      </Suspense>
      <SavedViews views={views} currentQuery={viewQuery} />
      <DeskFilters query={query} options={options} go={go} searchError={searchError} />
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
