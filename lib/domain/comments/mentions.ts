import "server-only";
import type { Tx } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { isStaff } from "@/lib/auth/permissions";
import { invalid } from "@/lib/errors";
import { canSeeInternal, scopeGrants, type ScopeGrants } from "@/lib/domain/tickets/policy";
import { findStaff } from "@/lib/domain/users/staff-directory";
import { hasMentions, parseMentions } from "./mention-token";

export { parseMentions, formatMention, mentionsAsPlainText } from "./mention-token";

/**
 * @mentions (DESIGN §5, issue 5 "Thread"). Decisions:
 * - Mentions exist only in internal notes: they call staff into a
 *   conversation requesters never see. A public reply (or an edit of one)
 *   carrying a mention token is refused with a message on the body, so a
 *   staff member's id never reaches a requester and nobody is "notified" of a
 *   reply they were not really asked into. Typed "@Sam" text is just text.
 * - A token counts only for an active user of the ticket's organization who is
 *   staff, may read internal notes and has the ticket in their scope; any other
 *   id (another organization's, a requester's, a made-up one) is ignored and
 *   renders as plain "@Name". Mentioning yourself does nothing.
 * - Resolved mentions are stored as CommentMention rows in the comment's
 *   transaction and the newly mentioned are told in it (the "mention" event,
 *   lib/domain/notifications/hooks.ts notifyMentions); the thread highlights
 *   exactly those.
 */

export const MAX_MENTIONS = 20;
export const PUBLIC_MENTION_MESSAGE = "@mentions only work in internal notes. Tick “Internal note” or remove the mention.";

export interface MentionTicket {
  id: string;
  organizationId: string;
  projectId: string;
  requesterId: string;
  assignees: { userId: string }[];
}

/** The ticket fields mention checks need, as a Prisma select. */
export const mentionTicketSelect = {
  id: true,
  organizationId: true,
  projectId: true,
  requesterId: true,
  assignees: { select: { userId: true } },
} as const;

/** Whether these scope grants (lib/domain/tickets/policy.ts) include this live ticket. */
function grantsCover(g: ScopeGrants, t: MentionTicket): boolean {
  if (g.organizationId !== t.organizationId) return false;
  return (
    g.wholeOrganization ||
    g.projectIds.includes(t.projectId) ||
    (!!g.assignedTo && t.assignees.some((a) => a.userId === g.assignedTo)) ||
    g.requestedBy === t.requesterId
  );
}

/**
 * The mention rule for one user already in memory (an active user of the
 * ticket's organization): staff who may read internal notes and have the
 * ticket in scope. staffRuleSql({ kind: "mention" }) is the same rule in SQL;
 * staff-directory.integration.test.ts holds the two together.
 */
export function mayBeMentioned(user: Actor, ticket: MentionTicket): boolean {
  return isStaff(user) && canSeeInternal(user) && grantsCover(scopeGrants(user), ticket);
}

/** Active staff of the ticket's organization who may read its internal notes, among `ids` or matching `q` (bounded). */
export async function mentionableStaff(ticket: MentionTicket, opts: { ids?: readonly string[]; q?: string; excludeIds?: readonly string[]; limit?: number; client?: Tx } = {}) {
  return findStaff(ticket.organizationId, { kind: "mention", ticket }, opts);
}

/** The composer's @mention suggestions as the user types: for those who may write internal notes, the mentionable but themselves. */
export async function mentionCandidates(actor: Actor, ticket: MentionTicket, opts: { q?: string; limit?: number } = {}) {
  if (!canSeeInternal(actor) || ticket.organizationId !== actor.organizationId) return [];
  return mentionableStaff(ticket, { ...opts, excludeIds: [actor.id] });
}

/**
 * The user ids a comment body validly mentions (see the decisions above);
 * throws VALIDATION for tokens in a public comment.
 */
export async function resolveMentions(actor: Actor, ticket: MentionTicket, body: string, internal: boolean): Promise<string[]> {
  if (!internal) {
    if (hasMentions(body)) throw invalid(PUBLIC_MENTION_MESSAGE, { body: [PUBLIC_MENTION_MESSAGE] });
    return [];
  }
  const ids = parseMentions(body)
    .map((m) => m.userId)
    .filter((id) => id !== actor.id)
    .slice(0, MAX_MENTIONS);
  if (ids.length === 0) return [];
  const allowed = new Set((await mentionableStaff(ticket, { ids })).map((u) => u.id));
  return ids.filter((id) => allowed.has(id));
}

/** Stores resolved mentions with the comment; returns the ids newly mentioned (those to notify). */
export async function recordMentions(tx: Tx, comment: { id: string; organizationId: string }, userIds: readonly string[]): Promise<string[]> {
  if (userIds.length === 0) return [];
  const existing = new Set((await tx.commentMention.findMany({ where: { commentId: comment.id }, select: { userId: true } })).map((m) => m.userId));
  const fresh = userIds.filter((id) => !existing.has(id));
  if (fresh.length) {
    await tx.commentMention.createMany({ data: fresh.map((userId) => ({ commentId: comment.id, userId, organizationId: comment.organizationId })), skipDuplicates: true });
  }
  return fresh;
}
