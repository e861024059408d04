"use server";

import "server-only";
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
import { setTicketTeam } from "@/lib/domain/tickets/set-ticket-team";
import { acceptForTeam } from "@/lib/domain/tickets/accept-for-team";
import { saveItems } from "@/lib/domain/changes/save-items";
import { fulfilItem } from "@/lib/domain/changes/fulfil-item";
import {
  addCommentSchema,
  createTicketSchema,
  fulfilItemSchema,
  saveItemsSchema,
  setAssigneesSchema,
  ticketRefSchema,
  transferSchema,
  transitionSchema,
  updateTicketSchema,
} from "@/lib/validation/ticket";
import { acceptForTeamSchema, setTicketTeamSchema } from "@/lib/validation/teams";

// Thin wrappers: session → zod → domain function → typed result (lib/actions/safe-action.ts).
// The domain functions load through ticketScope and check permissions themselves.

export const createTicketAction = defineAction(getActor, createTicketSchema, async (actor, input) => {
  const ticket = await createTicket(actor, input);
  revalidatePath("/portal");
  return { id: ticket.id, number: ticket.number, status: ticket.status };
});
export const addCommentAction = defineAction(getActor, addCommentSchema, async (actor, input) => ({ id: (await addComment(actor, input)).id }));
export const transitionTicketAction = defineAction(getActor, transitionSchema, (actor, input) => transitionTicket(actor, input));
export const updateTicketAction = defineAction(getActor, updateTicketSchema, (actor, input) => updateTicket(actor, input));
export const setAssigneesAction = defineAction(getActor, setAssigneesSchema, (actor, input) => setAssignees(actor, input));
export const acceptTicketAction = defineAction(getActor, ticketRefSchema, (actor, input) => acceptTicket(actor, input));
export const transferTicketAction = defineAction(getActor, transferSchema, (actor, input) => transferTicket(actor, input));
export const setTicketTeamAction = defineAction(getActor, setTicketTeamSchema, (actor, input) => setTicketTeam(actor, input));
export const acceptForTeamAction = defineAction(getActor, acceptForTeamSchema, (actor, input) => acceptForTeam(actor, input));
export const saveItemsAction = defineAction(getActor, saveItemsSchema, (actor, input) => saveItems(actor, input));
export const fulfilItemAction = defineAction(getActor, fulfilItemSchema, (actor, input) => fulfilItem(actor, input));
export const deleteTicketAction = defineAction(getActor, ticketRefSchema, (actor, input) => softDeleteTicket(actor, input));
export const purgeTicketAction = defineAction(getActor, ticketRefSchema, async (actor, input) => purgeTicket(actor, input, requestMeta(await headers())));
