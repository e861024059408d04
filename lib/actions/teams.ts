"use server";

import "server-only";
import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { getActor } from "@/lib/auth/actor";
import { defineAction } from "@/lib/actions/safe-action";
import { requestMeta } from "@/lib/audit";
import { createTeam } from "@/lib/domain/teams/create-team";
import { updateTeam } from "@/lib/domain/teams/update-team";
import { deleteTeam } from "@/lib/domain/teams/delete-team";
import { addTeamMember, removeTeamMember } from "@/lib/domain/teams/members";
import { addTeamMemberSchema, createTeamSchema, deleteTeamSchema, removeTeamMemberSchema, updateTeamSchema } from "@/lib/validation/teams";

// Thin wrappers (lib/actions/safe-action.ts); the domain functions check org.manage.

const LIST = "/admin/teams";
const meta = async () => requestMeta(await headers());

export const createTeamAction = defineAction(getActor, createTeamSchema, async (actor, input) => {
  const team = await createTeam(actor, input, await meta());
  revalidatePath(LIST);
  return { id: team.id, name: team.name };
});

export const updateTeamAction = defineAction(getActor, updateTeamSchema, async (actor, input) => {
  const r = await updateTeam(actor, input, await meta());
  revalidatePath(LIST);
  return r;
});

export const deleteTeamAction = defineAction(getActor, deleteTeamSchema, async (actor, input) => {
  const r = await deleteTeam(actor, input, await meta());
  revalidatePath(LIST);
  return r;
});

export const addTeamMemberAction = defineAction(getActor, addTeamMemberSchema, async (actor, input) => {
  const r = await addTeamMember(actor, input, await meta());
  revalidatePath(`${LIST}/${r.teamId}`);
  return r;
});

export const removeTeamMemberAction = defineAction(getActor, removeTeamMemberSchema, async (actor, input) => {
  const r = await removeTeamMember(actor, input, await meta());
  revalidatePath(`${LIST}/${r.teamId}`);
  return r;
});
