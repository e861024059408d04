import "server-only";
import { cache } from "react";
import { db } from "@/lib/db";
import { notFound } from "@/lib/errors";
import { readOrganizationSettings, type OrganizationSettings } from "@/lib/validation/organization-settings";

export interface OrganizationProfile {
  id: string;
  name: string;
  /** Names the organization's portal sign-up page, /register/[slug]. */
  slug: string;
  settings: OrganizationSettings;
  /** The compare-and-set token of /admin/settings. */
  updatedAt: Date;
}

/** The organization's name and settings (stored JSON read field by field; never throws on bad data). */
export async function loadOrganizationProfile(organizationId: string): Promise<OrganizationProfile> {
  const org = await db.organization.findUnique({ where: { id: organizationId }, select: { id: true, name: true, slug: true, settings: true, updatedAt: true } });
  if (!org) throw notFound("Organization");
  return { id: org.id, name: org.name, slug: org.slug, settings: readOrganizationSettings(org.settings), updatedAt: org.updatedAt };
}

/** The same, read once per request for the shell, the pages and the checks they make. */
export const organizationProfile = cache(loadOrganizationProfile);

export async function organizationSettings(organizationId: string): Promise<OrganizationSettings> {
  return (await organizationProfile(organizationId)).settings;
}
