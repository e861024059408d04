"use server";

import "server-only";
import { revalidatePath } from "next/cache";
import { getActor } from "@/lib/auth/actor";
import { defineAction } from "@/lib/actions/safe-action";
import { createCannedResponse } from "@/lib/domain/canned-responses/create";
import { updateCannedResponse } from "@/lib/domain/canned-responses/update";
import { deleteCannedResponse } from "@/lib/domain/canned-responses/delete";
import { renderCannedResponse } from "@/lib/domain/canned-responses/render";
import {
  cannedResponseRefSchema,
  createCannedResponseSchema,
  renderCannedResponseSchema,
  updateCannedResponseSchema,
} from "@/lib/validation/canned-responses";

const SETTINGS = "/settings/canned-responses";

export const createCannedResponseAction = defineAction(getActor, createCannedResponseSchema, async (actor, input) => {
  const row = await createCannedResponse(actor, input);
  revalidatePath(SETTINGS);
  return { id: row.id };
});
export const updateCannedResponseAction = defineAction(getActor, updateCannedResponseSchema, async (actor, input) => {
  const row = await updateCannedResponse(actor, input);
  revalidatePath(SETTINGS);
  return { id: row.id };
});
export const deleteCannedResponseAction = defineAction(getActor, cannedResponseRefSchema, async (actor, input) => {
  const row = await deleteCannedResponse(actor, input);
  revalidatePath(SETTINGS);
  return row;
});
/** The response's text filled for this ticket, to insert into the composer. */
export const renderCannedResponseAction = defineAction(getActor, renderCannedResponseSchema, (actor, input) => renderCannedResponse(actor, input));
