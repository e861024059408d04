"use client";

import { useId, useRef, useState } from "react";
import { acceptAttribute, formatBytes } from "@/lib/domain/attachments/types";
import type { UploadLimits } from "@/lib/domain/attachments/config";
import { precheck } from "@/components/attachments/precheck";

/** A file chosen on the new-request form: kept in the browser until the request exists, then sent to POST /api/uploads. */
export interface ChosenFile {
  key: string;
  file: File;
  /** Why the browser already knows the server would refuse it (same words as the server). */
  refusal: string | null;
  /** 0…1 while it is sent after the request was created. */
  progress: number | null;
  /** The server's refusal, once sent. */
  error: string | null;
}

export const MAX_REQUEST_FILES = 20;

/**
 * "Attach files" on /portal/new: the picker and the list of chosen files.
 * The files stay chosen however often the form is refused; they are uploaded
 * (with the ticket page's checks: size, type, scope) once the request exists.
 */
export function RequestFiles({ files, onChange, limits, disabled, error }: { files: ChosenFile[]; onChange: (files: ChosenFile[]) => void; limits: UploadLimits; disabled?: boolean; error?: string[] }) {
  const inputId = useId();
  const hintId = useId();
  const seq = useRef(0);
  const [over, setOver] = useState(false);

  function add(list: FileList | File[]) {
    const fresh = [...list].map((file): ChosenFile => ({ key: `c${++seq.current}`, file, refusal: precheck(file, limits), progress: null, error: null }));
    onChange([...files, ...fresh]);
  }

  return (
    <div className="space-y-2">
      <div
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={(e) => {
          e.preventDefault();
          setOver(false);
          if (!disabled && e.dataTransfer.files.length) add(e.dataTransfer.files);
        }}
        className={`flex flex-wrap items-center gap-x-3 gap-y-1 rounded-md border border-dashed px-3 py-2.5 text-sm transition ${over ? "border-brand-500 bg-brand-50" : "border-slate-300 bg-slate-50/60"}`}
      >
        <input
          id={inputId}
          type="file"
          multiple
          disabled={disabled}
          accept={acceptAttribute(limits.allowedTypes)}
          aria-describedby={hintId}
          className="peer sr-only"
          onChange={(e) => {
            if (e.target.files?.length) add(e.target.files);
            e.target.value = "";
          }}
        />
        <label
          htmlFor={inputId}
          className="inline-flex min-h-11 cursor-pointer items-center gap-1.5 rounded-md bg-white px-3 py-1.5 font-medium text-slate-800 shadow-xs ring-1 ring-slate-300 ring-inset hover:bg-slate-50 peer-focus-visible:outline-2 peer-focus-visible:outline-offset-2 peer-focus-visible:outline-brand-600 sm:min-h-0"
        >
          <svg aria-hidden viewBox="0 0 20 20" className="h-4 w-4 fill-slate-500">
            <path d="M15.6 9.4 9.5 15.5a3.5 3.5 0 0 1-5-5l6.8-6.8a2.3 2.3 0 0 1 3.3 3.3l-6.4 6.4a1.1 1.1 0 0 1-1.6-1.6l5.6-5.6-.9-.9-5.6 5.6a2.4 2.4 0 0 0 3.4 3.4l6.4-6.4a3.6 3.6 0 0 0-5.1-5.1l-6.8 6.8a4.8 4.8 0 0 0 6.8 6.8l6.1-6.1-.9-.9Z" />
          </svg>
          Attach files
        </label>
        <span id={hintId} className="text-slate-500">
          or drop them here · up to {formatBytes(limits.maxBytes)} each · {limits.allowedTypes.map((t) => t.toUpperCase()).join(", ")} · attached when the request is created
        </span>
      </div>
      {files.length ? (
        <ul className="space-y-1.5" aria-label="Files to attach" aria-live="polite">
          {files.map((f) => {
            const problem = f.refusal ?? f.error;
            return (
              <li key={f.key} className={`rounded-md px-3 py-2 text-sm ring-1 ring-inset ${problem ? "bg-red-50 ring-red-200" : "bg-white ring-slate-200"}`}>
                <div className="flex items-center gap-3">
                  <span className="min-w-0 flex-1 truncate font-medium text-slate-800" title={f.file.name}>
                    {f.file.name}
                  </span>
                  <span className="shrink-0 text-xs text-slate-500">{formatBytes(f.file.size)}</span>
                  {f.progress !== null && !f.error ? <span className="shrink-0 text-xs text-slate-500">{Math.round(f.progress * 100)}%</span> : null}
                  <button
                    type="button"
                    disabled={disabled}
                    onClick={() => onChange(files.filter((x) => x.key !== f.key))}
                    className="shrink-0 rounded px-1.5 py-1 text-xs text-slate-600 hover:bg-slate-100 hover:text-slate-800 disabled:opacity-50"
                    aria-label={`Remove ${f.file.name}`}
                  >
                    Remove
                  </button>
                </div>
                {problem ? <p className="mt-1 text-red-700">{problem}</p> : null}
              </li>
            );
          })}
        </ul>
      ) : null}
      {error?.length ? <p className="text-sm text-red-600">{error.join(" ")}</p> : null}
    </div>
  );
}
