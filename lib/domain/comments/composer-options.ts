import type { Actor } from "@/lib/auth/actor";
import { isStaff } from "@/lib/auth/permissions";
import type { TicketDetail } from "@/lib/domain/tickets/queries";
import { listCannedResponses } from "@/lib/domain/canned-responses/list";
import { mentionsAsPlainText } from "./mention-token";
import { mentionCandidates } from "./mentions";

const PREVIEW = 90;

/** What the desk's reply box offers this staff member: canned responses and @mention suggestions. */
export async function composerOptions(actor: Actor, ticket: TicketDetail) {
  if (!isStaff(actor)) return { cannedResponses: undefined, mentionCandidates: [] };
  const [list, mentionable] = await Promise.all([
    listCannedResponses(actor),
    mentionCandidates(actor, { id: ticket.id, organizationId: ticket.organizationId, projectId: ticket.project.id, requesterId: ticket.requesterId, assignees: ticket.assignees }),
  ]);
  const cannedResponses = [...list.organization, ...list.personal].map((r) => ({
    id: r.id,
    title: r.title,
    preview: mentionsAsPlainText(r.body).replace(/\s+/g, " ").slice(0, PREVIEW),
    personal: r.ownerId !== null,
  }));
  return { cannedResponses, mentionCandidates: mentionable };
}

export type ComposerOptions = Awaited<ReturnType<typeof composerOptions>>;
