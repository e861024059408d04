import "server-only";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { audit, type RequestMeta } from "@/lib/audit";
import { parseInput } from "@/lib/validation/parse";
import { deleteContactSchema, type DeleteContactInput } from "@/lib/validation/contacts";
import { assertManageContacts } from "./access";
import { contactAuditValues, lockedContact } from "./references";

/**
 * Deletes a contact with its audit row. Its tags go with it; a linked
 * requester keeps their account and, from now on, belongs to the customer of
 * their e-mail's domain, if any. Tickets keep the customer they were given.
 */
export async function deleteContact(actor: Actor, raw: DeleteContactInput, meta: RequestMeta = {}) {
  assertManageContacts(actor);
  const input = parseInput(deleteContactSchema, raw);
  return db.$transaction(async (tx) => {
    const contact = await lockedContact(tx, actor, input.id);
    await tx.contact.delete({ where: { id: contact.id } });
    const old = contactAuditValues(contact, { customer: contact.customerName, requester: contact.userEmail, tags: contact.tags.map((t) => t.name) });
    await audit({ ...meta, organizationId: actor.organizationId, actorId: actor.id, action: "contact.deleted", entityType: "Contact", entityId: contact.id, data: { old, new: {} } }, tx);
    return { id: contact.id, name: contact.name };
  });
}
