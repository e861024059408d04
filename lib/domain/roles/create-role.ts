import "server-only";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { audit, type RequestMeta } from "@/lib/audit";
import { notFound } from "@/lib/errors";
import { parseInput } from "@/lib/validation/parse";
import { createRoleSchema, type CreateRoleInput } from "@/lib/validation/roles";
import { assertManagesRoles } from "./access";
import { assertRoleNameFree, duplicateRoleName } from "./role-name";
import { normalizePermissions } from "./save-permissions";

/** "New role": no permissions, or a copy of one of the organization's roles. */
export async function createRole(actor: Actor, raw: CreateRoleInput, meta: RequestMeta = {}) {
  assertManagesRoles(actor);
  const input = parseInput(createRoleSchema, raw);
  return db
    .$transaction(async (tx) => {
      const source = input.copyFromId
        ? await tx.role.findFirst({ where: { id: input.copyFromId, organizationId: actor.organizationId }, select: { id: true, name: true, permissions: true } })
        : null;
      if (input.copyFromId && !source) throw notFound("Role");
      await assertRoleNameFree(tx, actor.organizationId, input.name);
      const permissions = normalizePermissions(source?.permissions ?? []);
      const role = await tx.role.create({
        data: { organizationId: actor.organizationId, name: input.name, permissions },
        select: { id: true, name: true, permissions: true, updatedAt: true },
      });
      await audit(
        {
          organizationId: actor.organizationId,
          actorId: actor.id,
          action: "role.created",
          entityType: "Role",
          entityId: role.id,
          data: { old: {}, new: { name: role.name, permissions }, ...(source ? { copiedFrom: { id: source.id, name: source.name } } : {}) },
          ...meta,
        },
        tx,
      );
      return role;
    })
    .catch(duplicateRoleName);
}
