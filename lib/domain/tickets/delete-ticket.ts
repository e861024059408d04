import "server-only";
import { parseInput } from "@/lib/validation/parse";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { conflict, forbidden, notFound } from "@/lib/errors";
import { mayDeleteTicket, mayPurgeTicket, ticketScope } from "./policy";
import { ticketRefSchema } from "@/lib/validation/ticket";
import { audit } from "@/lib/audit";
import { loadTicketForActor } from "./queries";
import { recordHistory } from "./history";
import { deleteOrphanedFiles } from "@/lib/domain/attachments/cleanup";
import type { UploadConfig } from "@/lib/domain/attachments/config";

/**
 * Soft delete (ticket.manage): hidden everywhere, restorable. With the version
 * the person saw, a ticket changed since is a conflict, not deleted unseen.
 */
export async function softDeleteTicket(actor: Actor, raw: { ticketId: string; version?: number }, opts: { now?: Date } = {}) {
  const input = parseInput(ticketRefSchema, raw);
  const t = await loadTicketForActor(actor, input.ticketId, { id: true, organizationId: true, number: true });
  if (!mayDeleteTicket(actor)) throw forbidden("You cannot delete tickets.");
  const now = opts.now ?? new Date();
  return db.$transaction(async (tx) => {
    const res = await tx.ticket.updateMany({
      where: { id: t.id, deletedAt: null, ...(input.version !== undefined ? { version: input.version } : {}) },
      data: { deletedAt: now, deletedById: actor.id, version: { increment: 1 } },
    });
    if (res.count !== 1) throw conflict("Someone else changed this ticket first. Reload it to see what changed before deleting it.");
    await recordHistory(tx, t, actor.id, [{ action: "deleted" }]);
    return { id: t.id, number: t.number };
  });
}

/** Purge (ticket.delete): removes a soft-deleted ticket and everything on it for good. */
export async function purgeTicket(
  actor: Actor,
  raw: { ticketId: string },
  meta: { ip?: string | null; userAgent?: string | null } = {},
  opts: { uploads?: UploadConfig } = {},
) {
  const input = parseInput(ticketRefSchema, raw);
  const t = await db.ticket.findFirst({ where: { ...ticketScope(actor, { includeDeleted: true }), id: input.ticketId }, select: { id: true, number: true, title: true } });
  if (!t) throw notFound();
  if (!mayPurgeTicket(actor)) throw forbidden("You cannot purge tickets.");
  const files = await db.$transaction(async (tx) => {
    // The attachments go with the ticket (cascade); their files once no other row shares the content.
    const hashes = (await tx.attachment.findMany({ where: { ticketId: t.id }, select: { sha256: true }, distinct: ["sha256"] })).map((a) => a.sha256);
    await tx.ticket.delete({ where: { id: t.id } });
    // The ticket's own history goes with it; the organization's audit log keeps the fact.
    await audit({ organizationId: actor.organizationId, actorId: actor.id, action: "ticket.purged", entityType: "ticket", entityId: t.id, data: { number: t.number, title: t.title }, ...meta }, tx);
    return hashes;
  });
  const filesDeleted = await deleteOrphanedFiles(files, opts.uploads);
  return { id: t.id, filesDeleted };
}
