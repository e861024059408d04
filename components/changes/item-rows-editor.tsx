"use client";

import type { FieldErrors } from "@/lib/errors";
import { inputClass } from "@/components/ui/field";
import { Button } from "@/components/ui/button";
import { COMPONENT_TYPES, COMPONENT_TYPE_LABELS, componentTypeLabel } from "@/lib/domain/assets/component-types";
import { CHANGE_ACTION_LABELS } from "@/lib/domain/changes/validate-items";
import type { ComponentChoice } from "@/lib/domain/assets/asset-components";
import { SearchCombobox } from "@/components/ui/search-combobox";
import { useItemChecks, type RowCheck } from "./use-item-checks";

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

/** Actions that work on something installed: the row offers the asset's components to pick from. */
const ON_INSTALLED = new Set<ItemRow["action"]>(["remove", "replace", "modify"]);

const componentsUrl = (assetId: string) => (q: string) => {
  const term = q.trim().slice(0, 100);
  return `/api/assets/${encodeURIComponent(assetId)}/components${term ? `?${new URLSearchParams({ q: term })}` : ""}`;
};

/** A row's check next to it: what the server's validator says of it as typed. */
function CheckResult({ id, check, saved }: { id: string; check: RowCheck | undefined; saved: string | null }) {
  const base = "text-sm";
  if (check?.state === "done") {
    if (check.status === "valid") return <p id={id} aria-live="polite" className={`${base} font-medium text-emerald-700`}><span aria-hidden className="mr-1">✓</span><span>Valid</span></p>;
    if (check.status === "warning") return <p id={id} aria-live="polite" className={`${base} text-amber-800`}>Warning: {check.message}</p>;
    return <p id={id} aria-live="polite" className={`${base} text-red-600`}>{check.message ?? "This item is invalid."}</p>;
  }
  if (saved) return <p id={id} aria-live="polite" className={`${base} text-red-600`}>{saved}</p>;
  if (check?.state === "failed") return <p id={id} aria-live="polite" className={`${base} text-slate-500`}>Could not check this item now; it is checked again when saved.</p>;
  if (check?.state === "checking") return <p id={id} aria-live="polite" className={`${base} text-slate-500`}>Checking…</p>;
  return <span id={id} />;
}

/**
 * Editable item rows: Action, Component type, Quantity, Current value, Requested value (+ reference, serial).
 * With a target asset, remove/replace/modify rows offer its installed components to pick from; every row is
 * checked by the server's validator as it is typed (the save checks again).
 */
export function ItemRowsEditor({
  rows,
  onChange,
  errors,
  serverChecks,
  assetId = null,
  check = true,
}: {
  rows: ItemRow[];
  onChange: (rows: ItemRow[]) => void;
  errors: FieldErrors;
  serverChecks?: (string | null)[];
  /** The change's target asset (null: none chosen). */
  assetId?: string | null;
  /** Check rows as they are typed. */
  check?: boolean;
}) {
  const set = (i: number, key: keyof ItemRow, value: string) => onChange(rows.map((r, j) => (j === i ? { ...r, [key]: value } : r)));
  const fill = (i: number, c: ComponentChoice) =>
    onChange(rows.map((r, j) => (j === i ? { ...r, componentType: c.componentType, componentRef: c.reference, serial: c.serial ?? "", currentValue: c.reference } : r)));
  const err = (i: number, key?: string) => (key ? errors[`items.${i}.${key}`] : errors[`items.${i}`])?.join(" ");
  const checks = useItemChecks(assetId, toItemInput(rows), check);

  return (
    <div className="space-y-3">
      {rows.map((row, i) => {
        const id = (k: string) => `item-${i}-${k}`;
        const saved = err(i) ?? serverChecks?.[i] ?? null;
        const live = checks[i];
        const bad = live?.state === "done" ? live.status === "invalid" : !!saved;
        const known = (COMPONENT_TYPES as readonly string[]).includes(row.componentType);
        return (
          <fieldset key={i} aria-describedby={id("check")} className={`rounded-lg p-3 ring-1 ${bad ? "ring-red-300" : live?.state === "done" && live.status === "warning" ? "ring-amber-300" : "ring-slate-200"}`}>
            <legend className="px-1 text-xs font-semibold text-slate-600 uppercase">Item {i + 1}</legend>
            <div className="grid gap-3 sm:grid-cols-3">
              <div>
                <label htmlFor={id("action")} className="block text-xs font-medium text-slate-700">Action</label>
                <select id={id("action")} value={row.action} onChange={(e) => set(i, "action", e.target.value)} className={`${inputClass} mt-1`}>
                  {(Object.keys(CHANGE_ACTION_LABELS) as ItemRow["action"][]).map((a) => (
                    <option key={a} value={a}>{CHANGE_ACTION_LABELS[a]}</option>
                  ))}
                </select>
              </div>
              <div>
                <label htmlFor={id("type")} className="block text-xs font-medium text-slate-700">Component type</label>
                <select id={id("type")} value={row.componentType} onChange={(e) => set(i, "componentType", e.target.value)} className={`${inputClass} mt-1`}>
                  {COMPONENT_TYPES.map((t) => (
                    <option key={t} value={t}>{COMPONENT_TYPE_LABELS[t]}</option>
                  ))}
                  {known ? null : <option value={row.componentType}>{componentTypeLabel(row.componentType)}</option>}
                </select>
              </div>
              <div>
                <label htmlFor={id("qty")} className="block text-xs font-medium text-slate-700">Quantity</label>
                <input id={id("qty")} type="number" min={1} max={64} value={row.quantity} onChange={(e) => set(i, "quantity", e.target.value)} aria-invalid={err(i, "quantity") ? true : undefined} className={`${inputClass} mt-1`} />
                {err(i, "quantity") ? <p className="mt-1 text-xs text-red-600">{err(i, "quantity")}</p> : null}
              </div>
              {assetId && ON_INSTALLED.has(row.action) ? (
                <div className="sm:col-span-3">
                  <SearchCombobox<ComponentChoice>
                    id={id("installed")}
                    label="Installed component"
                    listLabel={`Installed components for item ${i + 1}`}
                    placeholder="Pick from the asset's components, or type a reference, serial or type…"
                    emptyText="No installed component matches."
                    moreText="More components than shown: type a reference, serial or type to narrow."
                    searchUrl={componentsUrl(assetId)}
                    onPick={(c) => (c ? fill(i, c) : undefined)}
                  />
                </div>
              ) : null}
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
              <CheckResult id={id("check")} check={check ? live : undefined} saved={saved} />
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
