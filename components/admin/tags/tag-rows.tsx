"use client";

import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { deleteTagAction, mergeTagsAction } from "@/lib/actions/tags";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { ConfirmDelete } from "@/components/ui/confirm-delete";
import { TagPicker, type Choice } from "@/components/ui/search-combobox";
import { Swatch, TagForm } from "./tag-form";

export interface TagView {
  id: string;
  name: string;
  color: string;
  description: string;
  version: number;
  /** Tickets carrying it, as shown ("10,000+" past the cap). */
  ticketsLabel: string;
  tickets: number;
}

type Mode = "view" | "edit" | "merge" | "delete";

const plural = (n: number, label: string) => `${label} ${n === 1 ? "ticket" : "tickets"}`;

function TagRow({ tag }: { tag: TagView }) {
  const router = useRouter();
  const [mode, setMode] = useState<Mode>("view");
  const [target, setTarget] = useState<Choice | null>(null);
  const [error, setError] = useState<{ message: string; field?: string } | null>(null);
  const [pending, startTransition] = useTransition();

  function merge(e: React.FormEvent) {
    e.preventDefault();
    if (!target) return setError({ message: "Choose the tag to merge into.", field: "target" });
    startTransition(async () => {
      setError(null);
      const res = await mergeTagsAction({ sourceId: tag.id, target: target.name });
      if (!res.ok) return setError({ message: res.fieldErrors?.target?.[0] ?? res.message, field: res.fieldErrors?.target ? "target" : undefined });
      setMode("view");
      router.refresh();
    });
  }
  function remove() {
    startTransition(async () => {
      setError(null);
      const res = await deleteTagAction({ id: tag.id });
      if (!res.ok) return setError({ message: res.message });
      router.refresh();
    });
  }

  return (
    <li className="py-4 first:pt-0 last:pb-0" aria-label={tag.name}>
      {mode === "edit" ? (
        <TagForm initial={{ id: tag.id, version: tag.version, name: tag.name, color: tag.color, description: tag.description }} onDone={() => setMode("view")} />
      ) : (
        <div className="flex flex-wrap items-start justify-between gap-3">
          <div className="min-w-0 flex-1 basis-56">
            <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
              <span className="font-medium break-all text-slate-900">{tag.name}</span>
              <Swatch color={tag.color} />
              <span className="text-xs text-slate-500">{plural(tag.tickets, tag.ticketsLabel)}</span>
            </div>
            {tag.description ? <p className="mt-1 text-sm break-words text-slate-600">{tag.description}</p> : null}
          </div>
          {mode === "view" ? (
            <div className="flex shrink-0 flex-wrap gap-2">
              <Button variant="secondary" aria-label={`Edit ${tag.name}`} onClick={() => setMode("edit")}>
                Edit
              </Button>
              <Button variant="secondary" aria-label={`Merge ${tag.name}`} onClick={() => setMode("merge")}>
                Merge
              </Button>
              <Button variant="ghost" aria-label={`Delete ${tag.name}`} onClick={() => setMode("delete")}>
                Delete
              </Button>
            </div>
          ) : null}
        </div>
      )}
      {mode === "merge" ? (
        <form onSubmit={merge} noValidate className="mt-3 rounded-md bg-slate-50 p-3 ring-1 ring-slate-200">
          <p className="text-sm text-slate-700">
            Every ticket tagged “{tag.name}” gets the tag you choose (once), then “{tag.name}” is deleted.
          </p>
          <div className="mt-2 flex flex-wrap items-end gap-2">
            <div className="min-w-0 flex-1 basis-56">
              <TagPicker
                label={`Merge ${tag.name} into`}
                labelClassName="block text-sm font-medium text-slate-800"
                value={target}
                onPick={setTarget}
                exclude={[tag.name]}
                invalid={error?.field === "target"}
                listLabel="Tag suggestions"
              />
            </div>
            <Button type="submit" disabled={pending}>
              {pending ? "Merging…" : "Merge tags"}
            </Button>
            <Button type="button" variant="secondary" disabled={pending} onClick={() => setMode("view")}>
              Cancel
            </Button>
          </div>
        </form>
      ) : null}
      {mode === "delete" ? (
        <ConfirmDelete name={tag.name} confirmLabel="Delete tag" pending={pending} onConfirm={remove} onKeep={() => setMode("view")} className="mt-3">
          {tag.tickets === 0
            ? `Delete “${tag.name}”? No ticket carries it.`
            : `Delete “${tag.name}”? It is removed from the ${plural(tag.tickets, tag.ticketsLabel)} that carry it.`}
        </ConfirmDelete>
      ) : null}
      {error ? (
        <div className="mt-2">
          <Notice message={error.message} />
        </div>
      ) : null}
    </li>
  );
}

export function TagList({ tags }: { tags: TagView[] }) {
  return (
    <ul aria-label="Tags" className="divide-y divide-slate-100">
      {tags.map((t) => (
        <TagRow key={`${t.id}:${t.version}`} tag={t} />
      ))}
    </ul>
  );
}
