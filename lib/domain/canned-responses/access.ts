import "server-only";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { can, isStaff } from "@/lib/auth/permissions";
import { forbidden, invalid, notFound } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";

// Who may use and manage canned responses. Staff use the organization's
// responses and their own; organization-wide ones (ownerId null) are managed
// with org.manage, personal ones only by their owner. Someone else's personal
// response, or another organization's, is "not found".

export const DUPLICATE_TITLE = "A response with this title already exists here";

export function assertStaff(actor: Actor) {
  if (!isStaff(actor)) throw forbidden("Canned responses are for staff");
}

/** Responses the actor may use: the organization's and their own. */
export function usableBy(actor: Actor): Prisma.CannedResponseWhereInput {
  return { organizationId: actor.organizationId, OR: [{ ownerId: null }, { ownerId: actor.id }] };
}

export function mayManageOrganization(actor: Actor): boolean {
  return can(actor, "org.manage");
}

/** A response the actor may change or delete. */
export async function loadForWrite(actor: Actor, id: string) {
  assertStaff(actor);
  const row = await db.cannedResponse.findFirst({ where: { id, ...usableBy(actor) }, select: { id: true, ownerId: true, organizationId: true, title: true } });
  if (!row) throw notFound("Response");
  if (row.ownerId === null && !mayManageOrganization(actor)) throw forbidden("Only organization admins can change organization-wide responses");
  return row;
}

/** Titles are unique per scope, ignoring case (also enforced by partial unique indexes). */
export async function assertTitleFree(actor: Actor, ownerId: string | null, title: string, exceptId?: string) {
  const clash = await db.cannedResponse.findFirst({
    where: { organizationId: actor.organizationId, ownerId, title: { equals: title, mode: "insensitive" }, ...(exceptId ? { id: { not: exceptId } } : {}) },
    select: { id: true },
  });
  if (clash) throw invalid(DUPLICATE_TITLE, { title: [DUPLICATE_TITLE] });
}

/** A unique-index race lost to a concurrent save of the same title reads as the same field error. */
export function duplicateTitle(e: unknown): never {
  if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2002") throw invalid(DUPLICATE_TITLE, { title: [DUPLICATE_TITLE] });
  throw e;
}

export const cannedResponseSelect = { id: true, ownerId: true, title: true, body: true, updatedAt: true } as const;
