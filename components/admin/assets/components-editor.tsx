"use client";

import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { addComponentAction, removeComponentAction, updateComponentAction } from "@/lib/actions/assets";
import { COMPONENT_TYPES, COMPONENT_TYPE_LABELS, componentTypeLabel, type ComponentType } from "@/lib/domain/assets/component-types";
import type { FieldErrors } from "@/lib/errors";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { useAssetVersion } from "./asset-version";

export interface ComponentRow {
  id: string;
  componentType: string;
  reference: string;
  serial: string | null;
  quantity: number;
}

interface Draft {
  componentType: ComponentType;
  reference: string;
  serial: string;
  quantity: string;
}

const FIELDS = ["componentType", "reference", "serial", "quantity"] as const;
const blank: Draft = { componentType: "ram", reference: "", serial: "", quantity: "1" };
const draftOf = (c: ComponentRow): Draft => ({
  componentType: (COMPONENT_TYPES as readonly string[]).includes(c.componentType) ? (c.componentType as ComponentType) : "other",
  reference: c.reference,
  serial: c.serial ?? "",
  quantity: String(c.quantity),
});

/** The four fields of a component, with their messages beneath; shared by "Add component" and a row's edit. */
function ComponentFields({ prefix, draft, onChange, errors }: { prefix: string; draft: Draft; onChange: (d: Draft) => void; errors: FieldErrors }) {
  const err = (f: string) =>
    errors[f]?.length ? (
      <p id={`${prefix}-${f}-error`} className="mt-1 text-xs text-red-600">
        {errors[f]!.join(" ")}
      </p>
    ) : null;
  const aria = (f: string) => ({ "aria-invalid": errors[f] ? true : undefined, "aria-describedby": errors[f]?.length ? `${prefix}-${f}-error` : undefined });
  const label = (f: string, text: string) => (
    <label htmlFor={`${prefix}-${f}`} className="block text-xs font-medium text-slate-700">
      {text}
    </label>
  );
  return (
    <div className="grid gap-3 sm:grid-cols-[12rem_1fr_10rem_6rem]">
      <div>
        {label("componentType", "Component type")}
        <select id={`${prefix}-componentType`} value={draft.componentType} onChange={(e) => onChange({ ...draft, componentType: e.target.value as ComponentType })} className={`${inputClass} mt-1`} {...aria("componentType")}>
          {COMPONENT_TYPES.map((t) => (
            <option key={t} value={t}>
              {COMPONENT_TYPE_LABELS[t]}
            </option>
          ))}
        </select>
        {err("componentType")}
      </div>
      <div>
        {label("reference", "Reference")}
        <input id={`${prefix}-reference`} value={draft.reference} maxLength={200} placeholder="e.g. Samsung 32GB DDR4-3200" onChange={(e) => onChange({ ...draft, reference: e.target.value })} className={`${inputClass} mt-1`} {...aria("reference")} />
        {err("reference")}
      </div>
      <div>
        {label("serial", "Serial")}
        <input id={`${prefix}-serial`} value={draft.serial} maxLength={100} onChange={(e) => onChange({ ...draft, serial: e.target.value })} className={`${inputClass} mt-1`} {...aria("serial")} />
        {err("serial")}
      </div>
      <div>
        {label("quantity", "Quantity")}
        <input id={`${prefix}-quantity`} type="number" min={1} inputMode="numeric" value={draft.quantity} onChange={(e) => onChange({ ...draft, quantity: e.target.value })} className={`${inputClass} mt-1`} {...aria("quantity")} />
        {err("quantity")}
      </div>
    </div>
  );
}

type Result = { ok: true; data: { version: number } } | { ok: false; code: string; message: string; fieldErrors?: FieldErrors };

