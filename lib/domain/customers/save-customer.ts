import "server-only";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { audit, type RequestMeta } from "@/lib/audit";
import { invalid } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { parseInput } from "@/lib/validation/parse";
import { createCustomerSchema, updateCustomerSchema, type CreateCustomerInput, type UpdateCustomerInput } from "@/lib/validation/contacts";
import { assertManageContacts, isUniqueViolation } from "@/lib/domain/contacts/access";
import { assertCustomerNameFree, assertDomainsFree, customerNameTaken, lockedCustomer, writeDomains } from "./access";

/** A unique-index race lost to another admin's save reads as the field's message. */
function raced(e: unknown, name: string): never {
  if (isUniqueViolation(e)) {
    if (/domain/i.test(`${e instanceof Error ? e.message : ""} ${JSON.stringify((e as { meta?: unknown }).meta ?? {})}`)) {
      throw invalid("One of these domains was just given to another customer.", { domains: ["One of these domains was just given to another customer"] });
    }
    throw customerNameTaken(name);
  }
  throw e;
}

/** "New customer": name (unique in the organization, any case), e-mail domains (each claimed by one customer), notes; audited as customer.created. */
export async function createCustomer(actor: Actor, raw: CreateCustomerInput, meta: RequestMeta = {}) {
  assertManageContacts(actor, "Customer");
  const input = parseInput(createCustomerSchema, raw);
  const organizationId = actor.organizationId;
  const domains = [...input.domains].sort();
  return db
    .$transaction(async (tx) => {
      await assertCustomerNameFree(tx, organizationId, input.name);
      await assertDomainsFree(tx, organizationId, domains);
      const customer = await tx.customer.create({ data: { organizationId, name: input.name, notes: input.notes }, select: { id: true, name: true, version: true } });
      await writeDomains(tx, organizationId, customer.id, [], domains);
      await audit(
        { ...meta, organizationId, actorId: actor.id, action: "customer.created", entityType: "Customer", entityId: customer.id, data: { old: {}, new: { name: input.name, domains, notes: input.notes } } },
        tx,
      );
      return customer;
    })
    .catch((e) => raced(e, input.name));
}

/** Edits a customer if nobody changed it since `version`; audited with the old and new values of what changed. */
export async function updateCustomer(actor: Actor, raw: UpdateCustomerInput, meta: RequestMeta = {}) {
  assertManageContacts(actor, "Customer");
  const input = parseInput(updateCustomerSchema, raw);
  const organizationId = actor.organizationId;
  return db
    .$transaction(async (tx) => {
      const before = await lockedCustomer(tx, actor, input.id, input.version);
      const next = { name: input.name, domains: [...input.domains].sort(), notes: input.notes };
      const old: Record<string, unknown> = {};
      const changed: Record<string, unknown> = {};
      for (const field of ["name", "domains", "notes"] as const) {
        if (JSON.stringify(before[field]) !== JSON.stringify(next[field])) [old[field], changed[field]] = [before[field], next[field]];
      }
      if (Object.keys(changed).length === 0) return { id: before.id, version: before.version, changed: false };
      if ("name" in changed) await assertCustomerNameFree(tx, organizationId, next.name, before.id);
      await assertDomainsFree(tx, organizationId, next.domains, before.id);
      const saved = await tx.customer.update({ where: { id: before.id }, data: { name: next.name, notes: next.notes, version: { increment: 1 } }, select: { id: true, version: true } });
      await writeDomains(tx, organizationId, before.id, before.domains, next.domains);
      await audit({ ...meta, organizationId, actorId: actor.id, action: "customer.updated", entityType: "Customer", entityId: before.id, data: { customer: before.name, old, new: changed } as Prisma.InputJsonValue }, tx);
      return { ...saved, changed: true };
    })
    .catch((e) => raced(e, input.name));
}
