import type { ReactNode } from "react";

/** A labelled control with its error message right beneath it. */
export function Field({ id, label, error, hint, children }: { id: string; label: string; error?: string[]; hint?: ReactNode; children: ReactNode }) {
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      <div className="mt-1.5">{children}</div>
      {hint && !error?.length ? <p className="mt-1 text-xs text-slate-500">{hint}</p> : null}
      {error?.length ? (
        <p id={`${id}-error`} className="mt-1 text-sm text-red-600">
          {error.join(" ")}
        </p>
      ) : null}
    </div>
  );
}

export const inputClass =
  "block w-full rounded-md border-0 bg-white px-3 py-2 max-md:min-h-11 text-sm text-slate-900 shadow-xs ring-1 ring-inset ring-slate-300 placeholder:text-slate-500 focus:ring-2 focus:ring-inset focus:ring-brand-600 aria-invalid:ring-red-500";
