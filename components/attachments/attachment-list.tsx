import { TimeAgo } from "@/components/ui/time-ago";
import { formatBytes } from "@/lib/domain/attachments/types";
import { downloadUrl, previewUrl, type AttachmentItem } from "./items";
import { RemoveAttachment } from "./remove-attachment";

function FileIcon({ name }: { name: string }) {
  const ext = name.split(".").pop()?.toUpperCase().slice(0, 4) ?? "";
  return (
    <span aria-hidden className="grid h-10 w-10 shrink-0 place-items-center rounded-md bg-slate-100 text-[10px] font-semibold tracking-wide text-slate-600 ring-1 ring-slate-200 ring-inset">
      {ext}
    </span>
  );
}

/** Files with name (the download link), size, who and when; a thumbnail for PNG/JPEG. */
export function AttachmentList({ items, compact = false }: { items: AttachmentItem[]; compact?: boolean }) {
  return (
    <ul className={compact ? "flex flex-wrap gap-2" : "divide-y divide-slate-100"}>
      {items.map((a) => (
        <li key={a.id} className={compact ? "flex max-w-full items-center gap-2 rounded-md bg-slate-50 px-2 py-1.5 ring-1 ring-slate-200 ring-inset" : "flex items-center gap-3 py-2.5 first:pt-0 last:pb-0"}>
          {a.previewable ? (
            // eslint-disable-next-line @next/next/no-img-element -- served by our own route (scope-checked, CSP), not optimised
            <img src={previewUrl(a.id)} alt="" loading="lazy" className={`${compact ? "h-8 w-8" : "h-10 w-10"} shrink-0 rounded-md object-cover ring-1 ring-slate-200`} />
          ) : compact ? null : (
            <FileIcon name={a.name} />
          )}
          <div className="min-w-0 flex-1 text-sm">
            <a href={downloadUrl(a.id)} download className="block truncate font-medium text-brand-700 hover:underline" title={a.name}>
              {a.name}
            </a>
            <p className="truncate text-xs text-slate-500">
              {formatBytes(a.size)}
              {compact ? null : (
                <>
                  {" · "}
                  {a.uploadedBy ?? "Someone"} · <TimeAgo date={a.createdAt} />
                </>
              )}
              {!compact && a.internal ? <span className="ml-1.5 rounded bg-amber-200/70 px-1 py-0.5 font-medium text-amber-900">Internal note</span> : null}
              {!compact && a.commentId && !a.internal ? <span className="ml-1.5 text-slate-500">· in a reply</span> : null}
            </p>
          </div>
          {!compact && a.removable ? <RemoveAttachment id={a.id} name={a.name} /> : null}
        </li>
      ))}
    </ul>
  );
}

/** The files sent with one comment, listed under it in the thread. */
export function CommentAttachments({ items }: { items: AttachmentItem[] }) {
  if (!items.length) return null;
  return (
    <div className="mt-3" aria-label="Attached files" role="group">
      <AttachmentList items={items} compact />
    </div>
  );
}
