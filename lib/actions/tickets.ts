"use server";

import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { getActor } from "@/lib/auth/actor";
import { defineAction } from "@/lib/actions/safe-action";
import { requestMeta } from "@/lib/audit";
import { createTicket } from "@/lib/domain/tickets/create-ticket";
import { addComment } from "@/lib/domain/tickets/add-comment";
import { transitionTicket } from "@/lib/domain/tickets/transition-ticket";
import { updateTicket } from "@/lib/domain/tickets/update-ticket";
import { acceptTicket, setAssignees, transferTicket } from "@/lib/domain/tickets/assign-ticket";
import { purgeTicket, softDeleteTicket } from "@/lib/domain/tickets/delete-ticket";
import { saveItems } from "@/lib/domain/changes/save-items";
import { fulfilItem } from "@/lib/domain/changes/fulfil-item";
import {
  addCommentSchema,
  createTicketSchema,
  fulfilItemSchema,
  saveItemsSchema,
  setAssigneesSchema,
  ticketRefSchema,
  transitionSchema,
  updateTicketSchema,
} from "@/lib/validation/ticket";
import { z } from "zod";

// Thin wrappers: session → zod → domain function → typed result (lib/actions/safe-action.ts).
// The domain functions load through ticketScope and check permissions themselves.

const createTicketImpl = defineAction(getActor, createTicketSchema, async (actor, input) => {
  const ticket = await createTicket(actor, input);
  revalidatePath("/portal");
  return { number: ticket.number, status: ticket.status };
});
const addCommentImpl = defineAction(getActor, addCommentSchema, async (actor, input) => ({ id: (await addComment(actor, input)).id }));
const transitionImpl = defineAction(getActor, transitionSchema, (actor, input) => transitionTicket(actor, input));
const updateImpl = defineAction(getActor, updateTicketSchema, (actor, input) => updateTicket(actor, input));
const assignImpl = defineAction(getActor, setAssigneesSchema, (actor, input) => setAssignees(actor, input));
const acceptImpl = defineAction(getActor, ticketRefSchema, (actor, input) => acceptTicket(actor, input));
const transferSchema = z.object({ ticketId: z.uuid(), version: z.number().int().positive(), toUserId: z.uuid({ error: "Choose a staff member" }) }).strict();
const transferImpl = defineAction(getActor, transferSchema, (actor, input) => transferTicket(actor, input));
const saveItemsImpl = defineAction(getActor, saveItemsSchema, (actor, input) => saveItems(actor, input));
const fulfilImpl = defineAction(getActor, fulfilItemSchema, (actor, input) => fulfilItem(actor, input));
const deleteImpl = defineAction(getActor, ticketRefSchema, (actor, input) => softDeleteTicket(actor, input));
const purgeImpl = defineAction(getActor, ticketRefSchema, async (actor, input) => purgeTicket(actor, input, requestMeta(await headers())));

export async function createTicketAction(input: unknown) {
  return createTicketImpl(input);
}
export async function addCommentAction(input: unknown) {
  return addCommentImpl(input);
}
export async function transitionTicketAction(input: unknown) {
  return transitionImpl(input);
}
export async function updateTicketAction(input: unknown) {
  return updateImpl(input);
}
export async function setAssigneesAction(input: unknown) {
  return assignImpl(input);
}
export async function acceptTicketAction(input: unknown) {
  return acceptImpl(input);
}
export async function transferTicketAction(input: unknown) {
  return transferImpl(input);
}
export async function saveItemsAction(input: unknown) {
  return saveItemsImpl(input);
}
export async function fulfilItemAction(input: unknown) {
  return fulfilImpl(input);
}
export async function deleteTicketAction(input: unknown) {
  return deleteImpl(input);
}
export async function purgeTicketAction(input: unknown) {
  return purgeImpl(input);
}
