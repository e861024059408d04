import "server-only";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { audit, type RequestMeta } from "@/lib/audit";
import { parseInput } from "@/lib/validation/parse";
import { createTagSchema, type CreateTagInput } from "@/lib/validation/tags";
import { assertManageTags, isUniqueViolation, nameTaken, tagSelect } from "./access";

export async function createTag(actor: Actor, raw: CreateTagInput, meta: RequestMeta = {}) {
  assertManageTags(actor);
  const input = parseInput(createTagSchema, raw);
  if (await db.tag.findFirst({ where: { organizationId: actor.organizationId, name: input.name }, select: { id: true } })) throw nameTaken(input.name);
  try {
    return await db.$transaction(async (tx) => {
      const tag = await tx.tag.create({ data: { organizationId: actor.organizationId, ...input }, select: tagSelect });
      await audit(
        { ...meta, organizationId: actor.organizationId, actorId: actor.id, action: "tag.created", entityType: "Tag", entityId: tag.id, data: { old: {}, new: { name: tag.name, color: tag.color, description: tag.description } } },
        tx,
      );
      return tag;
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw nameTaken(input.name);
    throw e;
  }
}
