"use server";

import "server-only";
import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { getActor } from "@/lib/auth/actor";
import { defineAction } from "@/lib/actions/safe-action";
import { requestMeta } from "@/lib/audit";
import { createProject } from "@/lib/domain/projects/create-project";
import { updateProject } from "@/lib/domain/projects/update-project";
import { setProjectArchived } from "@/lib/domain/projects/archive-project";
import { addProjectMember, removeProjectMember, setMemberTriage } from "@/lib/domain/projects/members";
import { setProjectDefaultTeam } from "@/lib/domain/projects/set-default-team";
import { addMemberSchema, archiveProjectSchema, createProjectSchema, removeMemberSchema, setTriageSchema, updateProjectSchema } from "@/lib/validation/projects";
import { setDefaultTeamSchema } from "@/lib/validation/teams";

// Thin wrappers (lib/actions/safe-action.ts); the domain functions check org.manage.

const LIST = "/admin/projects";
const meta = async () => requestMeta(await headers());

export const createProjectAction = defineAction(getActor, createProjectSchema, async (actor, input) => {
  const project = await createProject(actor, input, await meta());
  revalidatePath(LIST);
  revalidatePath("/board");
  return { id: project.id, key: project.key };
});

export const updateProjectAction = defineAction(getActor, updateProjectSchema, async (actor, input) => {
  const saved = await updateProject(actor, input, await meta());
  revalidatePath(LIST, "layout");
  return { key: saved.key, updatedAt: saved.updatedAt.toISOString(), changed: saved.changed };
});

export const archiveProjectAction = defineAction(getActor, archiveProjectSchema, async (actor, input) => {
  const r = await setProjectArchived(actor, input, await meta());
  revalidatePath(LIST, "layout");
  return r;
});

export const addProjectMemberAction = defineAction(getActor, addMemberSchema, async (actor, input) => {
  const r = await addProjectMember(actor, input, await meta());
  revalidatePath(LIST, "layout");
  return r;
});

export const setMemberTriageAction = defineAction(getActor, setTriageSchema, async (actor, input) => {
  const r = await setMemberTriage(actor, input, await meta());
  revalidatePath(LIST, "layout");
  return r;
});

export const removeProjectMemberAction = defineAction(getActor, removeMemberSchema, async (actor, input) => {
  const r = await removeProjectMember(actor, input, await meta());
  revalidatePath(LIST, "layout");
  return r;
});

export const setProjectDefaultTeamAction = defineAction(getActor, setDefaultTeamSchema, async (actor, input) => {
  const r = await setProjectDefaultTeam(actor, input, await meta());
  revalidatePath(LIST, "layout");
  return { updatedAt: r.updatedAt.toISOString(), changed: r.changed };
});
