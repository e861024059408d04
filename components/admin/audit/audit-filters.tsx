"use client";

import { useState } from "react";
import { useRouter } from "next/navigation";
import { SearchCombobox, type Choice } from "@/components/ui/search-combobox";
import { useViewerTimeZone } from "@/components/ui/local-time";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";

export interface AuditFilterValues {
  action: string;
  actor: Choice | null;
  from: string;
  to: string;
}

const actorSearchUrl = (q: string) => {
  const term = q.trim().slice(0, 100);
  return `/api/admin/audit/actors${term ? `?${new URLSearchParams({ q: term })}` : ""}`;
};

/**
 * The audit log's filter: action, actor (found on the server as you type) and
 * a day range read in the viewer's time zone (sent along as tz). Applying it
 * starts again from the newest page.
 */
export function AuditFilters({ initial, actions, errors }: { initial: AuditFilterValues; actions: { value: string; label: string }[]; errors: Record<string, string[]> }) {
  const router = useRouter();
  const tz = useViewerTimeZone();
  // The actor is the one value only the client knows (the picker); action and
  // days are read from the form itself, so a choice made before hydration
  // counts, and the form works as a plain GET without JavaScript.
  const [actor, setActor] = useState(initial.actor);
  const [days, setDays] = useState(Boolean(initial.from || initial.to));

  function apply(next: AuditFilterValues) {
    const params = new URLSearchParams();
    if (next.action) params.set("action", next.action);
    if (next.actor) params.set("actor", next.actor.id);
    if (next.from) params.set("from", next.from);
    if (next.to) params.set("to", next.to);
    if ((next.from || next.to) && tz) params.set("tz", tz);
    const s = params.toString();
    router.push(`/admin/audit${s ? `?${s}` : ""}`);
  }

  const error = (key: string) =>
    errors[key]?.length ? (
      <p id={`audit-${key}-error`} className="mt-1 text-xs text-red-600">
        {errors[key]!.join(" ")}
      </p>
    ) : null;
  const described = (key: string) => (errors[key]?.length ? `audit-${key}-error` : undefined);
  const blank: AuditFilterValues = { action: "", actor: null, from: "", to: "" };
  const filtered = initial.action || initial.actor || initial.from || initial.to;

  return (
    <form
      role="search"
      aria-label="Filter the audit log"
      action="/admin/audit"
      method="get"
      onSubmit={(e) => {
        e.preventDefault();
        const form = new FormData(e.currentTarget);
        const text = (key: string) => String(form.get(key) ?? "");
        apply({ action: text("action"), actor, from: text("from"), to: text("to") });
      }}
      onChange={(e) => {
        const form = e.currentTarget;
        const value = (name: string) => (form.elements.namedItem(name) as HTMLInputElement | null)?.value;
        setDays(Boolean(value("from") || value("to")));
      }}
      className="grid gap-3 rounded-lg bg-white p-4 shadow-xs ring-1 ring-slate-200 sm:grid-cols-2 xl:grid-cols-[1fr_1fr_auto_auto_auto] xl:items-end"
    >
      <div>
        <label htmlFor="audit-action" className="block text-xs font-medium text-slate-700">
          Action
        </label>
        <select id="audit-action" name="action" defaultValue={initial.action} aria-describedby={described("action")} className={`${inputClass} mt-1`}>
          <option value="">All actions</option>
          {actions.map((a) => (
            <option key={a.value} value={a.value}>
              {a.label}
            </option>
          ))}
        </select>
        {error("action")}
      </div>
      <div>
        <SearchCombobox
          searchUrl={actorSearchUrl}
          id="audit-actor"
          label="Actor"
          placeholder="Type a name or e-mail…"
          listLabel="Actor suggestions"
          value={actor}
          onPick={setActor}
          describedBy={described("actor")}
        />
        {actor ? <input type="hidden" name="actor" value={actor.id} /> : null}
        {error("actor")}
      </div>
      <div>
        <label htmlFor="audit-from" className="block text-xs font-medium text-slate-700">
          From
        </label>
        <input id="audit-from" name="from" type="date" defaultValue={initial.from} aria-describedby={described("from")} aria-invalid={errors.from ? true : undefined} className={`${inputClass} mt-1`} />
        {error("from")}
      </div>
      <div>
        <label htmlFor="audit-to" className="block text-xs font-medium text-slate-700">
          To
        </label>
        <input id="audit-to" name="to" type="date" defaultValue={initial.to} aria-describedby={described("to")} aria-invalid={errors.to ? true : undefined} className={`${inputClass} mt-1`} />
        {error("to")}
      </div>
      <div className="flex gap-2 sm:col-span-2 xl:col-span-1">
        <Button type="submit">Apply</Button>
        {filtered ? (
          <Button
            type="button"
            variant="secondary"
            onClick={() => apply(blank)}
          >
            Clear
          </Button>
        ) : null}
      </div>
      {tz ? <input type="hidden" name="tz" value={tz} /> : null}
      {tz && days ? <p className="text-xs text-slate-500 sm:col-span-2 xl:col-span-5">Days are read in your time zone, {tz}.</p> : null}
    </form>
  );
}
