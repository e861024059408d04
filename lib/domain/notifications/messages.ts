import type { TicketStatus } from "@/lib/generated/prisma/enums";
import { STATUS_LABELS } from "@/lib/domain/tickets/workflow";
import { EVENTS, type NotificationEvent } from "./events";
import { teamPhrase } from "@/lib/validation/teams";

// The words of a notification and its e-mail: short, with a link to the
// ticket on the reader's own surface. Internal-note text only ever reaches a
// reader who holds ticket.view_internal — checked here as well as when the
// recipients are chosen.

export const EXCERPT_MAX = 280;

export interface MessageContext {
  event: NotificationEvent;
  ticket: { number: string; title: string };
  actorName: string | null;
  /** The comment behind a reply, mention or watcher update. */
  comment?: { body: string; internal: boolean } | null;
  /** A rejection's reason (shown to the requester on the ticket page too). */
  reason?: string | null;
  status?: { from: TicketStatus; to: TicketStatus } | null;
  /** The team a ticket was given or transferred to (team_transfer). */
  teamName?: string | null;
  /** Names of the new assignees (assignment seen by watchers). */
  assigneeNames?: readonly string[];
  /** For watcher_update: the activity that caused it. */
  cause?: NotificationEvent;
}

export interface Reader {
  staff: boolean;
  seesInternal: boolean;
}

export interface Message {
  title: string;
  body: string;
  /** Path on the reader's surface: /tickets/N for staff, /portal/tickets/N otherwise. */
  link: string;
  subject: string;
  text: string;
}

export function ticketLink(number: string, staff: boolean): string {
  return `${staff ? "/tickets" : "/portal/tickets"}/${encodeURIComponent(number)}`;
}

/** One paragraph of at most EXCERPT_MAX characters. */
export function excerpt(text: string, max = EXCERPT_MAX): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1).trimEnd()}…`;
}

const label = (s: TicketStatus) => STATUS_LABELS[s] ?? s;

/** The comment's text for this reader: nothing when it is internal and they may not see internal notes. */
function commentText(ctx: MessageContext, reader: Reader): string {
  if (!ctx.comment) return "";
  if (ctx.comment.internal && !reader.seesInternal) return "";
  return excerpt(ctx.comment.body);
}

function titleAndBody(ctx: MessageContext, reader: Reader, event: NotificationEvent): [string, string] {
  const who = ctx.actorName ?? "Someone";
  const { number: n, title } = ctx.ticket;
  const quoted = `“${excerpt(title, 120)}”`;
  const internalNote = !!ctx.comment?.internal;
  switch (event) {
    case "ticket_created":
      return [`New ticket ${n}`, `${who} opened ${quoted}.`];
    case "assigned":
      return [`${n} was assigned to you`, `${who} assigned you ${quoted}.`];
    case "team_transfer": {
      const team = ctx.teamName ? teamPhrase(ctx.teamName) : "your team";
      return [`${n} was transferred to ${team}`, `${who} transferred ${quoted} to ${team}.${ctx.reason ? ` Reason: ${excerpt(ctx.reason)}` : ""}`];
    }
    case "approval_needed":
      return [`Approval needed: ${n}`, `${who} submitted ${quoted} for approval.`];
    case "ready_to_assign":
      return [`${n} is approved and needs an assignee`, `${who} approved ${quoted}; nobody is assigned to carry it out yet.`];
    case "approved":
      return [`${n} was approved`, `${who} approved ${quoted}.`];
    case "rejected":
      return [`${n} was rejected`, `${who} rejected ${quoted}.${ctx.reason ? ` Reason: ${excerpt(ctx.reason)}` : ""}`];
    case "public_reply":
      return [`${who} replied on ${n}`, commentText(ctx, reader) || `A new reply on ${quoted}.`];
    case "status_change":
      return ctx.status
        ? [`${n} is now ${label(ctx.status.to)}`, `${who} moved ${quoted} from ${label(ctx.status.from)} to ${label(ctx.status.to)}.`]
        : [`${n} changed status`, `${who} changed the status of ${quoted}.`];
    case "mention":
      return [`${who} mentioned you on ${n}`, commentText(ctx, reader) || `You were mentioned on ${quoted}.`];
    case "watcher_update": {
      if (ctx.comment) {
        // An internal note is named as such only to those who may see it (they are the only ones told).
        const what = internalNote && reader.seesInternal ? "added an internal note on" : "replied on";
        return [`${who} ${what} ${n}`, commentText(ctx, reader) || `New activity on ${quoted}.`];
      }
      const cause = ctx.cause && ctx.cause !== "watcher_update" ? ctx.cause : null;
      if (cause === "assigned" && ctx.assigneeNames?.length) return [`${n} was assigned`, `${who} assigned ${quoted} to ${ctx.assigneeNames.join(", ")}.`];
      if (cause) return titleAndBody(ctx, reader, cause);
      return [`${n} was updated`, `${who} updated ${quoted}.`];
    }
  }
}

/** The notification's title and body, and the e-mail built from them, for one reader. */
export function buildMessage(ctx: MessageContext, reader: Reader, appUrl: string): Message {
  const event = ctx.event;
  const [title, body] = titleAndBody(ctx, reader, event);
  const link = ticketLink(ctx.ticket.number, reader.staff);
  const base = appUrl.replace(/\/+$/, "");
  const why = event === "watcher_update" ? "You are watching this ticket." : `${EVENTS[event].description}.`;
  const text = [title, "", body, "", `Open ${ctx.ticket.number}: ${base}${link}`, "", `— ${why} Change what you receive: ${base}/settings/notifications`].join("\n");
  return { title, body, link, subject: `[${ctx.ticket.number}] ${title}`, text };
}
