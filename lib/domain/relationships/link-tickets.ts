import "server-only";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { forbidden, notFound } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { parseInput } from "@/lib/validation/parse";
import { linkSchema, unlinkSchema, type LinkInput, type UnlinkInput } from "@/lib/validation/relationships";
import { loadTicketForActor } from "@/lib/domain/tickets/queries";
import { mayLink, ticketScope } from "@/lib/domain/tickets/policy";
import { transitionTicket } from "@/lib/domain/tickets/transition-ticket";
import { normaliseLink } from "./link-types";
import { linkHistory, writeLink } from "./write-link";
import { ticketRef } from "./visible-refs";

const END = {
  id: true,
  organizationId: true,
  number: true,
  status: true,
  version: true,
  project: { select: { workflow: true } },
} as const satisfies Prisma.TicketSelect;

/**
 * Links two tickets: "source <type> target", stored as one row (link-types.ts)
 * with history on both. Both are loaded through the actor's scope, so another
 * organization's id is "not found" and nothing is written. Marking a support
 * ticket a duplicate can close it (closeDuplicate): the close goes through
 * transitionTicket, and the link and a system comment naming the original are
 * written inside that same transaction.
 */
export async function linkTickets(actor: Actor, raw: LinkInput, opts: { now?: Date } = {}) {
  const input = parseInput(linkSchema, raw);
  const source = await loadTicketForActor(actor, input.sourceId, END);
  const target = await loadTicketForActor(actor, input.targetId, END);
  if (!mayLink(actor)) throw forbidden("You cannot link tickets");

  const link = normaliseLink(source.id, target.id, input.type);
  const ends = link.sourceId === source.id ? { source, target } : { source: target, target: source };
  const now = opts.now ?? new Date();

  const duplicate = ends.source;
  const close = link.type === "duplicate" && input.closeDuplicate && duplicate.project.workflow === "support" && duplicate.status !== "closed";
  if (!close) {
    const row = await db.$transaction((tx) => writeLink(tx, actor.id, link, ends, now, source.id));
    return { ...row, closed: false };
  }

  let row: Awaited<ReturnType<typeof writeLink>> | undefined;
  await transitionTicket(
    actor,
    { ticketId: duplicate.id, to: "closed", version: duplicate.version },
    {
      now,
      within: async (tx) => {
        row = await writeLink(tx, actor.id, link, ends, now, source.id);
        // Names the original through a reference each viewer's page resolves (visible-refs.ts).
        await tx.comment.create({
          data: { organizationId: duplicate.organizationId, ticketId: duplicate.id, authorId: null, type: "system", body: `Closed as a duplicate of ${ticketRef(ends.target.id)}`, createdAt: now },
        });
      },
    },
  );
  return { ...row!, closed: true };
}

/** Removes a link, with history on both tickets. A link whose tickets are not both in scope is "not found". */
export async function unlinkTickets(actor: Actor, raw: UnlinkInput, opts: { now?: Date } = {}) {
  const input = parseInput(unlinkSchema, raw);
  const scope = ticketScope(actor);
  const row = await db.relationship.findFirst({
    where: { id: input.relationshipId, organizationId: actor.organizationId, source: { is: scope }, target: { is: scope } },
    select: {
      id: true,
      sourceId: true,
      type: true,
      source: { select: { id: true, organizationId: true, number: true } },
      target: { select: { id: true, organizationId: true, number: true } },
    },
  });
  if (!row) throw notFound("Link");
  if (!mayLink(actor)) throw forbidden("You cannot unlink tickets");
  const now = opts.now ?? new Date();

  await db.$transaction(async (tx) => {
    const res = await tx.relationship.deleteMany({ where: { id: row.id } });
    if (res.count !== 1) throw notFound("Link");
    await linkHistory(tx, actor.id, "relationship_deleted", row, { source: row.source, target: row.target }, now);
  });
  return { id: row.id };
}
