"use client";

import { useEffect, useRef, useState } from "react";
import type { DeskQuery } from "@/lib/validation/desk";
import { STATUS_LABELS } from "@/lib/domain/tickets/workflow";
import { PRIORITY_LABELS, TYPE_LABELS } from "@/lib/domain/tickets/labels";
import { inputClass } from "@/components/ui/field";
import { CustomerPicker, PeoplePicker, TagPicker, type Choice, type Person } from "@/components/ui/search-combobox";
import { MultiSelect } from "./multi-select";

export interface FilterOptions {
  projects: { key: string; name: string }[];
  /** Names of the people the assignee filter holds (found by id), never the organization's staff. */
  people: { id: string; name: string }[];
  /** The organization's teams (configuration: a capped list, the chosen ones kept). */
  teams: { id: string; name: string }[];
  /** Names of the customers the customer filter holds (found by id), never the organization's customers. */
  customers: { id: string; name: string }[];
}

/** Search and filters; each change navigates (the URL holds the view). */
export function DeskFilters({
  query,
  options,
  go,
  searchError,
}: {
  query: DeskQuery;
  options: FilterOptions;
  go: (o: Partial<Record<keyof DeskQuery, unknown>>) => void;
  searchError?: string;
}) {
  const [q, setQ] = useState(query.q ?? "");
  // People picked in this visit, so their names show before the page's own names arrive.
  const [picked, setPicked] = useState<Person[]>([]);
  const [pickedTags, setPickedTags] = useState<string[]>([]);
  const [pickedCustomers, setPickedCustomers] = useState<Choice[]>([]);
  const customers = [...options.customers, ...pickedCustomers.filter((c) => !options.customers.some((o) => o.id === c.id))].filter((c) => query.customer.includes(c.id));
  const people = [...options.people, ...picked.filter((p) => !options.people.some((o) => o.id === p.id))].filter((p) => query.assignee.includes(p.id) || picked.includes(p));
  const search = useRef<HTMLInputElement>(null);
  // The box follows the URL when a navigation changes its search.
  const [urlQ, setUrlQ] = useState(query.q);
  if (urlQ !== query.q) {
    setUrlQ(query.q);
    setQ(query.q ?? "");
  }
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const t = e.target as HTMLElement;
      if (e.key === "/" && !["INPUT", "TEXTAREA", "SELECT"].includes(t.tagName) && !t.isContentEditable) {
        e.preventDefault();
        search.current?.focus();
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);

  const active =
    query.status.length + query.priority.length + query.type.length + query.project.length + query.assignee.length + query.requester.length + query.team.length + query.tag.length + query.customer.length > 0 ||
    query.state !== "open" ||
    !!(query.q || query.box || query.createdFrom || query.createdTo || query.updatedFrom || query.updatedTo);

  return (
    <div className="space-y-3">
      <form
        role="search"
        action="/desk"
        onSubmit={(e) => {
          e.preventDefault();
          go({ q: q.trim() || undefined });
        }}
        className="flex flex-wrap items-center gap-2"
      >
        <label htmlFor="desk-search" className="sr-only">
          Search
        </label>
        <input
          ref={search}
          id="desk-search"
          name="q"
          type="search"
          value={q}
          onChange={(e) => setQ(e.target.value)}
          placeholder="Search numbers, titles, descriptions and replies…  ( / )"
          className={`${inputClass} max-w-xl max-md:min-h-11`}
          aria-invalid={searchError ? true : undefined}
          aria-describedby={searchError ? "desk-search-error" : undefined}
        />
        {searchError ? (
          <p id="desk-search-error" className="basis-full text-sm text-red-600">
            {searchError}
          </p>
        ) : null}
      </form>
      <div className="flex flex-wrap items-center gap-2">
        <MultiSelect
          label="Status"
          emptyLabel={query.state === "all" ? "Any" : "Open work"}
          options={Object.entries(STATUS_LABELS).map(([value, label]) => ({ value, label }))}
          selected={query.status}
          onChange={(v) => go({ status: v })}
        >
          {/* Without ticked statuses: open work (the default) or every ticket, closed and drafts included. */}
          <div role="radiogroup" aria-label="Without a chosen status" className="mb-1 border-b border-slate-100 px-1 pb-1">
            {(
              [
                ["open", "Open work"],
                ["all", "Any status"],
              ] as const
            ).map(([value, text]) => (
              <label key={value} className="flex items-center gap-2 rounded px-2 py-1 text-sm hover:bg-slate-50 max-md:min-h-11">
                <input
                  type="radio"
                  name="desk-state"
                  checked={query.status.length === 0 && query.state === value}
                  onChange={() => go({ state: value, status: [] })}
                  className="h-4 w-4 border-slate-300"
                />
                {text}
              </label>
            ))}
          </div>
        </MultiSelect>
        <MultiSelect label="Priority" options={(["critical", "high", "normal", "low"] as const).map((p) => ({ value: p, label: PRIORITY_LABELS[p] }))} selected={query.priority} onChange={(v) => go({ priority: v })} />
        <MultiSelect label="Type" options={Object.entries(TYPE_LABELS).map(([value, label]) => ({ value, label }))} selected={query.type} onChange={(v) => go({ type: v })} />
        <MultiSelect label="Project" options={options.projects.map((p) => ({ value: p.key, label: `${p.key} · ${p.name}` }))} selected={query.project} onChange={(v) => go({ project: v })} />
        <MultiSelect
          label="Assignee"
          options={[{ value: "none", label: "Unassigned" }, { value: "me", label: "Me" }, ...people.map((s) => ({ value: s.id, label: s.name }))]}
          selected={query.assignee}
          onChange={(v) => go({ assignee: v })}
        >
          <PeoplePicker
            label="Find person"
            inline
            className="mb-1 px-1 pb-1"
            exclude={query.assignee}
            onPick={(p) => {
              if (!p) return;
              setPicked((list) => [...list.filter((x) => x.id !== p.id), p]);
              go({ assignee: [...query.assignee, p.id] });
            }}
          />
        </MultiSelect>
        <MultiSelect
          label="Team"
          options={[{ value: "mine", label: "My teams" }, { value: "none", label: "No team" }, ...options.teams.map((t) => ({ value: t.id, label: t.name }))]}
          selected={query.team}
          onChange={(v) => go({ team: v })}
        />
        {/* Tags are found by typing too: the options are the ones chosen (and picked in this visit). */}
        <MultiSelect label="Tag" options={[...new Set([...query.tag, ...pickedTags])].map((t) => ({ value: t, label: t }))} selected={query.tag} onChange={(v) => go({ tag: v })}>
          <TagPicker
            label="Find tag"
            inline
            className="mb-1 px-1 pb-1"
            exclude={query.tag}
            onPick={(t) => {
              if (!t) return;
              setPickedTags((list) => [...new Set([...list, t.name])]);
              go({ tag: [...query.tag, t.name] });
            }}
          />
        </MultiSelect>
        {/* Customers too: the options are the chosen ones (named by id on the server) and those picked in this visit. */}
        <MultiSelect label="Customer" options={customers.map((c) => ({ value: c.id, label: c.name }))} selected={query.customer} onChange={(v) => go({ customer: v })}>
          <CustomerPicker
            label="Find customer"
            inline
            className="mb-1 px-1 pb-1"
            exclude={query.customer}
            onPick={(c) => {
              if (!c) return;
              setPickedCustomers((list) => [...list.filter((x) => x.id !== c.id), c]);
              go({ customer: [...query.customer, c.id] });
            }}
          />
        </MultiSelect>
        <details className="relative">
          <summary className="flex cursor-pointer list-none items-center gap-1.5 rounded-md bg-white px-2.5 py-1.5 text-sm text-slate-700 ring-1 ring-inset ring-slate-300 hover:bg-slate-50 max-md:min-h-11">
            <span className="font-medium">Dates</span>
            <span className="text-slate-500">{query.createdFrom || query.createdTo || query.updatedFrom || query.updatedTo ? "set" : "Any"}</span>
          </summary>
          <div className="absolute z-30 mt-1 grid w-72 grid-cols-2 max-md:fixed max-md:inset-x-4 max-md:w-auto gap-2 rounded-md bg-white p-3 shadow-lg ring-1 ring-slate-200">
            {(
              [
                ["createdFrom", "Created from"],
                ["createdTo", "Created to"],
                ["updatedFrom", "Updated from"],
                ["updatedTo", "Updated to"],
              ] as const
            ).map(([key, label]) => (
              <label key={key} className="text-xs text-slate-600">
                {label}
                <input type="date" defaultValue={query[key] ?? ""} onChange={(e) => go({ [key]: e.target.value || undefined })} className={`${inputClass} mt-1`} />
              </label>
            ))}
          </div>
        </details>
        {query.requester.length ? (
          <button type="button" onClick={() => go({ requester: [] })} className="rounded-full bg-slate-100 px-2.5 py-1 text-xs text-slate-700 hover:bg-slate-200 max-md:min-h-11">
            Requester filter ✕
          </button>
        ) : null}
        {active ? (
          <a href="/desk" className="ml-1 text-sm text-brand-700 hover:underline max-md:inline-flex max-md:min-h-11 max-md:items-center">
            Clear all
          </a>
        ) : null}
      </div>
    </div>
  );
}
