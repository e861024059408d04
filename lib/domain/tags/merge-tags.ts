import "server-only";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { audit, type RequestMeta } from "@/lib/audit";
import { invalid, INVALID_FORM, notFound } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { parseInput } from "@/lib/validation/parse";
import { mergeTagSchema, type MergeTagInput } from "@/lib/validation/tags";
import { assertManageTags, lockedTag } from "./access";
import { bumpTickets, tagHistory, ticketsOfTag } from "./ticket-writes";

/**
 * Merges the source tag into the target, in one transaction: every ticket
 * carrying the source carries the target (a ticket that had both keeps one
 * row: ON CONFLICT on TicketTag's primary key), and so does every contact,
 * then the source is deleted.
 * Both tags are locked in id order, so two opposite merges cannot deadlock.
 */
export async function mergeTags(actor: Actor, raw: MergeTagInput, meta: RequestMeta = {}) {
  assertManageTags(actor);
  const input = parseInput(mergeTagSchema, raw);
  const organizationId = actor.organizationId;
  return db.$transaction(async (tx) => {
    const found = await tx.tag.findFirst({ where: { organizationId, name: input.target }, select: { id: true } });
    if (!found) throw invalid(INVALID_FORM, { target: [`There is no tag named “${input.target}”`] });
    if (found.id === input.sourceId) throw invalid(INVALID_FORM, { target: ["Choose another tag to merge into"] });
    const [first, second] = [input.sourceId, found.id].sort();
    const locked = new Map([first!, second!].map((id) => [id, null as Awaited<ReturnType<typeof lockedTag>> | null]));
    for (const id of locked.keys()) locked.set(id, await lockedTag(tx, actor, id).catch(() => null));
    const source = locked.get(input.sourceId);
    const target = locked.get(found.id);
    if (!source) throw notFound("Tag");
    if (!target) throw invalid(INVALID_FORM, { target: [`There is no tag named “${input.target}”`] });

    const added = await tx.$queryRaw<{ ticketId: string }[]>`
      INSERT INTO "TicketTag" ("ticketId", "tagId", "organizationId", "createdAt")
      SELECT tt."ticketId", ${target.id}::uuid, ${organizationId}::uuid, now() FROM "TicketTag" tt WHERE tt."tagId" = ${source.id}::uuid
      ON CONFLICT ("ticketId", "tagId") DO NOTHING
      RETURNING "ticketId"::text AS "ticketId"`;
    const tickets = await tx.ticketTag.count({ where: { tagId: source.id } });
    if (tickets > 0) {
      await bumpTickets(tx, ticketsOfTag(source.id));
      await tagHistory(tx, { organizationId, actorId: actor.id, action: "tag_removed", tagName: source.name }, ticketsOfTag(source.id));
    }
    if (added.length > 0) {
      const ids = Prisma.sql`SELECT unnest(${added.map((r) => r.ticketId)}::uuid[])`;
      await tagHistory(tx, { organizationId, actorId: actor.id, action: "tag_added", tagName: target.name }, ids);
    }
    // Contacts tagged with the source carry the target too (once), before the source's rows go with it.
    await tx.$executeRaw`
      INSERT INTO "ContactTag" ("contactId", "tagId", "organizationId", "createdAt")
      SELECT ct."contactId", ${target.id}::uuid, ${organizationId}::uuid, now() FROM "ContactTag" ct WHERE ct."tagId" = ${source.id}::uuid
      ON CONFLICT ("contactId", "tagId") DO NOTHING`;
    await tx.tag.delete({ where: { id: source.id } });
    const result = { sourceId: source.id, targetId: target.id, tickets, added: added.length, alreadyTagged: tickets - added.length };
    await audit(
      {
        ...meta,
        organizationId,
        actorId: actor.id,
        action: "tag.merged",
        entityType: "Tag",
        entityId: target.id,
        data: { old: { name: source.name, color: source.color, description: source.description }, new: { mergedInto: target.name }, tickets, added: added.length, alreadyTagged: tickets - added.length },
      },
      tx,
    );
    return result;
  });
}
