import "server-only";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { audit } from "@/lib/audit";
import { parseInput } from "@/lib/validation/parse";
import { updateCannedResponseSchema, type UpdateCannedResponseInput } from "@/lib/validation/canned-responses";
import { assertTitleFree, cannedResponseSelect, duplicateTitle, loadForWrite } from "./access";

export async function updateCannedResponse(actor: Actor, raw: UpdateCannedResponseInput) {
  const input = parseInput(updateCannedResponseSchema, raw);
  const row = await loadForWrite(actor, input.id);
  await assertTitleFree(actor, row.ownerId, input.title, row.id);
  return db
    .$transaction(async (tx) => {
      const saved = await tx.cannedResponse.update({ where: { id: row.id }, data: { title: input.title, body: input.body }, select: cannedResponseSelect });
      if (row.ownerId === null) await audit({ organizationId: actor.organizationId, actorId: actor.id, action: "canned_response.updated", entityType: "CannedResponse", entityId: row.id, data: { from: row.title, title: saved.title } }, tx);
      return saved;
    })
    .catch(duplicateTitle);
}
