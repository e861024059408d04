import { channelsOf, DEFAULT_CHANNEL, EVENTS, type Channel, type NotificationEvent } from "./events";

// Who actually receives an event, decided from facts the caller loaded: pure,
// so the rules are tested without a database (recipients.test.ts).

/** A person an event could reach, with what they may see today. */
export interface Candidate {
  userId: string;
  email: string;
  organizationId: string;
  active: boolean;
  /** Works tickets (ticket.view_all or ticket.view_assigned): staff links, staff-only events. */
  staff: boolean;
  /** Holds ticket.view_internal. */
  seesInternal: boolean;
  /** The ticket is inside their scope right now (ticketScope). */
  seesTicket: boolean;
  /** Their stored choice for this event; null means the default. */
  channel: Channel | null;
}

export interface Delivery {
  userId: string;
  email: string;
  staff: boolean;
  seesInternal: boolean;
  inApp: boolean;
  byEmail: boolean;
}

export interface SelectInput {
  event: NotificationEvent;
  organizationId: string;
  /** Who caused the event: never told about their own doing. */
  actorId: string | null;
  /** The event carries internal-note material: only staff with ticket.view_internal may get it. */
  internal: boolean;
  candidates: readonly Candidate[];
}

/** Why a candidate is left out, or null when they are told. */
export function exclusionReason(input: Omit<SelectInput, "candidates">, c: Candidate): string | null {
  if (input.actorId && c.userId === input.actorId) return "actor";
  if (c.organizationId !== input.organizationId) return "other organization";
  if (!c.active) return "inactive";
  if (!c.seesTicket) return "out of scope";
  if (input.internal && !c.seesInternal) return "internal";
  if (EVENTS[input.event].audience === "staff" && !c.staff) return "staff only";
  const { inApp, email } = channelsOf(c.channel ?? DEFAULT_CHANNEL);
  if (!inApp && !email) return "preference none";
  return null;
}

/** The deliveries of one event: each eligible candidate once, on the channels they chose. */
export function selectRecipients(input: SelectInput): Delivery[] {
  const seen = new Set<string>();
  const out: Delivery[] = [];
  for (const c of input.candidates) {
    if (seen.has(c.userId) || exclusionReason(input, c)) continue;
    seen.add(c.userId);
    const { inApp, email } = channelsOf(c.channel ?? DEFAULT_CHANNEL);
    out.push({ userId: c.userId, email: c.email, staff: c.staff, seesInternal: c.seesInternal, inApp, byEmail: email });
  }
  return out;
}

/** Whether `event` should replace what a person already got for the same activity. */
export function outranks(event: NotificationEvent, previous: NotificationEvent | undefined): boolean {
  return previous === undefined || EVENTS[event].rank > EVENTS[previous].rank;
}
