import "server-only";
import type { Tx } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";

// What deleting or merging a tag does to the tickets carrying it, in set-based
// statements (a tag may sit on thousands of tickets): each ticket gets its
// history row (tag_removed / tag_added, as the ticket page writes them) and a
// new version, so a ticket form opened before the change cannot save its old
// tag list back (updateTicket is compare-and-set on the version).

/** A version-7 UUID per row, made in SQL (the rows' ids stay time-ordered like Prisma's uuid(7)). */
export const UUID_V7 = Prisma.sql`encode(set_bit(set_bit(overlay(uuid_send(gen_random_uuid()) PLACING substring(int8send(floor(extract(epoch FROM clock_timestamp()) * 1000)::bigint) FROM 3) FROM 1 FOR 6), 52, 1), 53, 1), 'hex')::uuid`;

/** Bumps the version of every ticket in `ticketIds` (an SQL set of ids). */
export async function bumpTickets(tx: Tx, ticketIds: Prisma.Sql): Promise<void> {
  await tx.$executeRaw`UPDATE "Ticket" SET "version" = "version" + 1, "updatedAt" = now() WHERE "id" IN (${ticketIds})`;
}

/** One history row per ticket of `ticketIds`. */
export async function tagHistory(
  tx: Tx,
  entry: { organizationId: string; actorId: string; action: "tag_added" | "tag_removed"; tagName: string },
  ticketIds: Prisma.Sql,
): Promise<void> {
  const [oldValue, newValue] = entry.action === "tag_removed" ? [entry.tagName, null] : [null, entry.tagName];
  await tx.$executeRaw`
    INSERT INTO "TicketHistory" ("id", "organizationId", "ticketId", "actorId", "action", "oldValue", "newValue", "internal", "createdAt")
    SELECT ${UUID_V7}, ${entry.organizationId}::uuid, x."id", ${entry.actorId}::uuid, ${entry.action}::"HistoryAction", ${oldValue}, ${newValue}, false, now()
      FROM (${ticketIds}) AS x("id")`;
}

/** The tickets carrying a tag, as an SQL set of ids. */
export const ticketsOfTag = (tagId: string) => Prisma.sql`SELECT tt."ticketId" FROM "TicketTag" tt WHERE tt."tagId" = ${tagId}::uuid`;
