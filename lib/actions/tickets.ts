"use server";

import { revalidatePath } from "next/cache";
import { getActor } from "@/lib/auth/actor";
import { defineAction } from "@/lib/actions/safe-action";
import { createTicket } from "@/lib/domain/tickets/create-ticket";
import { addComment } from "@/lib/domain/tickets/add-comment";
import { addCommentSchema, createTicketSchema } from "@/lib/validation/ticket";

const createTicketImpl = defineAction(getActor, createTicketSchema, async (actor, input) => {
  const ticket = await createTicket(actor, input);
  revalidatePath("/portal");
  return { number: ticket.number };
});

const addCommentImpl = defineAction(getActor, addCommentSchema, async (actor, input) => {
  const comment = await addComment(actor, input);
  return { id: comment.id };
});

export async function createTicketAction(input: unknown) {
  return createTicketImpl(input);
}

export async function addCommentAction(input: unknown) {
  return addCommentImpl(input);
}
