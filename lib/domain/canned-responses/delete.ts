import "server-only";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { audit } from "@/lib/audit";
import { parseInput } from "@/lib/validation/parse";
import { cannedResponseRefSchema } from "@/lib/validation/canned-responses";
import { loadForWrite } from "./access";

export async function deleteCannedResponse(actor: Actor, raw: { id: string }) {
  const input = parseInput(cannedResponseRefSchema, raw);
  const row = await loadForWrite(actor, input.id);
  await db.$transaction(async (tx) => {
    await tx.cannedResponse.delete({ where: { id: row.id } });
    if (row.ownerId === null) await audit({ organizationId: actor.organizationId, actorId: actor.id, action: "canned_response.deleted", entityType: "CannedResponse", entityId: row.id, data: { title: row.title } }, tx);
  });
  return { id: row.id };
}
