import { z } from "zod";
import { CHANNELS, NOTIFICATION_EVENTS } from "@/lib/domain/notifications/events";

const id = z.uuid({ error: "Unknown notification" });

export const markReadSchema = z.object({ id }).strict();
export type MarkReadInput = z.input<typeof markReadSchema>;

export const watchSchema = z.object({ ticketId: z.uuid({ error: "Ticket not found" }), watch: z.boolean() }).strict();
export type WatchInput = z.input<typeof watchSchema>;

const channel = z.enum(CHANNELS, { error: "Choose in-app, e-mail, both or none" });

/** Per-event channels; events left out keep what they had. */
export const notificationPrefsSchema = z
  .object(Object.fromEntries(NOTIFICATION_EVENTS.map((e) => [e, channel.optional()])) as Record<(typeof NOTIFICATION_EVENTS)[number], z.ZodOptional<typeof channel>>)
  .strict();
export type NotificationPrefsInput = z.input<typeof notificationPrefsSchema>;

export const emptySchema = z.object({}).strict();
