import type { CommentType } from "@/lib/generated/prisma/enums";
import { TimeAgo } from "@/components/ui/time-ago";
import { CommentAttachments } from "@/components/attachments/attachment-list";
import type { AttachmentItem } from "@/components/attachments/items";

export interface ThreadComment {
  id: string;
  type: CommentType;
  body: string;
  createdAt: Date;
  editedAt: Date | null;
  author: { id: string; name: string } | null;
  /** Files sent with this comment (components/attachments/items.ts withAttachments). */
  attachments?: AttachmentItem[];
}

function initials(name: string) {
  return name
    .split(/\s+/)
    .map((p) => p[0])
    .slice(0, 2)
    .join("")
    .toUpperCase();
}

/** The conversation. Callers pass only comments the viewer may see. */
export function Thread({ comments, requesterId }: { comments: ThreadComment[]; requesterId: string }) {
  if (comments.length === 0) return <p className="text-sm text-slate-500">No replies yet.</p>;
  return (
    <ol className="space-y-4" aria-label="Conversation">
      {comments.map((c) => {
        const internal = c.type === "internal_note";
        const system = c.type === "system";
        const fromRequester = c.author?.id === requesterId;
        return (
          <li
            key={c.id}
            className={`rounded-lg p-4 ring-1 ${internal ? "bg-amber-50 ring-amber-200" : system ? "bg-slate-50 ring-slate-200" : "bg-white ring-slate-200"}`}
          >
            <div className="flex items-center gap-2 text-sm">
              <span aria-hidden className={`grid h-7 w-7 place-items-center rounded-full text-xs font-semibold ${fromRequester ? "bg-slate-200 text-slate-700" : "bg-brand-100 text-brand-700"}`}>
                {initials(c.author?.name ?? "S")}
              </span>
              <span className="font-medium">{c.author?.name ?? "System"}</span>
              {internal ? <span className="rounded bg-amber-200/70 px-1.5 py-0.5 text-xs font-medium text-amber-900">Internal note</span> : null}
              <span className="text-slate-500"><TimeAgo date={c.createdAt} /></span>
              {c.editedAt ? <span className="text-xs text-slate-400">(edited)</span> : null}
            </div>
            <div className="mt-2 text-sm leading-relaxed whitespace-pre-wrap text-slate-800">{c.body}</div>
            <CommentAttachments items={c.attachments ?? []} />
          </li>
        );
      })}
    </ol>
  );
}
