"use server";

import "server-only";
import { revalidatePath } from "next/cache";
import { getActor } from "@/lib/auth/actor";
import { defineAction } from "@/lib/actions/safe-action";
import { bulkAddTag, bulkAssign, bulkLink, bulkTransition } from "@/lib/domain/desk/bulk";
import { removeView, reorderViews, saveView } from "@/lib/domain/desk/saved-views";
import { savePreferences } from "@/lib/domain/users/preferences";
import {
  bulkAddTagSchema,
  bulkAssignSchema,
  bulkLinkSchema,
  bulkTransitionSchema,
  reorderViewsSchema,
  saveViewSchema,
  viewRefSchema,
} from "@/lib/validation/desk-actions";
import { preferencesPatchSchema } from "@/lib/validation/preferences";

// Thin wrappers: session → zod → domain function → typed result (lib/actions/safe-action.ts).
// Bulk actions answer with one result per ticket; a refused ticket is a result, not a failed action.

export const bulkTransitionAction = defineAction(getActor, bulkTransitionSchema, async (actor, input) => {
  const results = await bulkTransition(actor, input);
  revalidatePath("/desk");
  return { results };
});
export const bulkAssignAction = defineAction(getActor, bulkAssignSchema, async (actor, input) => {
  const results = await bulkAssign(actor, input);
  revalidatePath("/desk");
  return { results };
});
export const bulkAddTagAction = defineAction(getActor, bulkAddTagSchema, async (actor, input) => {
  const results = await bulkAddTag(actor, input);
  revalidatePath("/desk");
  return { results };
});
export const bulkLinkAction = defineAction(getActor, bulkLinkSchema, async (actor, input) => {
  const results = await bulkLink(actor, input);
  revalidatePath("/desk");
  return { results };
});

export const saveViewAction = defineAction(getActor, saveViewSchema, async (actor, input) => {
  const view = await saveView(actor, input);
  revalidatePath("/desk");
  return view;
});
export const deleteViewAction = defineAction(getActor, viewRefSchema, async (actor, input) => {
  const res = await removeView(actor, input);
  revalidatePath("/desk");
  return res;
});
export const reorderViewsAction = defineAction(getActor, reorderViewsSchema, async (actor, input) => {
  const views = await reorderViews(actor, input);
  revalidatePath("/desk");
  return views;
});

export const savePreferencesAction = defineAction(getActor, preferencesPatchSchema, (actor, input) => savePreferences(actor, input));
