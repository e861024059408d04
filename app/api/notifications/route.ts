import { defineRoute, jsonResponse } from "@/lib/http/route";
import { listNotifications, unreadCount } from "@/lib/domain/notifications/inbox";

// The bell's refresh: the signed-in user's unread count and newest notifications.
export const GET = defineRoute("notifications", { signedOut: "Sign in first." }, async (_request, actor) => {
  const [unread, items] = [await unreadCount(actor), await listNotifications(actor, { limit: 8 })];
  return jsonResponse(200, { unread, items });
});
