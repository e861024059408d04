"use client";

import { useState } from "react";
import { createSubtaskAction } from "@/lib/actions/relationships";
import type { LinkView } from "@/lib/domain/relationships/list-links";
import { progressText, type SubtaskProgress } from "@/lib/domain/relationships/link-types";
import { Button } from "@/components/ui/button";
import { Field, inputClass } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { useTicketAction } from "@/components/tickets/use-ticket-action";
import { LinkRow } from "./links-panel";

/** Progress over the subtasks ("3 of 5 done", done = a terminal status), their list, and "Add subtask". */
export function SubtasksPanel({
  parentId,
  subtasks,
  progress,
  canAdd,
  hrefBase,
}: {
  parentId: string;
  subtasks: LinkView[];
  progress: SubtaskProgress;
  canAdd: boolean;
  hrefBase: string;
}) {
  const { run, pending, error, fieldErrors } = useTicketAction();
  const [adding, setAdding] = useState(false);
  const [title, setTitle] = useState("");
  const [description, setDescription] = useState("");
  const text = progressText(progress);
  const percent = progress.total ? Math.round((progress.done / progress.total) * 100) : 0;

  function submit(e: React.FormEvent) {
    e.preventDefault();
    run(() => createSubtaskAction({ parentId, title, description })).then((ok) => {
      if (!ok) return;
      setTitle("");
      setDescription("");
      setAdding(false);
    });
  }

  return (
    <section aria-labelledby="subtasks-heading" className="rounded-lg bg-white p-4 shadow-xs ring-1 ring-slate-200">
      <div className="flex items-center justify-between gap-3">
        <h2 id="subtasks-heading" className="text-sm font-semibold text-slate-900">
          Subtasks
        </h2>
        {canAdd && !adding ? (
          <Button type="button" variant="secondary" onClick={() => setAdding(true)} className="px-2.5 py-1 text-xs">
            Add subtask
          </Button>
        ) : null}
      </div>
      {progress.total ? (
        <div className="mt-2 flex items-center gap-3">
          <div
            role="progressbar"
            aria-label="Subtask progress"
            aria-valuemin={0}
            aria-valuemax={progress.total}
            aria-valuenow={progress.done}
            aria-valuetext={text}
            className="h-2 flex-1 overflow-hidden rounded-full bg-slate-100"
          >
            <div className="h-full rounded-full bg-emerald-500 transition-[width]" style={{ width: `${percent}%` }} />
          </div>
          <span className="text-xs font-medium whitespace-nowrap text-slate-600" data-testid="subtask-progress">
            {text}
          </span>
        </div>
      ) : (
        <p className="mt-2 text-sm text-slate-500">No subtasks yet.</p>
      )}
      {subtasks.length ? (
        <ul aria-label="Subtask list" className="mt-2 divide-y divide-slate-100">
          {subtasks.map((s) => (
            <LinkRow key={s.id} link={s} href={`${hrefBase}/${s.ticket.number}`} />
          ))}
        </ul>
      ) : null}
      {adding ? (
        <form onSubmit={submit} aria-label="Add subtask" className="mt-3 space-y-3 border-t border-slate-100 pt-3">
          <Field id="subtask-title" label="Subtask title" error={fieldErrors.title}>
            <input
              id="subtask-title"
              value={title}
              onChange={(e) => setTitle(e.target.value)}
              maxLength={200}
              autoFocus
              aria-invalid={fieldErrors.title ? true : undefined}
              aria-describedby={fieldErrors.title ? "subtask-title-error" : undefined}
              className={inputClass}
            />
          </Field>
          <Field id="subtask-description" label="Subtask description" hint="Optional." error={fieldErrors.description}>
            <textarea id="subtask-description" rows={3} value={description} onChange={(e) => setDescription(e.target.value)} className={inputClass} />
          </Field>
          {!fieldErrors.title ? <Notice message={error} /> : null}
          <div className="flex justify-end gap-2">
            <Button type="button" variant="secondary" onClick={() => setAdding(false)}>
              Cancel
            </Button>
            <Button type="submit" disabled={pending}>
              {pending ? "Creating…" : "Create subtask"}
            </Button>
          </div>
        </form>
      ) : null}
    </section>
  );
}
