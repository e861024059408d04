import "server-only";
import type { Tx } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { conflict, invalid, notFound } from "@/lib/errors";

// What the customer writers share: the row locked through the actor's
// organization (another organization's id is "not found"), the version
// compare-and-set, and the two uniqueness rules — a name once per
// organization ignoring case (Customer_name_key), a domain claimed by one
// customer (CustomerDomain's primary key) — said on their fields.

export interface LockedCustomer {
  id: string;
  name: string;
  notes: string;
  version: number;
  /** Sorted. */
  domains: string[];
}

export const CUSTOMER_CONFLICT = "Someone else changed this customer first. The latest version has been loaded; make your change again.";

/** The customer, locked for the rest of the transaction (an edit or delete of it waits for this one); a stale `version` is a conflict. */
export async function lockedCustomer(tx: Tx, actor: Actor, id: string, version?: number): Promise<LockedCustomer> {
  const rows = await tx.$queryRaw<LockedCustomer[]>`
    SELECT c."id"::text AS "id", c."name", c."notes", c."version",
           ARRAY(SELECT d."domain"::text FROM "CustomerDomain" d WHERE d."customerId" = c."id" ORDER BY d."domain") AS "domains"
      FROM "Customer" c WHERE c."id" = ${id}::uuid AND c."organizationId" = ${actor.organizationId}::uuid FOR UPDATE`;
  const row = rows[0];
  if (!row) throw notFound("Customer");
  if (version !== undefined && row.version !== version) throw conflict(CUSTOMER_CONFLICT);
  return row;
}

export const customerNameTaken = (name: string) => invalid(`A customer named “${name}” already exists.`, { name: [`“${name}” already exists: choose another name`] });

/** Refuses a name another customer of the organization has (any case). */
export async function assertCustomerNameFree(tx: Tx, organizationId: string, name: string, exceptId?: string): Promise<void> {
  const rows = await tx.$queryRaw<{ name: string }[]>`
    SELECT c."name" FROM "Customer" c
     WHERE c."organizationId" = ${organizationId}::uuid AND lower(c."name") COLLATE "C" = lower(${name}) COLLATE "C"
       AND c."id" IS DISTINCT FROM ${exceptId ?? null}::uuid`;
  if (rows[0]) throw customerNameTaken(rows[0].name);
}

/** Refuses domains another customer of the organization claims, naming it. */
export async function assertDomainsFree(tx: Tx, organizationId: string, domains: readonly string[], exceptId?: string): Promise<void> {
  if (domains.length === 0) return;
  const taken = await tx.$queryRaw<{ domain: string; name: string }[]>`
    SELECT d."domain", c."name" FROM "CustomerDomain" d JOIN "Customer" c ON c."id" = d."customerId"
     WHERE d."organizationId" = ${organizationId}::uuid AND d."domain" = ANY(${[...domains]}::text[])
       AND d."customerId" IS DISTINCT FROM ${exceptId ?? null}::uuid
     ORDER BY d."domain"`;
  if (taken.length === 0) return;
  const message = taken.map((t) => `${t.domain} already belongs to ${t.name}`).join("; ");
  throw invalid(`${message}.`, { domains: [`${message}: a domain maps requesters to one customer`] });
}

/** Writes a customer's domains as `next` (what is gone is deleted, what is new inserted). */
export async function writeDomains(tx: Tx, organizationId: string, customerId: string, before: readonly string[], next: readonly string[]): Promise<void> {
  const gone = before.filter((d) => !next.includes(d));
  const added = next.filter((d) => !before.includes(d));
  if (gone.length) await tx.customerDomain.deleteMany({ where: { customerId, domain: { in: gone } } });
  if (added.length) await tx.customerDomain.createMany({ data: added.map((domain) => ({ organizationId, customerId, domain })) });
}
