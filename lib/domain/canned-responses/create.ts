import "server-only";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { audit } from "@/lib/audit";
import { forbidden } from "@/lib/errors";
import { parseInput } from "@/lib/validation/parse";
import { createCannedResponseSchema, type CreateCannedResponseInput } from "@/lib/validation/canned-responses";
import { assertStaff, assertTitleFree, cannedResponseSelect, duplicateTitle, mayManageOrganization } from "./access";

/** A new personal response, or (with org.manage) an organization-wide one, audited as a settings change. */
export async function createCannedResponse(actor: Actor, raw: CreateCannedResponseInput) {
  const input = parseInput(createCannedResponseSchema, raw);
  assertStaff(actor);
  const organizationWide = input.scope === "organization";
  if (organizationWide && !mayManageOrganization(actor)) throw forbidden("Only organization admins can add organization-wide responses");
  const ownerId = organizationWide ? null : actor.id;
  await assertTitleFree(actor, ownerId, input.title);
  return db
    .$transaction(async (tx) => {
      const row = await tx.cannedResponse.create({ data: { organizationId: actor.organizationId, ownerId, title: input.title, body: input.body }, select: cannedResponseSelect });
      if (organizationWide) await audit({ organizationId: actor.organizationId, actorId: actor.id, action: "canned_response.created", entityType: "CannedResponse", entityId: row.id, data: { title: row.title } }, tx);
      return row;
    })
    .catch(duplicateTitle);
}
