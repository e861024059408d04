"use client";

import { useId, useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import type { TicketType, WorkflowKind } from "@/lib/generated/prisma/enums";
import { boardFiltersActive, boardQueryString, type BoardQuery } from "@/lib/validation/board";
import { inputClass } from "@/components/ui/field";
import { TYPE_LABELS } from "@/lib/domain/tickets/labels";
import { PeoplePicker, TagPicker } from "@/components/ui/search-combobox";

const TYPES: Record<WorkflowKind, TicketType[]> = {
  support: ["request", "incident", "problem", "question"],
  change: ["change"],
  kanban: ["task", "bug", "story", "epic"],
};
// The shared input style without its full width: these controls size to their content.
const selectClass = `${inputClass.replace("block w-full", "block w-auto")} py-1.5 pr-8`;

/** Search and filters of the board; every change is a navigation, so the URL holds the view. */
export function BoardFilters({
  projectKey,
  workflow,
  query,
  people,
  teams,
}: {
  projectKey: string;
  workflow: WorkflowKind;
  query: BoardQuery;
  /** Names of the people the assignee filter holds (found by id); others are found by typing. */
  people: { id: string; name: string }[];
  /** The organization's teams (a capped list, the chosen ones kept). */
  teams: { id: string; name: string }[];
}) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [q, setQ] = useState(query.q ?? "");
  // The box follows the URL when a navigation changes its search.
  const [urlQ, setUrlQ] = useState(query.q);
  if (urlQ !== query.q) {
    setUrlQ(query.q);
    setQ(query.q ?? "");
  }

  const go = (patch: Partial<BoardQuery>) => {
    const qs = boardQueryString({ ...query, ...patch });
    startTransition(() => router.push(qs ? `/board/${projectKey}?${qs}` : `/board/${projectKey}`));
  };
  // Below md the filters fold behind a "Filters" button (the board would start a screen down):
  // shown while any is set, until the user folds them; from md always shown.
  const [unfolded, setUnfolded] = useState<boolean | null>(null);
  const set = query.assignee.length + query.team.length + query.tag.length + query.type.length;
  const open = unfolded ?? set > 0;
  const panelId = useId();
  const one = (values: string[]) => (values.length === 1 ? values[0]! : values.length ? "__many" : "");

  return (
    <div className={`mb-4 flex flex-wrap items-end gap-2 transition-opacity ${pending ? "opacity-60" : ""}`} aria-busy={pending || undefined}>
      <form
        role="search"
        className="max-md:min-w-0 max-md:flex-1 md:flex-1"
        onSubmit={(e) => {
          e.preventDefault();
          go({ q: q.trim() || undefined });
        }}
      >
        <label htmlFor="board-search" className="sr-only">
          Search
        </label>
        <input
          id="board-search"
          type="search"
          value={q}
          onChange={(e) => setQ(e.target.value)}
          placeholder="Search numbers and titles…"
          className={`${inputClass} py-1.5 max-md:min-h-11 md:max-w-sm`}
        />
      </form>
      <button
        type="button"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setUnfolded(!open)}
        className="inline-flex min-h-11 items-center gap-1.5 rounded-md bg-white px-3 text-sm font-medium text-slate-700 ring-1 ring-slate-300 ring-inset hover:bg-slate-50 aria-expanded:bg-slate-100 md:hidden"
      >
        Filters
        {set ? (
          <>
            <span aria-hidden className="rounded-full bg-brand-600 px-1.5 text-xs leading-5 text-white">
              {set}
            </span>
            <span className="sr-only">({set} set)</span>
          </>
        ) : null}
      </button>
      {/* md:contents: from md the wrapper adds no box, the controls sit in the row beside the search. */}
      <div id={panelId} className={`${open ? "flex" : "hidden"} w-full flex-col gap-2 md:contents`}>
        <Select label="Assignee" value={one(query.assignee)} onChange={(v) => go({ assignee: v ? [v] : [] })}>
          <option value="">Anyone</option>
          <option value="me">Me</option>
          <option value="none">Unassigned</option>
          {query.assignee.length > 1 ? <option value="__many">{query.assignee.length} people</option> : null}
          {people.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </Select>
        <PeoplePicker label="Find person" layout="row" placeholder="Type a name…" className={`w-60 ${PHONE_ROW}`} exclude={query.assignee} onPick={(p) => p && go({ assignee: [p.id] })} />
        <Select label="Team" value={one(query.team)} onChange={(v) => go({ team: v ? [v] : [] })}>
          <option value="">Any team</option>
          <option value="mine">My teams</option>
          <option value="none">No team</option>
          {query.team.length > 1 ? <option value="__many">{query.team.length} teams</option> : null}
          {teams.map((t) => (
            <option key={t.id} value={t.id}>
              {t.name}
            </option>
          ))}
        </Select>
        {TYPES[workflow].length > 1 ? (
          <Select label="Type" value={one(query.type)} onChange={(v) => go({ type: v ? [v as TicketType] : [] })}>
            <option value="">Any type</option>
            {query.type.length > 1 ? <option value="__many">{query.type.length} types</option> : null}
            {TYPES[workflow].map((t) => (
              <option key={t} value={t}>
                {TYPE_LABELS[t]}
              </option>
            ))}
          </Select>
        ) : null}
        {/* Tags are found by typing: the select holds only the chosen ones, to see and clear them. */}
        {query.tag.length ? (
          <Select label="Tag" value={one(query.tag)} onChange={(v) => go({ tag: v ? [v] : [] })}>
            <option value="">Any tag</option>
            {query.tag.length > 1 ? <option value="__many">{query.tag.length} tags</option> : null}
            {query.tag.map((t) => (
              <option key={t} value={t}>
                {t}
              </option>
            ))}
          </Select>
        ) : null}
        <TagPicker label="Find tag" layout="row" className={`w-52 ${PHONE_ROW}`} exclude={query.tag} onPick={(t) => t && go({ tag: [t.name] })} />
      </div>
      {boardFiltersActive(query) ? (
        <button type="button" onClick={() => go({ assignee: [], team: [], type: [], tag: [], q: undefined })} className="min-h-11 px-2 py-1.5 text-sm text-brand-700 hover:underline md:min-h-0">
          Clear filters
        </button>
      ) : null}
    </div>
  );
}

/** Below md each filter is a row of the screen's width: its label in a fixed column, the control 44 px tall filling the rest. */
const PHONE_ROW = "max-md:w-full max-md:[&>label]:w-24 max-md:[&>label]:shrink-0 max-md:[&_input]:min-h-11 max-md:[&_select]:min-h-11 max-md:[&_select]:min-w-0 max-md:[&_select]:flex-1";

function Select({ label, value, onChange, children }: { label: string; value: string; onChange: (v: string) => void; children: React.ReactNode }) {
  const id = `board-filter-${label.toLowerCase()}`;
  return (
    <div className={`flex items-center gap-1.5 ${PHONE_ROW}`}>
      <label htmlFor={id} className="text-xs font-medium text-slate-600">
        {label}
      </label>
      <select id={id} value={value} onChange={(e) => e.target.value !== "__many" && onChange(e.target.value)} className={selectClass}>
        {children}
      </select>
    </div>
  );
}
