"use client";

import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { setSlotCapacitiesAction } from "@/lib/actions/assets";
import { COMPONENT_TYPES, COMPONENT_TYPE_LABELS } from "@/lib/domain/assets/component-types";
import type { FieldErrors } from "@/lib/errors";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { useAssetVersion } from "./asset-version";

/**
 * Slots per component type. An empty box means "no slot information" (a
 * change adding that type is then not checked against slots); a number below
 * what is installed is refused by the server, under its box.
 */
export function CapacitiesForm({ assetId, capacities, installed }: { assetId: string; capacities: Record<string, number>; installed: Record<string, number> }) {
  const router = useRouter();
  const { version, saw } = useAssetVersion();
  const [values, setValues] = useState<Record<string, string>>(() => Object.fromEntries(COMPONENT_TYPES.map((t) => [t, capacities[t] === undefined ? "" : String(capacities[t])])));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const [pending, startTransition] = useTransition();

  function submit(e: React.FormEvent) {
    e.preventDefault();
    setErrors({});
    setMessage(null);
    setSaved(false);
    const chosen = Object.fromEntries(Object.entries(values).filter(([, v]) => v.trim() !== ""));
    startTransition(async () => {
      const res = await setSlotCapacitiesAction({ assetId, version, capacities: chosen });
      if (!res.ok) {
        const fieldErrors = res.fieldErrors ?? {};
        setErrors(fieldErrors);
        const onFields = COMPONENT_TYPES.some((t) => fieldErrors[`capacities.${t}`]);
        setMessage(onFields ? (Object.keys(fieldErrors).length > 1 ? res.message : null) : res.message);
        if (res.code === "CONFLICT") router.refresh();
        return;
      }
      saw(res.data.version);
      setSaved(true);
      router.refresh();
    });
  }

  return (
    <form onSubmit={submit} aria-label="Slot capacities" className="space-y-4" noValidate>
      <div className="grid grid-cols-2 gap-3 sm:grid-cols-3 xl:grid-cols-5">
        {COMPONENT_TYPES.map((t) => {
          const id = `capacity-${t}`;
          const error = errors[`capacities.${t}`];
          const hintId = `${id}-hint`;
          return (
            <div key={t}>
              <label htmlFor={id} className="block text-xs font-medium text-slate-700">
                {COMPONENT_TYPE_LABELS[t]} slots
              </label>
              <input
                id={id}
                type="number"
                min={0}
                inputMode="numeric"
                value={values[t]}
                placeholder="—"
                onChange={(e) => {
                  setValues({ ...values, [t]: e.target.value });
                  setSaved(false);
                }}
                aria-invalid={error ? true : undefined}
                aria-describedby={error ? `${id}-error` : hintId}
                className={`${inputClass} mt-1`}
              />
              {error ? (
                <p id={`${id}-error`} className="mt-1 text-xs text-red-600">
                  {error.join(" ")}
                </p>
              ) : (
                <p id={hintId} className="mt-1 text-xs text-slate-500">
                  {installed[t] ?? 0} installed
                </p>
              )}
            </div>
          );
        })}
      </div>
      <Notice message={message} />
      <div className="flex items-center gap-3">
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : "Save capacities"}
        </Button>
        {saved ? (
          <p role="status" className="text-sm text-emerald-700">
            Saved.
          </p>
        ) : null}
      </div>
    </form>
  );
}
