import "server-only";
import type { Db, Tx } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";

/*
 * Which customer a requester belongs to — one rule, stored once:
 *
 *   1. the customer of the contact record linked to the user (Contact.userId,
 *      at most one per user); a linked contact without a customer means none;
 *   2. a user with no contact record: the customer that claims the domain of
 *      their e-mail address (CustomerDomain, one customer per domain).
 *
 * There is no User.customerId: the contact link is the only stored fact, so
 * the two can never disagree. A ticket keeps the answer at its creation
 * (Ticket.customerId, written by the creation statement through
 * requesterCustomerSql); staff may change it on the ticket afterwards.
 * requesterCustomerId is the same rule through Prisma, the reference the
 * integration tests hold the SQL to.
 */

/** The rule as a scalar sub-select (uuid or NULL) for the requester `requesterId`. */
export function requesterCustomerSql(requesterId: string): Prisma.Sql {
  return Prisma.sql`(
    SELECT CASE WHEN rc."id" IS NOT NULL THEN rc."customerId" ELSE rd."customerId" END
      FROM "User" ru
      LEFT JOIN "Contact" rc ON rc."userId" = ru."id" AND rc."organizationId" = ru."organizationId"
      LEFT JOIN "CustomerDomain" rd ON rd."organizationId" = ru."organizationId" AND rd."domain" = split_part(ru."email", '@', 2)
     WHERE ru."id" = ${requesterId}::uuid)`;
}

/** The same rule through Prisma: the requester's customer id, or null. */
export async function requesterCustomerId(client: Tx | Db, requesterId: string): Promise<string | null> {
  const user = await client.user.findUnique({ where: { id: requesterId }, select: { organizationId: true, email: true, contact: { select: { organizationId: true, customerId: true } } } });
  if (!user) return null;
  if (user.contact && user.contact.organizationId === user.organizationId) return user.contact.customerId;
  const domain = user.email.split("@")[1] ?? "";
  const claim = await client.customerDomain.findUnique({ where: { organizationId_domain: { organizationId: user.organizationId, domain } }, select: { customerId: true } });
  return claim?.customerId ?? null;
}
