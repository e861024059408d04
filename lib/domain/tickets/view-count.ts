import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { notFound } from "@/lib/errors";
import { ticketScopeSql } from "./policy";

/**
 * Counts one view of a ticket page (desk or portal) and returns the new count.
 * A single scoped UPDATE in plain SQL: Prisma's update would bump updatedAt
 * (@updatedAt); a view changes neither the version nor updatedAt and writes no
 * history — it is not a change of the ticket.
 */
export async function recordTicketView(actor: Actor, ticketId: string): Promise<number> {
  const rows = await db.$queryRaw<{ viewCount: number }[]>(Prisma.sql`
    UPDATE "Ticket" t SET "viewCount" = t."viewCount" + 1
    WHERE t.id = ${ticketId}::uuid AND ${ticketScopeSql(actor)}
    RETURNING t."viewCount" AS "viewCount"`);
  if (!rows[0]) throw notFound();
  return rows[0].viewCount;
}
