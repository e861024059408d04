"use client";

import { useEffect, useLayoutEffect, useRef, useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { addCommentAction } from "@/lib/actions/tickets";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import { FileDrop } from "@/components/attachments/file-drop";
import type { UploadLimits } from "@/lib/domain/attachments/config";
import { CannedResponsePicker } from "./canned-response-picker";
import { useMentionAutocomplete } from "./mention-autocomplete";
import { encodeMentions, type MentionToken } from "@/lib/domain/comments/mention-token";
import { useReplyingSignal } from "@/components/live/use-replying";

export function ReplyComposer({
  ticketId,
  allowPublic = true,
  allowInternal,
  uploadLimits,
  cannedResponses,
  announce = false,
}: {
  ticketId: string;
  /** False for a role that writes internal notes only: the box is a note box. */
  allowPublic?: boolean;
  allowInternal: boolean;
  uploadLimits?: UploadLimits | null;
  /** Staff only: the "Insert response" picker (it searches the server). */
  cannedResponses?: boolean;
  /** Staff: tell the others on the page while writing ("… is replying"). */
  announce?: boolean;
}) {
  const router = useRouter();
  const [body, setBody] = useState("");
  // The people picked in the box: it shows "@Name", the body sent carries their tokens.
  const [picked, setPicked] = useState<MentionToken[]>([]);
  const [internal, setInternal] = useState(!allowPublic);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  // The reply's files: uploaded (pending) as they are picked, bound when it is sent.
  const [files, setFiles] = useState({ ids: [] as string[], busy: false });
  const [filesKey, setFilesKey] = useState(0);
  useReplyingSignal(ticketId, body.trim() !== "", announce);
  // "r" anywhere on the page (not while typing elsewhere) goes to the reply box.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const t = e.target as HTMLElement;
      if (e.key !== "r" || e.ctrlKey || e.metaKey || e.altKey || ["INPUT", "TEXTAREA", "SELECT"].includes(t.tagName) || t.isContentEditable) return;
      if (document.querySelector("dialog[open]")) return;
      e.preventDefault();
      textareaRef.current?.focus();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);

  // ── Text editing helpers (canned responses and mentions insert at the caret) ──
  const textareaRef = useRef<HTMLTextAreaElement>(null);
  const caretRef = useRef<number | null>(null);
  useLayoutEffect(() => {
    const el = textareaRef.current;
    if (el && caretRef.current !== null) {
      el.focus();
      el.setSelectionRange(caretRef.current, caretRef.current);
      caretRef.current = null;
    }
  });
  function replaceText(next: string, caret: number) {
    caretRef.current = caret;
    setBody(next);
  }
  function insertAtCaret(text: string) {
    const el = textareaRef.current;
    const start = el?.selectionStart ?? body.length;
    const end = el?.selectionEnd ?? body.length;
    replaceText(body.slice(0, start) + text + body.slice(end), start + text.length);
  }
  const mentions = useMentionAutocomplete({
    enabled: internal && allowInternal,
    ticketId,
    value: body,
    setValue: replaceText,
    textareaRef,
    onPick: (p) => setPicked((all) => [...all.filter((x) => x.name !== p.name), p]),
  });

  function submit(e: React.FormEvent) {
    e.preventDefault();
    setError(null);
    startTransition(async () => {
      // Mentions are for internal notes: a public reply sends the names as typed.
      const res = await addCommentAction({ ticketId, body: internal ? encodeMentions(body, picked) : body, internal, attachmentIds: files.ids });
      if (!res.ok) {
        setError(res.fieldErrors?.body?.join(" ") ?? res.fieldErrors?.attachmentIds?.join(" ") ?? res.message);
        if (res.code === "NOT_FOUND" || res.code === "CONFLICT") router.refresh();
        return;
      }
      setBody("");
      setPicked([]);
      setInternal(!allowPublic);
      setFilesKey((k) => k + 1);
      router.refresh();
    });
  }

  return (
    <form id="reply-box" onSubmit={submit} className={`scroll-mt-20 rounded-lg p-4 ring-1 ${internal ? "bg-amber-50 ring-amber-300" : "bg-white ring-slate-200"}`}>
      <label htmlFor="reply" className="text-sm font-semibold text-slate-900">
        Reply
      </label>
      <div className="relative">
        <textarea
          id="reply"
          ref={textareaRef}
          value={body}
          onChange={(e) => {
            setBody(e.target.value);
            mentions.update(e.target.value, e.target.selectionStart);
          }}
          onSelect={(e) => mentions.update(e.currentTarget.value, e.currentTarget.selectionStart)}
          onKeyDown={(e) => {
            // Ctrl+Enter (⌘+Enter on a Mac) sends, as in Zendesk and Jira; Enter alone is a new line.
            if (e.key === "Enter" && (e.ctrlKey || e.metaKey) && !e.nativeEvent.isComposing) {
              e.preventDefault();
              if (!pending && !files.busy && body.trim()) e.currentTarget.form?.requestSubmit();
              return;
            }
            mentions.onKeyDown(e);
          }}
          {...mentions.textareaProps}
          rows={4}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? "reply-error" : "reply-hint"}
          className={`${inputClass} mt-2`}
          placeholder={internal ? "Only staff will see this note. Type @ to mention someone." : "Write a reply…"}
        />
        {mentions.listbox}
      </div>
      {error ? (
        <p id="reply-error" className="mt-1 text-sm text-red-600">
          {error}
        </p>
      ) : (
        <p id="reply-hint" className="mt-1 text-xs text-slate-500">
          Markdown: **bold**, _italic_, `code`, [link](https://…), lists. Ctrl+Enter sends.
        </p>
      )}
      {uploadLimits ? (
        <div className="mt-3">
          <FileDrop key={filesKey} ticketId={ticketId} purpose="comment" label="Add files to message" limits={uploadLimits} onChange={setFiles} />
        </div>
      ) : null}
      {/* A phone's row is narrow: the tools wrap rather than break their words, each 44 px tall below md. */}
      <div className="mt-3 flex flex-wrap items-center justify-between gap-3">
        <div className="flex flex-wrap items-center gap-x-4 gap-y-2">
          {allowInternal ? (
            <label className="flex items-center gap-2 text-sm whitespace-nowrap text-slate-700 max-md:min-h-11">
              <input type="checkbox" checked={internal} disabled={!allowPublic} onChange={(e) => setInternal(e.target.checked)} className="h-4 w-4 rounded border-slate-300 text-brand-600" />
              Internal note
            </label>
          ) : null}
          {cannedResponses ? <CannedResponsePicker ticketId={ticketId} onInsert={insertAtCaret} /> : null}
        </div>
        <Button type="submit" disabled={pending || files.busy} className="ml-auto max-md:min-h-11 max-md:px-5">
          {pending ? "Sending…" : files.busy ? "Uploading…" : "Send"}
        </Button>
      </div>
    </form>
  );
}
