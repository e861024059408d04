import type { NotificationChannel } from "@/lib/generated/prisma/enums";

// The notification catalog: which events exist, who they are for and how they
// are delivered unless the user chose otherwise (NotificationPreference).

export const NOTIFICATION_EVENTS = [
  "ticket_created",
  "assigned",
  "team_transfer",
  "approval_needed",
  "ready_to_assign",
  "approved",
  "rejected",
  "public_reply",
  "status_change",
  "mention",
  "watcher_update",
] as const;
export type NotificationEvent = (typeof NOTIFICATION_EVENTS)[number];

export const CHANNELS = ["in_app", "email", "both", "none"] as const satisfies readonly NotificationChannel[];
export type Channel = (typeof CHANNELS)[number];

export const CHANNEL_LABELS: Record<Channel, string> = { in_app: "In-app", email: "E-mail", both: "Both", none: "None" };

export interface EventMeta {
  label: string;
  description: string;
  /** "staff": only people who work tickets get it (the preferences page hides it from requesters). */
  audience: "staff" | "everyone";
  /**
   * When one activity reaches a person through several events (a reply they are
   * the requester of and also watch), they get the one ranked highest.
   */
  rank: number;
  /** Watchers hear about it too (as watcher_update), unless told more specifically. */
  watchable: boolean;
}

export const EVENTS: Record<NotificationEvent, EventMeta> = {
  mention: { label: "Mentions", description: "Someone mentions you in a comment or note", audience: "staff", rank: 90, watchable: false },
  assigned: { label: "Assigned to you", description: "A ticket is assigned to you", audience: "staff", rank: 80, watchable: true },
  team_transfer: { label: "Tickets for your team", description: "A ticket is given or transferred to a team you belong to", audience: "staff", rank: 75, watchable: false },
  approval_needed: { label: "Approval needed", description: "A change request in your project waits for approval", audience: "staff", rank: 70, watchable: false },
  ready_to_assign: { label: "Ready to assign", description: "An approved change in your project has nobody assigned to carry it out", audience: "staff", rank: 65, watchable: false },
  approved: { label: "Change approved", description: "A change you requested is approved", audience: "everyone", rank: 60, watchable: true },
  rejected: { label: "Change rejected", description: "A change you requested is rejected, with the reason", audience: "everyone", rank: 60, watchable: true },
  public_reply: { label: "Replies", description: "A reply on a ticket you requested or are assigned to", audience: "everyone", rank: 50, watchable: true },
  status_change: { label: "Status changes", description: "A ticket you requested changes status", audience: "everyone", rank: 40, watchable: true },
  ticket_created: { label: "New tickets", description: "A new ticket in a project you triage", audience: "staff", rank: 30, watchable: false },
  watcher_update: { label: "Watched tickets", description: "Activity on tickets you watch", audience: "everyone", rank: 10, watchable: false },
};

/** Unless a user chose otherwise, every event comes both in the app and by e-mail. */
export const DEFAULT_CHANNEL: Channel = "both";

export function isNotificationEvent(value: string): value is NotificationEvent {
  return (NOTIFICATION_EVENTS as readonly string[]).includes(value);
}

export function channelsOf(channel: Channel): { inApp: boolean; email: boolean } {
  return { inApp: channel === "in_app" || channel === "both", email: channel === "email" || channel === "both" };
}

/** The events a user's preferences page offers: staff see all, requesters those that can reach them. */
export function eventsFor(staff: boolean): NotificationEvent[] {
  return NOTIFICATION_EVENTS.filter((e) => staff || EVENTS[e].audience === "everyone");
}