/** Runs an asset action: a refusal lands on the fields or in the notice; a conflict loads the latest version. */
function useAssetAction() {
  const router = useRouter();
  const { version, saw } = useAssetVersion();
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  function run(action: () => Promise<Result>, onDone?: () => void) {
    setErrors({});
    setMessage(null);
    startTransition(async () => {
      const res = await action();
      if (!res.ok) {
        const fieldErrors = res.fieldErrors ?? {};
        setErrors(fieldErrors);
        if (!FIELDS.some((f) => fieldErrors[f])) setMessage(res.message);
        if (res.code === "CONFLICT") router.refresh();
        return;
      }
      saw(res.data.version);
      onDone?.();
      router.refresh();
    });
  }
  return { version, errors, message, pending, run };
}

function Row({ assetId, row }: { assetId: string; row: ComponentRow }) {
  const [editing, setEditing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [draft, setDraft] = useState(() => draftOf(row));
  const { version, errors, message, pending, run } = useAssetAction();
  const prefix = `component-${row.id}`;

  if (editing) {
    return (
      <li className="py-3">
        <form
          aria-label={`Edit ${row.reference}`}
          onSubmit={(e) => {
            e.preventDefault();
            run(() => updateComponentAction({ assetId, version, componentId: row.id, ...draft }), () => setEditing(false));
          }}
          className="space-y-3"
          noValidate
        >
          <ComponentFields prefix={prefix} draft={draft} onChange={setDraft} errors={errors} />
          <Notice message={message} />
          <div className="flex gap-2">
            <Button type="submit" disabled={pending}>
              {pending ? "Saving…" : "Save component"}
            </Button>
            <Button type="button" variant="secondary" disabled={pending} onClick={() => setEditing(false)}>
              Cancel
            </Button>
          </div>
        </form>
      </li>
    );
  }
  return (
    <li className="flex flex-wrap items-start justify-between gap-3 py-3">
      <div className="min-w-0">
        <p className="text-sm font-medium break-words text-slate-900">
          {row.quantity} × {row.reference}
        </p>
        <p className="text-xs text-slate-500">
          {componentTypeLabel(row.componentType)}
          {row.serial ? ` · Serial ${row.serial}` : ""}
        </p>
        <div className="mt-1">
          <Notice message={message} />
        </div>
      </div>
      <div className="flex shrink-0 gap-2">
        {confirming ? (
          <>
            <Button variant="danger" disabled={pending} onClick={() => run(() => removeComponentAction({ assetId, version, componentId: row.id }), () => setConfirming(false))}>
              Confirm removal
            </Button>
            <Button variant="secondary" disabled={pending} onClick={() => setConfirming(false)}>
              Keep
            </Button>
          </>
        ) : (
          <>
            <Button
              variant="secondary"
              aria-label={`Edit ${row.reference}`}
              onClick={() => {
                setDraft(draftOf(row));
                setEditing(true);
              }}
            >
              Edit
            </Button>
            <Button variant="ghost" aria-label={`Remove ${row.reference}`} onClick={() => setConfirming(true)}>
              Remove
            </Button>
          </>
        )}
      </div>
    </li>
  );
}

/** The asset's components: each with Edit and Remove, and "Add component" below. */
export function ComponentsEditor({ assetId, rows }: { assetId: string; rows: ComponentRow[] }) {
  const [draft, setDraft] = useState(blank);
  const { version, errors, message, pending, run } = useAssetAction();
  return (
    <div className="space-y-4">
      {rows.length ? (
        <ul aria-label="Components" className="divide-y divide-slate-100">
          {rows.map((r) => (
            <Row key={r.id} assetId={assetId} row={r} />
          ))}
        </ul>
      ) : (
        <p className="text-sm text-slate-500">No components recorded yet.</p>
      )}
      <form
        aria-label="Add component"
        onSubmit={(e) => {
          e.preventDefault();
          run(() => addComponentAction({ assetId, version, ...draft }), () => setDraft(blank));
        }}
        className="space-y-3 rounded-md bg-slate-50 p-3 ring-1 ring-slate-200"
        noValidate
      >
        <ComponentFields prefix="component-new" draft={draft} onChange={setDraft} errors={errors} />
        <Notice message={message} />
        <Button type="submit" disabled={pending}>
          {pending ? "Adding…" : "Add component"}
        </Button>
      </form>
    </div>
  );
}
