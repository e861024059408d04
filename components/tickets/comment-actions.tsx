"use client";

import { useState, type ReactNode } from "react";
import { editCommentAction, markSolutionAction } from "@/lib/actions/comments";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { useTicketAction } from "./use-ticket-action";
import { encodeMentions, mentionsForEditing, type MentionToken } from "@/lib/domain/comments/mention-token";

/**
 * A comment's body with, for its author, an "Edit" button that swaps in an
 * editor. The rendered body comes from the server as children; the raw text
 * is sent only to the author (`source`).
 */
export function EditableComment({
  commentId,
  version,
  source,
  footer,
  children,
}: {
  commentId: string;
  version: number;
  source?: string;
  /** Other controls shown beside "Edit" (e.g. "Mark as solution"). */
  footer?: ReactNode;
  children: ReactNode;
}) {
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(source ?? "");
  // Mentions in the body show as "@Name" while editing and are written back as tokens.
  const [picked, setPicked] = useState<MentionToken[]>([]);
  // The version the edit started from: when the page reloads a newer one (a
  // conflict), the current text is shown above the draft before saving again.
  const [startVersion, setStartVersion] = useState(version);
  const { run, pending, error, fieldErrors } = useTicketAction();
  const id = `edit-${commentId}`;

  if (!editing || source === undefined) {
    return (
      <>
        {children}
        {source !== undefined || footer ? (
          <div className="mt-3 flex items-center gap-4">
            {source !== undefined ? (
              <button type="button" className="text-xs font-medium text-slate-500 hover:text-slate-800 max-md:min-h-11 max-md:min-w-11" onClick={() => { const shown = mentionsForEditing(source); setDraft(shown.text); setPicked(shown.picked); setStartVersion(version); setEditing(true); }}>
                Edit
              </button>
            ) : null}
            {footer}
          </div>
        ) : null}
      </>
    );
  }

  async function save(e: React.FormEvent) {
    e.preventDefault();
    // On a conflict the page reloads the latest version; the draft stays here to copy.
    await run(() => editCommentAction({ commentId, version, body: encodeMentions(draft, picked) }), () => setEditing(false));
  }

  const bodyError = fieldErrors.body?.join(" ");
  return (
    <form onSubmit={save} className="mt-2 space-y-2">
      {version !== startVersion ? (
        <div className="rounded-md bg-slate-50 p-3 ring-1 ring-slate-200">
          <p className="text-xs font-medium text-slate-500">Current version (changed while you were editing)</p>
          {children}
        </div>
      ) : null}
      <label htmlFor={id} className="sr-only">Edit comment</label>
      <textarea
        id={id}
        value={draft}
        onChange={(e) => setDraft(e.target.value)}
        rows={Math.min(12, Math.max(3, draft.split("\n").length + 1))}
        className={inputClass}
        aria-invalid={bodyError ? true : undefined}
        aria-describedby={bodyError ? `${id}-error` : undefined}
      />
      {bodyError ? <p id={`${id}-error`} className="text-sm text-red-600">{bodyError}</p> : <Notice message={error} />}
      <div className="flex gap-2">
        <Button type="submit" disabled={pending}>{pending ? "Saving…" : "Save"}</Button>
        <Button type="button" variant="secondary" onClick={() => setEditing(false)} disabled={pending}>Cancel</Button>
      </div>
    </form>
  );
}

/** "Mark as solution" / "Unmark solution" on a public reply (staff only). */
export function SolutionButton({ commentId, isSolution }: { commentId: string; isSolution: boolean }) {
  const { run, pending, error } = useTicketAction();
  return (
    <span className="inline-flex items-center gap-2">
      <button
        type="button"
        disabled={pending}
        onClick={() => run(() => markSolutionAction({ commentId, solution: !isSolution }))}
        className={`text-xs font-medium max-md:min-h-11 ${isSolution ? "text-slate-500 hover:text-slate-800" : "text-emerald-700 hover:text-emerald-900"} disabled:opacity-50`}
      >
        {isSolution ? "Unmark solution" : "Mark as solution"}
      </button>
      {error ? <span role="alert" className="text-xs text-red-600">{error}</span> : null}
    </span>
  );
}
