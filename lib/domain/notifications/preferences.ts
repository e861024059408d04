import "server-only";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { isStaff } from "@/lib/auth/permissions";
import { invalid, INVALID_FORM } from "@/lib/errors";
import { parseInput } from "@/lib/validation/parse";
import { notificationPrefsSchema, type NotificationPrefsInput } from "@/lib/validation/notifications";
import { CHANNELS, DEFAULT_CHANNEL, eventsFor, type Channel, type NotificationEvent } from "./events";

/** The actor's channel per event they can receive, defaults filled in. */
export async function getNotificationPreferences(actor: Actor): Promise<Partial<Record<NotificationEvent, Channel>>> {
  const events = eventsFor(isStaff(actor));
  const rows = await db.notificationPreference.findMany({ where: { userId: actor.id, event: { in: events } }, select: { event: true, channel: true } });
  const stored = new Map(rows.map((r) => [r.event, r.channel as Channel]));
  return Object.fromEntries(events.map((e) => [e, stored.get(e) ?? DEFAULT_CHANNEL]));
}

/** Saves the actor's choices; an event not offered to them is refused, not silently stored. */
export async function saveNotificationPreferences(actor: Actor, raw: NotificationPrefsInput) {
  const input = parseInput(notificationPrefsSchema, raw);
  const offered = new Set<string>(eventsFor(isStaff(actor)));
  const entries = Object.entries(input).filter((e): e is [NotificationEvent, Channel] => !!e[1] && (CHANNELS as readonly string[]).includes(e[1]));
  const refused = entries.filter(([event]) => !offered.has(event));
  if (refused.length) throw invalid(INVALID_FORM, Object.fromEntries(refused.map(([event]) => [event, ["You do not receive this notification"]])));
  await db.$transaction(async (tx) => {
    for (const [event, channel] of entries) {
      await tx.notificationPreference.upsert({
        where: { userId_event: { userId: actor.id, event } },
        create: { userId: actor.id, event, channel },
        update: { channel },
      });
    }
  });
  return getNotificationPreferences(actor);
}
