import type { Metadata } from "next";
import Link from "next/link";
import { pageActor } from "@/lib/auth/guards";
import { listNotifications, unreadCount } from "@/lib/domain/notifications/inbox";
import { PageHeader } from "@/components/layout/app-shell";
import { NotificationList } from "@/components/notifications/notification-list";
import { MarkAllReadButton } from "@/components/notifications/mark-all-read-button";
import { toEntries } from "@/components/notifications/types";

export const metadata: Metadata = { title: "Notifications" };

export default async function NotificationsPage() {
  const actor = await pageActor();
  const unread = await unreadCount(actor);
  const items = await listNotifications(actor, { limit: 100 });
  return (
    <div className="mx-auto max-w-3xl">
      <PageHeader
        title="Notifications"
        description={unread ? `${unread} unread` : "You are all caught up."}
        actions={
          <>
            <Link href="/settings/notifications" className="inline-flex items-center rounded-md px-2 py-1 text-sm text-slate-600 max-md:min-h-11 hover:bg-slate-100 hover:text-slate-900">
              Notification settings
            </Link>
            <MarkAllReadButton disabled={unread === 0} />
          </>
        }
      />
      <section aria-label="All notifications" className="overflow-hidden rounded-lg bg-white shadow-xs ring-1 ring-slate-200">
        <NotificationList items={toEntries(items)} />
      </section>
    </div>
  );
}
