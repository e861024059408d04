"use client";

import { useCallback, useEffect, useId, useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import type { ColumnCategory } from "@/lib/generated/prisma/enums";
import type { ActionResult } from "@/lib/actions/safe-action";
import { addColumnAction, moveColumnAction, removeColumnAction, updateColumnAction } from "@/lib/actions/board";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { useModalDialog } from "@/components/ui/use-modal-dialog";

export interface AdminColumn {
  id: string;
  name: string;
  color: string;
  category: ColumnCategory;
  wipLimit: number | null;
  cards: number;
}

// The shared input style, without its full width: the row's controls have widths of their own.
const control = inputClass.replace("block w-full", "block");

const CATEGORY_LABELS: Record<ColumnCategory, string> = { todo: "To do", in_progress: "In progress", review: "Review", done: "Done" };

/** Kanban column admin for org.manage holders: add, rename, recolour, reorder, remove (empty columns only). */
type ColumnChanges = { name?: string; color?: string; wipLimit?: number | null };

export function ColumnAdmin({ projectKey, columns }: { projectKey: string; columns: AdminColumn[] }) {
  const [open, setOpen] = useState(false);
  const ref = useModalDialog(open);
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<{ message: string; fieldErrors?: Record<string, string[]> } | null>(null);
  const uid = useId();
  // Rows with edits not saved yet (name, colour, WIP limit): closing asks what to do with them.
  const [unsaved, setUnsaved] = useState<Record<string, ColumnChanges>>({});
  const [asking, setAsking] = useState(false);
  const [resetKey, setResetKey] = useState(0);
  const onEdit = useCallback((id: string, changes: ColumnChanges | null) => {
    setUnsaved((u) => {
      if (!changes && !(id in u)) return u;
      const next = { ...u };
      if (changes) next[id] = changes;
      else delete next[id];
      return next;
    });
  }, []);
  const edited = columns.filter((c) => c.id in unsaved);
  const requestClose = () => {
    if (edited.length) setAsking(true);
    else setOpen(false);
  };
  const discard = () => {
    setUnsaved({});
    setResetKey((k) => k + 1);
    setAsking(false);
    setOpen(false);
  };
  const saveAndClose = () =>
    startTransition(async () => {
      setError(null);
      for (const c of edited) {
        const res = await updateColumnAction({ columnId: c.id, ...unsaved[c.id]! });
        if (!res.ok) {
          setAsking(false);
          setError({ message: `${c.name}: ${res.message}`, fieldErrors: res.fieldErrors });
          router.refresh();
          return;
        }
      }
      setUnsaved({});
      setAsking(false);
      setOpen(false);
      router.refresh();
    });

  const run = <T,>(action: () => Promise<ActionResult<T>>, onOk?: () => void) =>
    startTransition(async () => {
      setError(null);
      const res = await action();
      if (res.ok) {
        onOk?.();
        router.refresh();
      } else setError({ message: res.message, fieldErrors: res.fieldErrors });
    });

  return (
    <>
      <Button type="button" variant="secondary" onClick={() => setOpen(true)}>
        Manage columns
      </Button>
      <dialog
        ref={ref}
        onClose={() => setOpen(false)}
        onCancel={(e) => {
          // Escape with unsaved edits asks first, like the Close button.
          if (edited.length) {
            e.preventDefault();
            setAsking(true);
          }
        }}
        aria-labelledby={`${uid}-title`}
        className="m-auto w-full max-w-3xl rounded-xl p-0 shadow-xl backdrop:bg-slate-900/40"
      >
        <div className="space-y-4 p-6">
          <div className="flex items-start justify-between gap-4">
            <div>
              <h2 id={`${uid}-title`} className="text-base font-semibold">
                Columns of {projectKey}
              </h2>
              <p className="mt-1 text-sm text-slate-600">Each column maps to a category; a card’s status follows its column. A column with cards can be removed once they have moved.</p>
            </div>
            <Button type="button" variant="ghost" onClick={requestClose}>
              Close
            </Button>
          </div>
          {asking && edited.length ? (
            <div role="alert" className="space-y-3 rounded-lg bg-amber-50 p-4 text-sm text-amber-900 ring-1 ring-amber-200">
              <p>
                {edited.length === 1 ? `${edited[0]!.name} has` : `${edited.map((c) => c.name).join(", ")} have`} changes that are not saved. Save them before closing?
              </p>
              <div className="flex flex-wrap gap-2">
                <Button type="button" disabled={pending} onClick={saveAndClose}>
                  Save and close
                </Button>
                <Button type="button" variant="secondary" disabled={pending} onClick={discard}>
                  Discard changes
                </Button>
                <Button type="button" variant="ghost" disabled={pending} onClick={() => setAsking(false)}>
                  Keep editing
                </Button>
              </div>
            </div>
          ) : null}
          <Notice message={error?.message ?? null} fieldErrors={error?.fieldErrors} />
          <ol className="divide-y divide-slate-100 rounded-lg ring-1 ring-slate-200" aria-label="Columns">
            {columns.map((c, i) => (
              <ColumnRow
                key={`${c.id}:${c.name}:${c.color}:${c.wipLimit}:${resetKey}`}
                column={c}
                onEdit={onEdit}
                first={i === 0}
                last={i === columns.length - 1}
                pending={pending}
                onSave={(changes) => run(() => updateColumnAction({ columnId: c.id, ...changes }))}
                onMove={(delta) => run(() => moveColumnAction({ columnId: c.id, position: i + delta }))}
                onRemove={() => run(() => removeColumnAction({ columnId: c.id }))}
              />
            ))}
          </ol>
          <AddColumn pending={pending} onAdd={(input, reset) => run(() => addColumnAction({ projectKey, ...input }), reset)} />
        </div>
      </dialog>
    </>
  );
}

function ColumnRow({
  column,
  first,
  last,
  pending,
  onSave,
  onMove,
  onRemove,
  onEdit,
}: {
  column: AdminColumn;
  /** Tells the dialog what this row holds unsaved (null: nothing). */
  onEdit: (id: string, changes: ColumnChanges | null) => void;
  first: boolean;
  last: boolean;
  pending: boolean;
  onSave: (changes: ColumnChanges) => void;
  onMove: (delta: number) => void;
  onRemove: () => void;
}) {
  const [name, setName] = useState(column.name);
  const [color, setColor] = useState(column.color);
  const [wip, setWip] = useState(column.wipLimit?.toString() ?? "");
  const wipValue = wip.trim() === "" ? null : Number(wip);
  const dirty = name.trim() !== column.name || color !== column.color || wipValue !== column.wipLimit;
  useEffect(() => {
    onEdit(column.id, dirty ? { name: name.trim(), color, wipLimit: wipValue } : null);
  }, [onEdit, column.id, dirty, name, color, wipValue]);
  // A row that goes away (saved, removed) holds nothing any more.
  useEffect(() => () => onEdit(column.id, null), [onEdit, column.id]);
  const id = `col-${column.id}`;
  return (
    <li className="flex items-center gap-2 px-3 py-2.5">
      <input
        type="color"
        value={color}
        onChange={(e) => setColor(e.target.value)}
        aria-label={`Colour of ${column.name}`}
        className="h-7 w-7 shrink-0 cursor-pointer rounded border-0 bg-transparent p-0"
      />
      <input id={`${id}-name`} value={name} onChange={(e) => setName(e.target.value)} aria-label={`Name of ${column.name}`} className={`${control} w-40 min-w-0 py-1.5`} />
      <span className="shrink-0 rounded bg-slate-100 px-1.5 py-0.5 text-xs whitespace-nowrap text-slate-600">{CATEGORY_LABELS[column.category]}</span>
      <input
        type="number"
        min={1}
        max={999}
        value={wip}
        onChange={(e) => setWip(e.target.value)}
        placeholder="No limit"
        aria-label={`WIP limit of ${column.name}`}
        title="Work-in-progress limit"
        className={`${control} w-24 py-1.5`}
      />
      <span className="shrink-0 text-xs whitespace-nowrap text-slate-500">
        {column.cards} card{column.cards === 1 ? "" : "s"}
      </span>
      <div className="ml-auto flex shrink-0 items-center gap-1">
        {dirty ? (
          <Button type="button" className="px-2.5 py-1" disabled={pending} onClick={() => onSave({ name: name.trim(), color, wipLimit: wipValue })}>
            Save
          </Button>
        ) : null}
        <Button type="button" variant="ghost" className="px-2 py-1" disabled={pending || first} onClick={() => onMove(-1)} aria-label={`Move ${column.name} left`}>
          ←
        </Button>
        <Button type="button" variant="ghost" className="px-2 py-1" disabled={pending || last} onClick={() => onMove(1)} aria-label={`Move ${column.name} right`}>
          →
        </Button>
        <Button type="button" variant="ghost" className="px-2 py-1 text-red-700 hover:bg-red-50" disabled={pending} onClick={onRemove} aria-label={`Remove ${column.name}`}>
          Remove
        </Button>
      </div>
    </li>
  );
}

function AddColumn({ pending, onAdd }: { pending: boolean; onAdd: (input: { name: string; category: ColumnCategory; color: string }, reset: () => void) => void }) {
  const [name, setName] = useState("");
  const [category, setCategory] = useState<ColumnCategory>("in_progress");
  const [color, setColor] = useState("#64748b");
  return (
    <form
      className="flex flex-wrap items-end gap-2 rounded-lg bg-slate-50 p-3 ring-1 ring-slate-200"
      onSubmit={(e) => {
        e.preventDefault();
        onAdd({ name, category, color }, () => setName(""));
      }}
    >
      <label className="text-xs font-medium text-slate-700">
        Column name
        <input value={name} onChange={(e) => setName(e.target.value)} className={`${control} mt-1 w-44 py-1.5`} />
      </label>
      <label className="text-xs font-medium text-slate-700">
        Category
        <select value={category} onChange={(e) => setCategory(e.target.value as ColumnCategory)} className={`${control} mt-1 w-36 py-1.5`}>
          {Object.entries(CATEGORY_LABELS).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </label>
      <label className="text-xs font-medium text-slate-700">
        Colour
        <input type="color" value={color} onChange={(e) => setColor(e.target.value)} className="mt-1 block h-9 w-12 cursor-pointer rounded border-0 bg-transparent p-0" />
      </label>
      <Button type="submit" disabled={pending || !name.trim()}>
        Add column
      </Button>
    </form>
  );
}
