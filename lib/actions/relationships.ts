"use server";

import "server-only";
import { revalidatePath } from "next/cache";
import { getActor } from "@/lib/auth/actor";
import { defineAction } from "@/lib/actions/safe-action";
import { linkTickets, unlinkTickets } from "@/lib/domain/relationships/link-tickets";
import { createSubtask } from "@/lib/domain/relationships/create-subtask";
import { requestForSide } from "@/lib/domain/relationships/link-types";
import { createSubtaskSchema, linkFromSideSchema, unlinkSchema } from "@/lib/validation/relationships";

// Thin wrappers: session → zod → domain function → typed result (lib/actions/safe-action.ts).
// The domain functions load both tickets through the actor's scope and check permissions.

/** The ticket page's link form: "this ticket <side> the other one". */
export const linkTicketAction = defineAction(getActor, linkFromSideSchema, async (actor, input) => {
  const res = await linkTickets(actor, { ...requestForSide(input.side, input.ticketId, input.otherId), closeDuplicate: input.closeDuplicate });
  return { id: res.id, closed: res.closed };
});

export const unlinkTicketAction = defineAction(getActor, unlinkSchema, (actor, input) => unlinkTickets(actor, input));

export const createSubtaskAction = defineAction(getActor, createSubtaskSchema, async (actor, input) => {
  const ticket = await createSubtask(actor, input);
  revalidatePath("/desk");
  return { id: ticket.id, number: ticket.number };
});
