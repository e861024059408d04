import type { Actor } from "@/lib/auth/actor";
import { listNotifications, unreadCount } from "@/lib/domain/notifications/inbox";
import { BellMenu } from "./bell-menu";
import { toEntries } from "./types";

/** The shell's bell, rendered with the signed-in user's unread count and newest notifications. */
export async function NotificationBell({ actor }: { actor: Actor }) {
  const unread = await unreadCount(actor);
  const items = await listNotifications(actor, { limit: 8 });
  return <BellMenu initialUnread={unread} initialItems={toEntries(items)} />;
}
