"use client";

import type { FieldErrors } from "@/lib/errors";
import { inputClass } from "@/components/ui/field";
import { Button } from "@/components/ui/button";
import { COMPONENT_TYPES, COMPONENT_TYPE_LABELS } from "@/lib/domain/assets/component-types";

export interface ItemRow {
  action: "add" | "remove" | "replace" | "modify";
  componentType: string;
  componentRef: string;
  serial: string;
  quantity: string;
  currentValue: string;
  requestedValue: string;
}

// The types and their labels are lib/domain/assets/component-types.ts's (the asset pages share them).
export { COMPONENT_TYPES };

export function blankItem(): ItemRow {
  return { action: "add", componentType: "ram", componentRef: "", serial: "", quantity: "1", currentValue: "", requestedValue: "" };
}

/** The rows as the server expects them (quantity coerced there, empty strings dropped). */
export function toItemInput(rows: ItemRow[]) {
  return rows.map((r) => ({
    action: r.action,
    componentType: r.componentType,
    componentRef: r.componentRef || null,
    serial: r.serial || null,
    quantity: r.quantity,
    currentValue: r.currentValue || null,
    requestedValue: r.requestedValue || null,
  }));
}

/** Editable item rows: Action, Component type, Quantity, Current value, Requested value (+ reference, serial). */
export function ItemRowsEditor({ rows, onChange, errors, serverChecks }: { rows: ItemRow[]; onChange: (rows: ItemRow[]) => void; errors: FieldErrors; serverChecks?: (string | null)[] }) {
  const set = (i: number, key: keyof ItemRow, value: string) => onChange(rows.map((r, j) => (j === i ? { ...r, [key]: value } : r)));
  const err = (i: number, key?: string) => (key ? errors[`items.${i}.${key}`] : errors[`items.${i}`])?.join(" ");

  return (
    <div className="space-y-3">
      {rows.map((row, i) => {
        const id = (k: string) => `item-${i}-${k}`;
        const rowError = err(i) ?? serverChecks?.[i] ?? null;
        return (
          <fieldset key={i} className={`rounded-lg p-3 ring-1 ${rowError ? "ring-red-300" : "ring-slate-200"}`}>
            <legend className="px-1 text-xs font-semibold text-slate-600 uppercase">Item {i + 1}</legend>
            <div className="grid gap-3 sm:grid-cols-3">
              <div>
                <label htmlFor={id("action")} className="block text-xs font-medium text-slate-700">Action</label>
                <select id={id("action")} value={row.action} onChange={(e) => set(i, "action", e.target.value)} className={`${inputClass} mt-1`}>
                  <option value="add">Add</option>
                  <option value="remove">Remove</option>
                  <option value="replace">Replace</option>
                  <option value="modify">Modify</option>
                </select>
              </div>
              <div>
                <label htmlFor={id("type")} className="block text-xs font-medium text-slate-700">Component type</label>
                <select id={id("type")} value={row.componentType} onChange={(e) => set(i, "componentType", e.target.value)} className={`${inputClass} mt-1`}>
                  {COMPONENT_TYPES.map((t) => (
                    <option key={t} value={t}>{COMPONENT_TYPE_LABELS[t]}</option>
                  ))}
                </select>
              </div>
              <div>
                <label htmlFor={id("qty")} className="block text-xs font-medium text-slate-700">Quantity</label>
                <input id={id("qty")} type="number" min={1} max={64} value={row.quantity} onChange={(e) => set(i, "quantity", e.target.value)} aria-invalid={err(i, "quantity") ? true : undefined} className={`${inputClass} mt-1`} />
                {err(i, "quantity") ? <p className="mt-1 text-xs text-red-600">{err(i, "quantity")}</p> : null}
              </div>
              <div>
                <label htmlFor={id("ref")} className="block text-xs font-medium text-slate-700">Component reference</label>
                <input id={id("ref")} value={row.componentRef} onChange={(e) => set(i, "componentRef", e.target.value)} placeholder="e.g. Samsung 32GB DDR4" className={`${inputClass} mt-1`} />
              </div>
              <div>
                <label htmlFor={id("current")} className="block text-xs font-medium text-slate-700">Current value</label>
                <input id={id("current")} value={row.currentValue} onChange={(e) => set(i, "currentValue", e.target.value)} className={`${inputClass} mt-1`} />
              </div>
              <div>
                <label htmlFor={id("requested")} className="block text-xs font-medium text-slate-700">Requested value</label>
                <input id={id("requested")} value={row.requestedValue} onChange={(e) => set(i, "requestedValue", e.target.value)} className={`${inputClass} mt-1`} />
              </div>
              <div>
                <label htmlFor={id("serial")} className="block text-xs font-medium text-slate-700">Serial</label>
                <input id={id("serial")} value={row.serial} onChange={(e) => set(i, "serial", e.target.value)} className={`${inputClass} mt-1`} />
              </div>
            </div>
            <div className="mt-2 flex items-center justify-between gap-3">
              {rowError ? <p className="text-sm text-red-600">{rowError}</p> : <span />}
              <Button type="button" variant="ghost" onClick={() => onChange(rows.filter((_, j) => j !== i))} aria-label={`Remove item ${i + 1}`}>
                Remove
              </Button>
            </div>
          </fieldset>
        );
      })}
      <Button type="button" variant="secondary" onClick={() => onChange([...rows, blankItem()])}>
        Add item
      </Button>
      {errors.items ? <p className="text-sm text-red-600">{errors.items.join(" ")}</p> : null}
    </div>
  );
}
