import type { CommentType } from "@/lib/generated/prisma/enums";
import { EditedMark, TimeAgo } from "@/components/ui/time-ago";
import { CommentAttachments } from "@/components/attachments/attachment-list";
import type { AttachmentItem } from "@/components/attachments/items";
import { Markdown } from "@/components/ui/markdown";
import { EditableComment, SolutionButton } from "./comment-actions";

export interface ThreadComment {
  id: string;
  type: CommentType;
  body: string;
  createdAt: Date;
  editedAt: Date | null;
  isSolution?: boolean;
  version?: number;
  author: { id: string; name: string } | null;
  /** Files sent with this comment (components/attachments/items.ts withAttachments). */
  attachments?: AttachmentItem[];
  /** Earlier bodies, newest first — loaded for staff only (lib/domain/tickets/queries.ts). */
  revisions?: { id: string; body: string; createdAt: Date; editedBy: { id: string; name: string } | null }[];
  /** Resolved @mentions of an internal note — loaded only for those who see internal notes. */
  mentions?: { userId: string; user: { id: string; name: string } }[];
}

export interface ThreadViewer {
  id: string;
  /** Staff may mark a public reply as the solution. */
  canMarkSolution: boolean;
}

function initials(name: string) {
  return name
    .split(/\s+/)
    .map((p) => p[0])
    .slice(0, 2)
    .join("")
    .toUpperCase();
}

function mentionNames(c: ThreadComment): Record<string, string> {
  return Object.fromEntries((c.mentions ?? []).map((m) => [m.userId, m.user.name]));
}

/** The accepted answer, shown above the conversation on the desk and on the portal. */
export function SolutionBox({ comment }: { comment: ThreadComment }) {
  return (
    <section aria-labelledby="solution-heading" className="rounded-lg bg-emerald-50 p-4 ring-1 ring-emerald-200">
      <div className="flex items-center gap-2 text-sm">
        <span aria-hidden className="grid h-5 w-5 place-items-center rounded-full bg-emerald-600 text-xs text-white">✓</span>
        <h3 id="solution-heading" className="font-semibold text-emerald-900">Solution</h3>
        <span className="text-emerald-800">by {comment.author?.name ?? "System"}</span>
        <span className="text-emerald-700/80"><TimeAgo date={comment.createdAt} /></span>
      </div>
      <Markdown source={comment.body} className="mt-2 text-sm leading-relaxed text-slate-800" />
    </section>
  );
}

function SystemEntry({ c }: { c: ThreadComment }) {
  return (
    <li className="flex flex-col items-center px-6 text-center text-xs text-slate-500" data-comment-type="system">
      <Markdown source={c.body} className="max-w-prose" />
      <span className="mt-0.5 text-slate-500"><TimeAgo date={c.createdAt} /></span>
    </li>
  );
}

function Revisions({ c }: { c: ThreadComment }) {
  if (!c.revisions?.length) return null;
  return (
    <details className="mt-3 rounded-md bg-slate-50 px-3 py-2 text-xs text-slate-600 ring-1 ring-slate-200">
      <summary className="cursor-pointer font-medium">Earlier versions ({c.revisions.length})</summary>
      <div className="mt-2 space-y-3">
        {c.revisions.map((r) => (
          <div key={r.id} className="border-l-2 border-slate-300 pl-3">
            <p className="text-slate-500">
              Before the edit by {r.editedBy?.name ?? "someone"} · <TimeAgo date={r.createdAt} />
            </p>
            <Markdown source={r.body} mentions={mentionNames(c)} className="mt-1 text-sm text-slate-700" />
          </div>
        ))}
      </div>
    </details>
  );
}

/** The conversation. Callers pass only comments the viewer may see. */
export function Thread({ comments, requesterId, viewer }: { comments: ThreadComment[]; requesterId: string; viewer?: ThreadViewer }) {
  if (comments.length === 0) return <p className="text-sm text-slate-500">No replies yet.</p>;
  const solution = comments.find((c) => c.isSolution && c.type === "comment");
  return (
    <div className="space-y-4">
      {solution ? <SolutionBox comment={solution} /> : null}
      <ol className="space-y-4" aria-label="Conversation">
        {comments.map((c) => {
          if (c.type === "system") return <SystemEntry key={c.id} c={c} />;
          const internal = c.type === "internal_note";
          const isSolution = !!c.isSolution && !internal;
          const fromRequester = c.author?.id === requesterId;
          const own = !!viewer && c.author?.id === viewer.id;
          const tone = internal ? "bg-amber-50 ring-amber-200" : isSolution ? "bg-white ring-2 ring-emerald-300" : "bg-white ring-slate-200";
          return (
            <li key={c.id} id={`comment-${c.id}`} className={`rounded-lg p-4 ring-1 ${tone}`}>
              <div className="flex flex-wrap items-center gap-2 text-sm">
                <span aria-hidden className={`grid h-7 w-7 place-items-center rounded-full text-xs font-semibold ${fromRequester ? "bg-slate-200 text-slate-700" : "bg-brand-100 text-brand-700"}`}>
                  {initials(c.author?.name ?? "?")}
                </span>
                <span className="font-medium">{c.author?.name ?? "Former user"}</span>
                {internal ? <span className="rounded bg-amber-200/70 px-1.5 py-0.5 text-xs font-medium text-amber-900">Internal note</span> : null}
                {isSolution ? <span className="rounded bg-emerald-100 px-1.5 py-0.5 text-xs font-medium text-emerald-800">Solution</span> : null}
                <span className="text-slate-500"><TimeAgo date={c.createdAt} /></span>
                {c.editedAt ? <EditedMark date={c.editedAt} /> : null}
              </div>
              <EditableComment
                commentId={c.id}
                version={c.version ?? 1}
                source={own ? c.body : undefined}
                footer={viewer?.canMarkSolution && c.type === "comment" ? <SolutionButton commentId={c.id} isSolution={isSolution} /> : null}
              >
                <Markdown source={c.body} mentions={mentionNames(c)} className="mt-2 text-sm leading-relaxed text-slate-800" />
              </EditableComment>
              <CommentAttachments items={c.attachments ?? []} />
              <Revisions c={c} />
            </li>
          );
        })}
      </ol>
    </div>
  );
}
