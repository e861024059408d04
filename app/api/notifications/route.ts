import { NextResponse } from "next/server";
import { getActor } from "@/lib/auth/actor";
import { listNotifications, unreadCount } from "@/lib/domain/notifications/inbox";

// The bell's refresh: the signed-in user's unread count and newest notifications.
export async function GET() {
  const actor = await getActor();
  if (!actor) return NextResponse.json({ error: "Sign in first" }, { status: 401 });
  const [unread, items] = [await unreadCount(actor), await listNotifications(actor, { limit: 8 })];
  return NextResponse.json({ unread, items }, { headers: { "Cache-Control": "no-store" } });
}
