"use client";

import { useRef } from "react";
import { formatBytes } from "@/lib/domain/attachments/types";
import type { UploadLimits } from "@/lib/domain/attachments/config";
import { precheck } from "@/components/attachments/precheck";
import { DropZone } from "@/components/attachments/drop-zone";

/**
 * A file chosen on the new-request form. "Create request" first sends it to
 * POST /api/uploads?purpose=request (staged: no ticket yet), then creates the
 * request with the staged ids, which binds them in the creating transaction.
 */
export interface ChosenFile {
  key: string;
  file: File;
  /** Why the browser already knows the server would refuse it (same words as the server). */
  refusal: string | null;
  /** 0…1 while it is sent. */
  progress: number | null;
  /** The server's refusal, once sent. */
  error: string | null;
  /** Staged on the server: sent once, however often the form is refused. */
  stagedId: string | null;
}

export { MAX_REQUEST_FILES } from "@/lib/validation/ticket";

/**
 * "Attach files" on /portal/new: the picker and the list of chosen files.
 * The files stay chosen however often the form is refused; "Create request"
 * sends them first (with the ticket page's checks: size, type, content) and
 * creates the request only when every one was accepted.
 */
export function RequestFiles({ files, onChange, limits, disabled, error }: { files: ChosenFile[]; onChange: (files: ChosenFile[]) => void; limits: UploadLimits; disabled?: boolean; error?: string[] }) {
  const seq = useRef(0);

  function add(list: FileList | File[]) {
    const fresh = [...list].map((file): ChosenFile => ({ key: `c${++seq.current}`, file, refusal: precheck(file, limits), progress: null, error: null, stagedId: null }));
    onChange([...files, ...fresh]);
  }

  return (
    <div className="space-y-2">
      <DropZone limits={limits} onFiles={add} disabled={disabled} note="sent with the request" />
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
                  {f.progress !== null && !f.error && !f.stagedId ? <span className="shrink-0 text-xs text-slate-500">{Math.round(f.progress * 100)}%</span> : null}
                  <button
                    type="button"
                    disabled={disabled}
                    onClick={() => onChange(files.filter((x) => x.key !== f.key))}
                    className="shrink-0 rounded px-1.5 py-1 text-xs text-slate-600 hover:bg-slate-100 hover:text-slate-800 disabled:opacity-50 max-md:min-h-11 max-md:min-w-11"
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
