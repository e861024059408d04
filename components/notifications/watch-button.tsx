import { getActor } from "@/lib/auth/actor";
import { isWatching } from "@/lib/domain/notifications/watchers";
import { WatchToggle } from "./watch-toggle";

/** Watch / Unwatch for the signed-in viewer of a ticket page (the page already loaded the ticket through their scope). */
export async function WatchButton({ ticketId }: { ticketId: string }) {
  const actor = await getActor();
  if (!actor) return null;
  return <WatchToggle ticketId={ticketId} watching={await isWatching(actor, ticketId)} />;
}
