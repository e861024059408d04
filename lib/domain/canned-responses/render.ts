import "server-only";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { isStaff, toPermissionSet } from "@/lib/auth/permissions";
import { notFound } from "@/lib/errors";
import { parseInput } from "@/lib/validation/parse";
import { renderCannedResponseSchema, type RenderCannedResponseInput } from "@/lib/validation/canned-responses";
import { loadTicketForActor } from "@/lib/domain/tickets/queries";
import { assertStaff, usableBy } from "./access";
import { fillPlaceholders } from "./placeholders";

/**
 * A canned response's text with its placeholders filled for one ticket the
 * actor may see. Only what the agent may already see goes in: the requester's
 * name, the ticket's number and title, the agent's own name — and the
 * requester's e-mail only when the requester is not staff (staff addresses
 * stay out of ticket payloads; the placeholder is then left as written).
 */
export async function renderCannedResponse(actor: Actor, raw: RenderCannedResponseInput) {
  const input = parseInput(renderCannedResponseSchema, raw);
  assertStaff(actor);
  const ticket = await loadTicketForActor(actor, input.ticketId, {
    number: true,
    title: true,
    requester: { select: { name: true, email: true, role: { select: { permissions: true } } } },
  });
  const response = await db.cannedResponse.findFirst({ where: { id: input.cannedResponseId, ...usableBy(actor) }, select: { body: true } });
  if (!response) throw notFound("Response");
  const requesterIsStaff = isStaff({ permissions: toPermissionSet(ticket.requester.role.permissions) });
  return {
    text: fillPlaceholders(response.body, {
      requester: { name: ticket.requester.name, email: requesterIsStaff ? null : ticket.requester.email },
      ticket: { number: ticket.number, title: ticket.title },
      agent: { name: actor.name },
    }),
  };
}
