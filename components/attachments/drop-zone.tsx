"use client";

import { useId, useState, type ReactNode } from "react";
import { acceptAttribute, formatBytes } from "@/lib/domain/attachments/types";
import type { UploadLimits } from "@/lib/domain/attachments/config";

/**
 * The dashed "Attach files … or drop them here" box: a file picker behind a
 * button-like label (44 px on phones), the limits in words, and a drop target.
 * The ticket page's and the new-request form's file lists both sit under it.
 */
export function DropZone({
  limits,
  onFiles,
  label = "Attach files",
  note,
  disabled,
  testId,
}: {
  limits: UploadLimits;
  onFiles: (files: FileList) => void;
  label?: ReactNode;
  /** Words after the limits ("attached when the request is created"). */
  note?: string;
  disabled?: boolean;
  testId?: string;
}) {
  const inputId = useId();
  const hintId = useId();
  const [over, setOver] = useState(false);
  return (
    <div
      onDragOver={(e) => {
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={(e) => {
        e.preventDefault();
        setOver(false);
        if (!disabled && e.dataTransfer.files.length) onFiles(e.dataTransfer.files);
      }}
      data-testid={testId}
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
          if (e.target.files?.length) onFiles(e.target.files);
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
        {label}
      </label>
      <span id={hintId} className="text-slate-500">
        or drop them here · up to {formatBytes(limits.maxBytes)} each · {limits.allowedTypes.map((t) => t.toUpperCase()).join(", ")}
        {note ? ` · ${note}` : null}
      </span>
    </div>
  );
}
