import type { Actor } from "@/lib/auth/actor";
import { shellFacts } from "@/lib/auth/guards";
import { BellMenu } from "./bell-menu";

/** The shell's bell: the unread count comes with the page; the list when the menu opens. */
export async function NotificationBell({ actor }: { actor: Actor }) {
  const { unread } = await shellFacts(actor);
  return <BellMenu initialUnread={unread} />;
}
