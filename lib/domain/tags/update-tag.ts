import "server-only";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { audit, type RequestMeta } from "@/lib/audit";
import { conflict } from "@/lib/errors";
import { parseInput } from "@/lib/validation/parse";
import { updateTagSchema, type UpdateTagInput } from "@/lib/validation/tags";
import { assertManageTags, isUniqueViolation, lockedTag, nameTaken } from "./access";

const CHANGED_ELSEWHERE = "Someone else changed this tag first. The latest version has been loaded; make your change again.";

/**
 * Rename, recolour or describe a tag (compare-and-set on its version). A
 * rename is seen by every ticket carrying it at once: tickets hold the tag by
 * id, and the desk's tag filters go by the current name.
 */
export async function updateTag(actor: Actor, raw: UpdateTagInput, meta: RequestMeta = {}) {
  assertManageTags(actor);
  const input = parseInput(updateTagSchema, raw);
  try {
    return await db.$transaction(async (tx) => {
      const tag = await lockedTag(tx, actor, input.id);
      if (tag.version !== input.version) throw conflict(CHANGED_ELSEWHERE);
      const old: Record<string, string> = {};
      const next: Record<string, string> = {};
      for (const field of ["name", "color", "description"] as const) {
        if (input[field] !== tag[field]) [old[field], next[field]] = [tag[field], input[field]];
      }
      if (Object.keys(next).length === 0) return { id: tag.id, version: tag.version, changed: false };
      if (next.name && (await tx.tag.findFirst({ where: { organizationId: actor.organizationId, name: next.name, id: { not: tag.id } }, select: { id: true } }))) {
        throw nameTaken(next.name);
      }
      const saved = await tx.tag.update({ where: { id: tag.id }, data: { ...next, version: { increment: 1 } }, select: { id: true, version: true } });
      await audit({ ...meta, organizationId: actor.organizationId, actorId: actor.id, action: "tag.updated", entityType: "Tag", entityId: tag.id, data: { tag: tag.name, old, new: next } }, tx);
      return { ...saved, changed: true };
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw nameTaken(input.name);
    throw e;
  }
}
