"use client";

import Link from "next/link";
import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { deleteViewAction, saveViewAction } from "@/lib/actions/desk";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";

/** The user's own named views: links to desk URLs, saved from the current one. */
export function SavedViews({ views, currentQuery }: { views: { id: string; name: string; query: string }[]; currentQuery: string }) {
  const router = useRouter();
  const [name, setName] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  return (
    <nav aria-label="Saved views" className="flex flex-wrap items-center gap-2 text-sm">
      <span className="text-slate-500">Views:</span>
      <Link href="/desk" className={`inline-flex items-center rounded-full px-2.5 py-1 max-md:min-h-11 ${currentQuery === "" ? "bg-slate-800 text-white" : "bg-white text-slate-700 ring-1 ring-slate-200 hover:bg-slate-50"}`}>
        Open work
      </Link>
      {views.map((v) => (
        <span key={v.id} className={`group inline-flex items-center rounded-full ${v.query === currentQuery ? "bg-slate-800 text-white" : "bg-white text-slate-700 ring-1 ring-slate-200"}`}>
          <Link href={v.query ? `/desk?${v.query}` : "/desk"} className="inline-flex items-center py-1 pl-2.5 pr-1.5 hover:underline max-md:min-h-11">{v.name}</Link>
          <button
            type="button"
            aria-label={`Delete view ${v.name}`}
            onClick={() => startTransition(async () => { await deleteViewAction({ id: v.id }); router.refresh(); })}
            className="grid place-items-center pr-2 text-xs opacity-50 hover:opacity-100 max-md:min-h-11 max-md:min-w-11 max-md:pr-0"
          >
            ✕
          </button>
        </span>
      ))}
      <form
        className="flex items-center gap-1.5"
        onSubmit={(e) => {
          e.preventDefault();
          setError(null);
          startTransition(async () => {
            const res = await saveViewAction({ name, query: currentQuery });
            if (!res.ok) setError(res.fieldErrors?.name?.join(" ") ?? res.message);
            else {
              setName("");
              router.refresh();
            }
          });
        }}
      >
        <label htmlFor="view-name" className="sr-only">View name</label>
        <input id="view-name" value={name} onChange={(e) => setName(e.target.value)} placeholder="Name this view" className={`${inputClass} w-40 py-1`} />
        <Button type="submit" variant="secondary" disabled={!name.trim() || pending} className="py-1">Save view</Button>
        {error ? <span role="alert" className="text-red-700">{error}</span> : null}
      </form>
    </nav>
  );
}
