import "server-only";
import { db } from "@/lib/db";
import { appUrl } from "@/lib/env";
import { readOrganizationSettings } from "@/lib/validation/organization-settings";
import { isOrgSlug } from "@/lib/validation/registration";

export interface PortalSignUp {
  organization: { id: string; name: string; slug: string };
  /** The role a requester who signs up gets: the organization's built-in Requester role. */
  requesterRole: { id: string; name: string };
}

/**
 * The organization whose sign-up page /register/[slug] is open: its admin
 * turned on "Requesters may register" (/admin/settings) and it still has its
 * built-in Requester role. Null otherwise — for a slug that names nothing
 * just the same, so the page is a 404 either way.
 */
export async function portalSignUp(slug: string): Promise<PortalSignUp | null> {
  if (!isOrgSlug(slug)) return null;
  const org = await db.organization.findUnique({ where: { slug }, select: { id: true, name: true, slug: true, settings: true } });
  if (!org || !readOrganizationSettings(org.settings).requestersMayRegister) return null;
  const role = await db.role.findFirst({ where: { organizationId: org.id, builtIn: "requester" }, select: { id: true, name: true } });
  if (!role) return null;
  return { organization: { id: org.id, name: org.name, slug: org.slug }, requesterRole: role };
}

/** The organization's portal sign-up page, as its admin shares it. */
export function portalSignUpUrl(slug: string, base = appUrl()): string {
  return `${base.replace(/\/+$/, "")}/register/${slug}`;
}
