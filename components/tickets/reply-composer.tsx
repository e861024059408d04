"use client";

import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { addCommentAction } from "@/lib/actions/tickets";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import { FileDrop } from "@/components/attachments/file-drop";
import type { UploadLimits } from "@/lib/domain/attachments/config";

export function ReplyComposer({ ticketId, allowInternal, uploadLimits }: { ticketId: string; allowInternal: boolean; uploadLimits?: UploadLimits | null }) {
  const router = useRouter();
  const [body, setBody] = useState("");
  const [internal, setInternal] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  // The reply's files: uploaded (pending) as they are picked, bound when it is sent.
  const [files, setFiles] = useState({ ids: [] as string[], busy: false });
  const [filesKey, setFilesKey] = useState(0);

  function submit(e: React.FormEvent) {
    e.preventDefault();
    setError(null);
    startTransition(async () => {
      const res = await addCommentAction({ ticketId, body, internal, attachmentIds: files.ids });
      if (!res.ok) {
        setError(res.fieldErrors?.body?.join(" ") ?? res.fieldErrors?.attachmentIds?.join(" ") ?? res.message);
        if (res.code === "NOT_FOUND" || res.code === "CONFLICT") router.refresh();
        return;
      }
      setBody("");
      setInternal(false);
      setFilesKey((k) => k + 1);
      router.refresh();
    });
  }

  return (
    <form onSubmit={submit} className={`rounded-lg p-4 ring-1 ${internal ? "bg-amber-50 ring-amber-300" : "bg-white ring-slate-200"}`}>
      <label htmlFor="reply" className="text-sm font-semibold text-slate-900">
        Reply
      </label>
      <textarea
        id="reply"
        value={body}
        onChange={(e) => setBody(e.target.value)}
        rows={4}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? "reply-error" : undefined}
        className={`${inputClass} mt-2`}
        placeholder={internal ? "Only staff will see this note" : "Write a reply…"}
      />
      {error ? (
        <p id="reply-error" className="mt-1 text-sm text-red-600">
          {error}
        </p>
      ) : null}
      {uploadLimits ? (
        <div className="mt-3">
          <FileDrop key={filesKey} ticketId={ticketId} purpose="comment" label="Add files to message" limits={uploadLimits} onChange={setFiles} />
        </div>
      ) : null}
      <div className="mt-3 flex items-center justify-between">
        {allowInternal ? (
          <label className="flex items-center gap-2 text-sm text-slate-700">
            <input type="checkbox" checked={internal} onChange={(e) => setInternal(e.target.checked)} className="h-4 w-4 rounded border-slate-300 text-brand-600" />
            Internal note
          </label>
        ) : (
          <span />
        )}
        <Button type="submit" disabled={pending || files.busy}>
          {pending ? "Sending…" : files.busy ? "Uploading…" : "Send"}
        </Button>
      </div>
    </form>
  );
}
