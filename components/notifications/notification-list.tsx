"use client";

import { useTransition } from "react";
import { useRouter } from "next/navigation";
import { formatDistanceToNowStrict } from "date-fns";
import { markNotificationReadAction } from "@/lib/actions/notifications";
import type { InboxEntry } from "./types";

function ago(iso: string) {
  return formatDistanceToNowStrict(new Date(iso), { addSuffix: true }).replace(/ minutes?/, " min").replace(/ seconds?/, " s");
}

/**
 * Notifications as a list of links. Opening one marks it read (server action,
 * the actor's own row only) and then goes to the ticket.
 */
export function NotificationList({ items, onOpened, compact = false }: { items: InboxEntry[]; onOpened?: (id: string) => void; compact?: boolean }) {
  const router = useRouter();
  const [, startTransition] = useTransition();

  function open(e: React.MouseEvent<HTMLAnchorElement>, item: InboxEntry) {
    if (e.metaKey || e.ctrlKey || e.shiftKey || e.button !== 0) return;
    e.preventDefault();
    onOpened?.(item.id);
    startTransition(async () => {
      if (!item.read) await markNotificationReadAction({ id: item.id });
      if (item.href) router.push(item.href);
      router.refresh();
    });
  }

  if (items.length === 0) return <p className="px-4 py-6 text-center text-sm text-slate-500">No notifications yet.</p>;
  return (
    <ul className="divide-y divide-slate-100">
      {items.map((item) => {
        const content = (
          <>
            <span aria-hidden className={`mt-1.5 h-2 w-2 shrink-0 rounded-full ${item.read ? "bg-transparent" : "bg-brand-600"}`} />
            <span className="min-w-0 flex-1">
              <span className={`block text-sm ${item.read ? "text-slate-700" : "font-semibold text-slate-900"}`}>
                {item.title}
                {item.read ? null : <span className="sr-only"> (unread)</span>}
              </span>
              {item.body ? <span className={`mt-0.5 block text-sm text-slate-600 ${compact ? "line-clamp-2" : ""}`}>{item.body}</span> : null}
              <time dateTime={item.createdAt} suppressHydrationWarning className="mt-1 block text-xs text-slate-500">
                {ago(item.createdAt)}
              </time>
            </span>
          </>
        );
        return (
          <li key={item.id} data-testid="notification" data-read={item.read ? "true" : "false"}>
            {item.href ? (
              <a href={item.href} onClick={(e) => open(e, item)} className={`flex gap-3 px-4 py-3 hover:bg-slate-50 focus-visible:bg-slate-50 focus-visible:outline-none ${item.read ? "" : "bg-brand-50/40"}`}>
                {content}
              </a>
            ) : (
              <div className="flex gap-3 px-4 py-3 text-slate-500">{content}</div>
            )}
          </li>
        );
      })}
    </ul>
  );
}
