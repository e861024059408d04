"use server";

import "server-only";
import { headers } from "next/headers";
import { revalidatePath } from "next/cache";
import { getActor } from "@/lib/auth/actor";
import { requestMeta } from "@/lib/audit";
import { defineAction } from "@/lib/actions/safe-action";
import { saveRolePermissions } from "@/lib/domain/roles/save-permissions";
import { createRole } from "@/lib/domain/roles/create-role";
import { renameRole } from "@/lib/domain/roles/rename-role";
import { deleteRole } from "@/lib/domain/roles/delete-role";
import { createRoleSchema, deleteRoleSchema, renameRoleSchema, saveRolePermissionsSchema } from "@/lib/validation/roles";

const ROLES = "/admin/roles";

export const saveRolePermissionsAction = defineAction(getActor, saveRolePermissionsSchema, async (actor, input) => {
  const res = await saveRolePermissions(actor, input, requestMeta(await headers()));
  // Every page renders from the actor's permissions: nothing cached to drop but this page.
  revalidatePath(ROLES);
  return res;
});

export const createRoleAction = defineAction(getActor, createRoleSchema, async (actor, input) => {
  const role = await createRole(actor, input, requestMeta(await headers()));
  revalidatePath(ROLES);
  return { id: role.id };
});

export const renameRoleAction = defineAction(getActor, renameRoleSchema, async (actor, input) => {
  const role = await renameRole(actor, input, requestMeta(await headers()));
  revalidatePath(ROLES);
  return { id: role.id };
});

export const deleteRoleAction = defineAction(getActor, deleteRoleSchema, async (actor, input) => {
  const res = await deleteRole(actor, input, requestMeta(await headers()));
  revalidatePath(ROLES);
  return res;
});
