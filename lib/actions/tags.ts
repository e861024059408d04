"use server";

import "server-only";
import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { getActor } from "@/lib/auth/actor";
import { defineAction } from "@/lib/actions/safe-action";
import { requestMeta } from "@/lib/audit";
import { createTag } from "@/lib/domain/tags/create-tag";
import { updateTag } from "@/lib/domain/tags/update-tag";
import { deleteTag } from "@/lib/domain/tags/delete-tag";
import { mergeTags } from "@/lib/domain/tags/merge-tags";
import { createTagSchema, deleteTagSchema, mergeTagSchema, updateTagSchema } from "@/lib/validation/tags";

// Thin wrappers (lib/actions/safe-action.ts); the domain functions check org.manage.

const LIST = "/admin/tags";
const meta = async () => requestMeta(await headers());

export const createTagAction = defineAction(getActor, createTagSchema, async (actor, input) => {
  const tag = await createTag(actor, input, await meta());
  revalidatePath(LIST);
  return { id: tag.id, name: tag.name };
});

export const updateTagAction = defineAction(getActor, updateTagSchema, async (actor, input) => {
  const r = await updateTag(actor, input, await meta());
  revalidatePath(LIST);
  return r;
});

export const deleteTagAction = defineAction(getActor, deleteTagSchema, async (actor, input) => {
  const r = await deleteTag(actor, input, await meta());
  revalidatePath(LIST);
  return r;
});

export const mergeTagsAction = defineAction(getActor, mergeTagSchema, async (actor, input) => {
  const r = await mergeTags(actor, input, await meta());
  revalidatePath(LIST);
  return r;
});
