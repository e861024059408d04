import "server-only";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { audit, type RequestMeta } from "@/lib/audit";
import { parseInput } from "@/lib/validation/parse";
import { deleteCustomerSchema, type DeleteCustomerInput } from "@/lib/validation/contacts";
import { assertManageContacts } from "@/lib/domain/contacts/access";
import { lockedCustomer } from "./access";
import { releaseCustomerTickets } from "./ticket-customer";

/**
 * Deletes a customer in one transaction with its audit row: its domains go
 * with it, its contacts stay without a customer (the requesters linked to
 * them with it), and its tickets lose it, each with a history row.
 */
export async function deleteCustomer(actor: Actor, raw: DeleteCustomerInput, meta: RequestMeta = {}) {
  assertManageContacts(actor, "Customer");
  const input = parseInput(deleteCustomerSchema, raw);
  return db.$transaction(async (tx) => {
    const customer = await lockedCustomer(tx, actor, input.id);
    const contacts = await tx.contact.count({ where: { customerId: customer.id } });
    const tickets = await releaseCustomerTickets(tx, actor, customer);
    // Contacts' customerId is set to NULL and the domains deleted by the foreign keys.
    await tx.customer.delete({ where: { id: customer.id } });
    await audit(
      {
        ...meta,
        organizationId: actor.organizationId,
        actorId: actor.id,
        action: "customer.deleted",
        entityType: "Customer",
        entityId: customer.id,
        data: { old: { name: customer.name, domains: customer.domains, notes: customer.notes }, new: {}, contacts, tickets },
      },
      tx,
    );
    return { id: customer.id, name: customer.name, contacts, tickets };
  });
}
