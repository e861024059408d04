import "server-only";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { assertStaff, cannedResponseSelect, mayManageOrganization, usableBy } from "./access";

/** The organization's responses and the actor's own, by title; with what the actor may manage. */
export async function listCannedResponses(actor: Actor) {
  assertStaff(actor);
  const rows = await db.cannedResponse.findMany({ where: usableBy(actor), orderBy: [{ title: "asc" }, { id: "asc" }], select: cannedResponseSelect });
  return {
    organization: rows.filter((r) => r.ownerId === null),
    personal: rows.filter((r) => r.ownerId === actor.id),
    canManageOrganization: mayManageOrganization(actor),
  };
}

export type CannedResponseList = Awaited<ReturnType<typeof listCannedResponses>>;
