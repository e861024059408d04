import "server-only";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { isStaff } from "@/lib/auth/permissions";
import { invalid } from "@/lib/errors";
import { organizationSettings } from "@/lib/domain/organization/settings";
import type { OrganizationSettings } from "@/lib/validation/organization-settings";

/**
 * Who may create a tag on the fly while tagging a ticket (seed 003): staff
 * always; everyone else only where the organization allows it
 * (/admin/settings "Requesters may create tags"). Applying an existing tag
 * needs no more than the right to edit the ticket's tags.
 */
export function mayCreateTags(actor: Actor, settings: Pick<OrganizationSettings, "requestersMayCreateTags">): boolean {
  return isStaff(actor) || settings.requestersMayCreateTags;
}

export const newTagRefused = (names: readonly string[]) =>
  `${names.map((n) => `“${n}”`).join(", ")} ${names.length === 1 ? "is not a tag" : "are not tags"} yet, and only staff can create tags here. Choose an existing tag.`;

/** Refuses names that are not yet tags of the organization when this actor may not create tags. */
export async function assertMayCreateTags(actor: Actor, names: readonly string[]): Promise<void> {
  if (names.length === 0 || isStaff(actor)) return;
  const existing = await db.tag.findMany({ where: { organizationId: actor.organizationId, name: { in: [...names] } }, select: { name: true } });
  const missing = names.filter((n) => !existing.some((t) => t.name === n));
  if (missing.length === 0 || mayCreateTags(actor, await organizationSettings(actor.organizationId))) return;
  throw invalid(newTagRefused(missing), { tags: [newTagRefused(missing)] });
}
