import "server-only";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { audit, type RequestMeta } from "@/lib/audit";
import { parseInput } from "@/lib/validation/parse";
import { deleteTagSchema, type DeleteTagInput } from "@/lib/validation/tags";
import { assertManageTags, lockedTag, ticketsWithTag } from "./access";
import { bumpTickets, tagHistory, ticketsOfTag } from "./ticket-writes";

/** Deletes a tag and takes it off every ticket carrying it (each gets its history row), in one transaction. */
export async function deleteTag(actor: Actor, raw: DeleteTagInput, meta: RequestMeta = {}) {
  assertManageTags(actor);
  const input = parseInput(deleteTagSchema, raw);
  return db.$transaction(async (tx) => {
    const tag = await lockedTag(tx, actor, input.id);
    const tickets = await ticketsWithTag(tx, tag.id);
    if (tickets > 0) {
      await bumpTickets(tx, ticketsOfTag(tag.id));
      await tagHistory(tx, { organizationId: actor.organizationId, actorId: actor.id, action: "tag_removed", tagName: tag.name }, ticketsOfTag(tag.id));
    }
    // TicketTag rows go with it (ON DELETE CASCADE).
    await tx.tag.delete({ where: { id: tag.id } });
    await audit(
      { ...meta, organizationId: actor.organizationId, actorId: actor.id, action: "tag.deleted", entityType: "Tag", entityId: tag.id, data: { old: { name: tag.name, color: tag.color, description: tag.description }, new: {}, tickets } },
      tx,
    );
    return { id: tag.id, tickets };
  });
}
