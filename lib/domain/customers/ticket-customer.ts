import "server-only";
import { sqlRows, type Tx } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/auth/actor";
import { isUuid } from "@/lib/validation/text";
import { UUID_V7 } from "@/lib/domain/tags/ticket-writes";
import type { HistoryEntry } from "@/lib/domain/tickets/history";

// A ticket's customer (Ticket.customerId): set when the ticket is created
// (requester-customer.ts), changed by staff who edit the ticket, and let go
// when the customer is deleted. Each change is a history row that names the
// customers, internal (the customer is the staff's view of the requester).

export const CUSTOMER_FIELD = "customer";

export interface CustomerChoice {
  id: string;
  name: string;
}

/** The history row of a ticket's customer changing from `before` to `after` (names; null for none). */
export function customerHistory(before: string | null, after: string | null): HistoryEntry {
  return { action: "field_change", field: CUSTOMER_FIELD, oldValue: before, newValue: after, internal: true };
}

/** Customers of the organization by id (the ones a filter or a ticket holds), by name; an id of another organization finds nothing. */
export async function customersById(organizationId: string, ids: readonly string[]): Promise<CustomerChoice[]> {
  const wanted = [...new Set(ids.filter(isUuid).map((id) => id.toLowerCase()))];
  if (wanted.length === 0) return [];
  return sqlRows<CustomerChoice>(Prisma.sql`
    SELECT c."id"::text AS "id", c."name" FROM "Customer" c
     WHERE c."organizationId" = ${organizationId}::uuid AND c."id" = ANY(${wanted}::uuid[])
     ORDER BY lower(c."name") COLLATE "C"`);
}

/**
 * A deleted customer's tickets lose it: each gets a history row and a new
 * version (a ticket form opened before cannot save the customer back), in one
 * statement inside the deleting transaction. Returns how many there were.
 */
export async function releaseCustomerTickets(tx: Tx, actor: Actor, customer: { id: string; name: string }): Promise<number> {
  const [row] = await tx.$queryRaw<{ n: number }[]>`
    WITH released AS (
      UPDATE "Ticket" SET "customerId" = NULL, "version" = "version" + 1, "updatedAt" = now()
       WHERE "customerId" = ${customer.id}::uuid AND "organizationId" = ${actor.organizationId}::uuid
      RETURNING "id"
    ), history AS (
      INSERT INTO "TicketHistory" ("id", "organizationId", "ticketId", "actorId", "action", "field", "oldValue", "newValue", "internal", "createdAt")
      SELECT ${UUID_V7}, ${actor.organizationId}::uuid, r."id", ${actor.id}::uuid, 'field_change'::"HistoryAction", ${CUSTOMER_FIELD}, ${customer.name}, NULL, true, now()
        FROM released r
    )
    SELECT count(*)::int AS "n" FROM released`;
  return row?.n ?? 0;
}
