"use server";

import "server-only";
import { headers } from "next/headers";
import { revalidatePath } from "next/cache";
import { getActor } from "@/lib/auth/actor";
import { requestMeta } from "@/lib/audit";
import { defineAction } from "@/lib/actions/safe-action";
import { inviteUser, resendInvite } from "@/lib/domain/users/invite-user";
import { changeUserRole } from "@/lib/domain/users/change-role";
import { deactivateUser, reactivateUser } from "@/lib/domain/users/set-user-active";
import { saveUserMemberships } from "@/lib/domain/users/memberships";
import { changeUserRoleSchema, inviteUserSchema, saveUserMembershipsSchema, userRefSchema } from "@/lib/validation/users";

const USERS = "/admin/users";

export const inviteUserAction = defineAction(getActor, inviteUserSchema, async (actor, input) => {
  const r = await inviteUser(actor, input, requestMeta(await headers()));
  revalidatePath(USERS);
  return r;
});

export const resendInviteAction = defineAction(getActor, userRefSchema, async (actor, input) => resendInvite(actor, input, requestMeta(await headers())));

export const changeUserRoleAction = defineAction(getActor, changeUserRoleSchema, async (actor, input) => {
  const r = await changeUserRole(actor, input, requestMeta(await headers()));
  revalidatePath(USERS);
  return r;
});

export const deactivateUserAction = defineAction(getActor, userRefSchema, async (actor, input) => {
  const r = await deactivateUser(actor, input, requestMeta(await headers()));
  revalidatePath(USERS);
  return r;
});

export const reactivateUserAction = defineAction(getActor, userRefSchema, async (actor, input) => {
  const r = await reactivateUser(actor, input, requestMeta(await headers()));
  revalidatePath(USERS);
  return r;
});

export const saveUserMembershipsAction = defineAction(getActor, saveUserMembershipsSchema, async (actor, input) => {
  const r = await saveUserMemberships(actor, input, requestMeta(await headers()));
  revalidatePath(USERS);
  return r;
});
