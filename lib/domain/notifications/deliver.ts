import "server-only";
import { randomBytes } from "node:crypto";
import type { Tx } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { uuidv7 } from "@/lib/ids";
import { appUrl } from "@/lib/env";
import type { NotificationEvent } from "./events";
import { outranks, type Delivery } from "./recipients";
import { buildMessage } from "./messages";
import type { PlannedNotice } from "./notify";

// Step two of notify(): the planned notices become Notification rows (in-app)
// and OutboxMessage rows (e-mail), rendered per reader by messages.ts.

// Per transaction and ticket: who was told what, so that a later, more
// specific event replaces an earlier, vaguer one (and never adds a second).
interface Sent {
  event: NotificationEvent;
  notificationId: string | null;
  outboxId: string | null;
}
const ledgers = new WeakMap<object, Map<string, Map<string, Sent>>>();
function ledgerFor(tx: Tx, ticketId: string): Map<string, Sent> {
  let byTicket = ledgers.get(tx);
  if (!byTicket) ledgers.set(tx, (byTicket = new Map()));
  let ledger = byTicket.get(ticketId);
  if (!ledger) byTicket.set(ticketId, (ledger = new Map()));
  return ledger;
}

type Chosen = Map<string, { event: NotificationEvent; delivery: Delivery; notice: PlannedNotice }>;

/** Each person's best event among the notices, unless they already got a better one (ledger). */
function choose(notices: readonly PlannedNotice[], ledger?: Map<string, Sent>): Chosen {
  const chosen: Chosen = new Map();
  for (const notice of notices) {
    for (const { event, delivery } of notice.deliveries) {
      const best = chosen.get(delivery.userId)?.event ?? ledger?.get(delivery.userId)?.event;
      if (outranks(event, best)) chosen.set(delivery.userId, { event, delivery, notice });
    }
  }
  return chosen;
}

/** The rows to write: a Notification per in-app delivery, an OutboxMessage per e-mail. */
function render(chosen: Chosen, number: string) {
  const base = appUrl();
  const notifications: { userId: string; event: NotificationEvent; title: string; body: string }[] = [];
  const mails: { to: string; subject: string; text: string }[] = [];
  for (const { event, delivery: d, notice } of chosen.values()) {
    const message = buildMessage({ ...notice.ctx, event, ticket: { number, title: notice.title } }, { staff: d.staff, seesInternal: d.seesInternal }, base);
    if (d.inApp) notifications.push({ userId: d.userId, event, title: message.title, body: message.body });
    if (d.byEmail) mails.push({ to: d.email, subject: message.subject, text: message.text });
  }
  return { notifications, mails };
}

/** Step two: writes the planned notifications and e-mails of a ticket that has its id and number. */
export async function deliverNotices(tx: Tx, notices: readonly PlannedNotice[], ticket: { id: string; organizationId: string; number: string }): Promise<string[]> {
  const ledger = ledgerFor(tx, ticket.id);
  const chosen = choose(notices, ledger);
  if (chosen.size === 0) return [];

  const retracted = [...chosen.keys()].map((userId) => ledger.get(userId)).filter((s): s is Sent => !!s);
  const oldNotifications = retracted.map((s) => s.notificationId).filter((id): id is string => !!id);
  const oldMails = retracted.map((s) => s.outboxId).filter((id): id is string => !!id);
  if (oldNotifications.length) await tx.notification.deleteMany({ where: { id: { in: oldNotifications } } });
  if (oldMails.length) await tx.outboxMessage.deleteMany({ where: { id: { in: oldMails }, status: "pending" } });

  const { notifications, mails } = render(chosen, ticket.number);
  const org = ticket.organizationId;
  const writtenNotifications = notifications.length
    ? await tx.notification.createManyAndReturn({ data: notifications.map((n) => ({ ...n, organizationId: org, ticketId: ticket.id })), select: { id: true, userId: true } })
    : [];
  const writtenMails = mails.length ? await tx.outboxMessage.createManyAndReturn({ data: mails.map((m) => ({ ...m, organizationId: org })), select: { id: true, to: true } }) : [];
  for (const { event, delivery: d } of chosen.values()) {
    ledger.set(d.userId, {
      event,
      notificationId: writtenNotifications.find((n) => n.userId === d.userId)?.id ?? null,
      outboxId: d.byEmail ? (writtenMails.find((m) => m.to === d.email)?.id ?? null) : null,
    });
  }
  return [...chosen.keys()];
}

/**
 * Step two for a ticket that does not exist yet: the notifications and e-mails
 * as more CTEs of the statement that creates it (insert-ticket.ts `also`),
 * reading the new ticket's id and number from its `ticket` CTE. Same
 * statement, same transaction.
 */
export function deliverNoticesSql(notices: readonly PlannedNotice[], now: Date): Prisma.Sql {
  const chosen = choose(notices);
  if (chosen.size === 0) return Prisma.empty;
  // Rendered with a stand-in for the number the statement allocates: URL-safe, so links keep it verbatim.
  const token = `NUMBER${randomBytes(12).toString("hex")}`;
  const { notifications, mails } = render(chosen, token);
  const at = Prisma.sql`(${now.toISOString()}::timestamptz AT TIME ZONE 'UTC')`;
  const ms = now.getTime();
  const parts: Prisma.Sql[] = [];
  if (notifications.length) {
    parts.push(Prisma.sql`,
  notices AS (
    INSERT INTO "Notification" ("id", "organizationId", "userId", "ticketId", "event", "title", "body", "createdAt")
    SELECT n."id", ticket."organizationId", n."userId", ticket."id", n."event", replace(n."title", ${token}, ticket."number"), replace(n."body", ${token}, ticket."number"), ${at}
      FROM ticket CROSS JOIN jsonb_to_recordset(${JSON.stringify(notifications.map((n) => ({ ...n, id: uuidv7(ms) })))}::jsonb)
        AS n("id" uuid, "userId" uuid, "event" text, "title" text, "body" text)
  )`);
  }
  if (mails.length) {
    parts.push(Prisma.sql`,
  mails AS (
    INSERT INTO "OutboxMessage" ("id", "organizationId", "to", "subject", "text", "nextAttemptAt", "createdAt")
    SELECT m."id", ticket."organizationId", m."to", replace(m."subject", ${token}, ticket."number"), replace(m."text", ${token}, ticket."number"), ${at}, ${at}
      FROM ticket CROSS JOIN jsonb_to_recordset(${JSON.stringify(mails.map((m) => ({ ...m, id: uuidv7(ms) })))}::jsonb)
        AS m("id" uuid, "to" text, "subject" text, "text" text)
  )`);
  }
  return Prisma.join(parts, "");
}
