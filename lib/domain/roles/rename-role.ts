import "server-only";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { audit, type RequestMeta } from "@/lib/audit";
import { conflict, notFound } from "@/lib/errors";
import { parseInput } from "@/lib/validation/parse";
import { renameRoleSchema, type RenameRoleInput } from "@/lib/validation/roles";
import { assertManagesRoles } from "./access";
import { assertRoleNameFree, duplicateRoleName } from "./role-name";

/** Renames a role (built-in ones too: their names are data), compare-and-set on updatedAt. */
export async function renameRole(actor: Actor, raw: RenameRoleInput, meta: RequestMeta = {}) {
  assertManagesRoles(actor);
  const input = parseInput(renameRoleSchema, raw);
  return db
    .$transaction(async (tx) => {
      const role = await tx.role.findFirst({ where: { id: input.id, organizationId: actor.organizationId }, select: { id: true, name: true, updatedAt: true } });
      if (!role) throw notFound("Role");
      if (role.name === input.name) return { id: role.id, name: role.name, updatedAt: role.updatedAt };
      await assertRoleNameFree(tx, actor.organizationId, input.name, role.id);
      const now = new Date();
      const res = await tx.role.updateMany({ where: { id: role.id, updatedAt: new Date(input.updatedAt) }, data: { name: input.name, updatedAt: now } });
      if (res.count !== 1) throw conflict(`Someone else changed ${role.name} since you opened this page. Reload and try again.`);
      await audit(
        { organizationId: actor.organizationId, actorId: actor.id, action: "role.renamed", entityType: "Role", entityId: role.id, data: { old: { name: role.name }, new: { name: input.name } }, ...meta },
        tx,
      );
      return { id: role.id, name: input.name, updatedAt: now };
    })
    .catch(duplicateRoleName);
}
