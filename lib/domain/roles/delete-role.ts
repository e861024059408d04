import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { audit, type RequestMeta } from "@/lib/audit";
import { invalid, notFound } from "@/lib/errors";
import { parseInput } from "@/lib/validation/parse";
import { deleteRoleSchema, type DeleteRoleInput } from "@/lib/validation/roles";
import { assertManagesRoles } from "./access";

export const ROLE_IN_USE = "Users hold this role. Give them another role first.";

/**
 * Deletes a role nobody holds (deactivated users count: they keep their
 * role). The role row is locked first, so a user given this role at the same
 * time either commits before (and the delete is refused) or waits and fails.
 */
export async function deleteRole(actor: Actor, raw: DeleteRoleInput, meta: RequestMeta = {}) {
  assertManagesRoles(actor);
  const input = parseInput(deleteRoleSchema, raw);
  return db.$transaction(async (tx) => {
    const [role] = await tx.$queryRaw<{ id: string; name: string; permissions: string[] }[]>(Prisma.sql`
      SELECT "id"::text, "name", "permissions" FROM "Role" WHERE "id" = ${input.id}::uuid AND "organizationId" = ${actor.organizationId}::uuid FOR UPDATE`);
    if (!role) throw notFound("Role");
    const holder = await tx.user.findFirst({ where: { roleId: role.id }, select: { id: true } });
    if (holder) throw invalid(ROLE_IN_USE, { form: [ROLE_IN_USE] });
    await tx.role.delete({ where: { id: role.id } });
    await audit(
      { organizationId: actor.organizationId, actorId: actor.id, action: "role.deleted", entityType: "Role", entityId: role.id, data: { old: { name: role.name, permissions: role.permissions }, new: {} }, ...meta },
      tx,
    );
    return { id: role.id };
  });
}
