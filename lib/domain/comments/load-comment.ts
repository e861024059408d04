import "server-only";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { notFound } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { canSeeInternal, ticketScope } from "@/lib/domain/tickets/policy";

/**
 * A comment the actor may see: on a ticket in their scope, and an internal
 * note only for those who may read internal notes. Anything else — another
 * organization's comment, a note hidden from a requester — is "not found".
 */
export async function loadCommentForActor<S extends Prisma.CommentSelect>(actor: Actor, id: string, select: S) {
  const comment = await db.comment.findFirst({
    where: {
      id,
      organizationId: actor.organizationId,
      ticket: ticketScope(actor),
      ...(canSeeInternal(actor) ? {} : { type: { not: "internal_note" } }),
    },
    select,
  });
  if (!comment) throw notFound("Comment");
  return comment;
}
