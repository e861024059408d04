"use client";

import { useEffect, useEffectEvent, useRef, useState } from "react";
import { formatBytes } from "@/lib/domain/attachments/types";
import type { UploadLimits } from "@/lib/domain/attachments/config";
import { uploadFile, type UploadedAttachment } from "./upload-file";
import { precheck } from "./precheck";
import { DropZone } from "./drop-zone";

interface Entry {
  key: string;
  name: string;
  size: number;
  progress: number;
  state: "uploading" | "done" | "error";
  message?: string;
  attachment?: UploadedAttachment;
  abort?: () => void;
}

/**
 * Picker and drop zone for several files at once, each with its own progress
 * bar and, when refused, its own message. "ticket" files are attached as
 * soon as they arrive (onUploaded lets the page refresh); "comment" files are
 * pending and reported through onChange until the reply is sent.
 */
export function FileDrop({
  ticketId,
  purpose,
  label,
  limits,
  onUploaded,
  onChange,
}: {
  ticketId: string;
  purpose: "ticket" | "comment";
  label: string;
  limits: UploadLimits;
  onUploaded?: (a: UploadedAttachment) => void;
  onChange?: (state: { ids: string[]; busy: boolean }) => void;
}) {
  const [entries, setEntries] = useState<Entry[]>([]);
  const seq = useRef(0);

  const update = (key: string, patch: Partial<Entry>) => setEntries((list) => list.map((e) => (e.key === key ? { ...e, ...patch } : e)));

  // Every change of the list is reported to the parent's latest onChange (a
  // new callback alone reports nothing).
  const report = useEffectEvent((list: Entry[]) => {
    onChange?.({ ids: list.filter((e) => e.state === "done" && e.attachment).map((e) => e.attachment!.id), busy: list.some((e) => e.state === "uploading") });
  });
  useEffect(() => {
    report(entries);
  }, [entries]);

  function add(files: FileList | File[]) {
    const list = [...files];
    const fresh: Entry[] = [];
    for (const file of list) {
      const key = `f${++seq.current}`;
      const refusal = precheck(file, limits);
      if (refusal) {
        fresh.push({ key, name: file.name, size: file.size, progress: 0, state: "error", message: refusal });
        continue;
      }
      const { done, abort } = uploadFile(file, { ticketId, purpose }, (p) => update(key, { progress: p }));
      fresh.push({ key, name: file.name, size: file.size, progress: 0, state: "uploading", abort });
      void done.then((res) => {
        if (!res.ok) return update(key, { state: "error", message: res.message, abort: undefined });
        update(key, { state: "done", progress: 1, attachment: res.attachment, abort: undefined });
        onUploaded?.(res.attachment);
      });
    }
    setEntries((current) => [...current.filter((e) => purpose === "comment" || e.state !== "done"), ...fresh]);
  }

  function remove(key: string) {
    entries.find((e) => e.key === key)?.abort?.();
    setEntries((list) => list.filter((e) => e.key !== key));
  }

  const shown = purpose === "ticket" ? entries.filter((e) => e.state !== "done") : entries;

  return (
    <div className="space-y-2">
      <DropZone limits={limits} onFiles={add} label={label} testId={`drop-zone-${purpose}`} />
      {shown.length ? (
        <ul className="space-y-1.5" aria-label={purpose === "comment" ? "Message files" : "Uploads"} aria-live="polite">
          {shown.map((e) => (
            <li key={e.key} className={`rounded-md px-3 py-2 text-sm ring-1 ring-inset ${e.state === "error" ? "bg-red-50 ring-red-200" : "bg-white ring-slate-200"}`}>
              <div className="flex items-center gap-3">
                <span className="min-w-0 flex-1 truncate font-medium text-slate-800" title={e.name}>
                  {e.name}
                </span>
                <span className="shrink-0 text-xs text-slate-500">{formatBytes(e.size)}</span>
                {e.state === "uploading" ? <span className="shrink-0 text-xs text-slate-500">{Math.round(e.progress * 100)}%</span> : null}
                {e.state === "done" ? <span className="shrink-0 text-xs font-medium text-emerald-700">Ready</span> : null}
                <button type="button" onClick={() => remove(e.key)} className="shrink-0 rounded px-1.5 text-xs text-slate-500 hover:bg-slate-100 hover:text-slate-800 max-md:min-h-11 max-md:min-w-11" aria-label={`${e.state === "uploading" ? "Stop uploading" : "Remove"} ${e.name}`}>
                  {e.state === "uploading" ? "Stop" : "Remove"}
                </button>
              </div>
              {e.state === "uploading" ? (
                <div
                  role="progressbar"
                  aria-label={`Uploading ${e.name}`}
                  aria-valuemin={0}
                  aria-valuemax={100}
                  aria-valuenow={Math.round(e.progress * 100)}
                  className="mt-1.5 h-1.5 overflow-hidden rounded-full bg-slate-100"
                >
                  <div className="h-full rounded-full bg-brand-600 transition-[width]" style={{ width: `${Math.max(2, e.progress * 100)}%` }} />
                </div>
              ) : null}
              {e.state === "error" ? <p className="mt-1 text-red-700">{e.message}</p> : null}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
