import "server-only";
import { notFound, redirect } from "next/navigation";
import { cache } from "react";
import { sqlRows } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { readOrganizationSettings } from "@/lib/validation/organization-settings";
import { getActor, type Actor } from "@/lib/auth/actor";
import { can, isStaff } from "@/lib/auth/permissions";

/** For pages: the signed-in actor, or a redirect to /login. */
export async function pageActor(): Promise<Actor> {
  const actor = await getActor();
  if (!actor) redirect("/login");
  return actor;
}

/** Staff surfaces (/desk, /board, /tickets) are 404 to everyone else. */
export async function staffPageActor(): Promise<Actor> {
  const actor = await pageActor();
  if (!isStaff(actor)) notFound();
  return actor;
}

/**
 * What the app shell shows around every page: the organization's name, the
 * zone its dates are shown in and the bell's unread count, in one prepared
 * statement, read once per request. The count is an index-only range of
 * Notification's (userId, readAt, createdAt) index (a user id belongs to one
 * organization), as unreadCount() counts; the settings are read field by field
 * as organizationProfile() reads them (bad stored values fall back to defaults).
 */
export const shellFacts = cache(async (actor: Actor): Promise<{ orgName: string; timeZone: string; unread: number }> => {
  const [row] = await sqlRows<{ orgName: string; settings: unknown; unread: number }>(
    Prisma.sql`
      SELECT o."name" AS "orgName", o."settings",
             (SELECT count(*)::int FROM "Notification" n WHERE n."userId" = ${actor.id}::uuid AND n."readAt" IS NULL) AS "unread"
        FROM "Organization" o
       WHERE o."id" = ${actor.organizationId}::uuid`,
    { prepared: true },
  );
  return { orgName: row?.orgName ?? "", timeZone: readOrganizationSettings(row?.settings ?? {}).timeZone, unread: row?.unread ?? 0 };
});

/** The organization's name for the header. */
export async function organizationName(actor: Actor): Promise<string> {
  return (await shellFacts(actor)).orgName;
}

/** The zone dates are shown in: the organization's, until users have their own. */
export async function organizationTimeZone(actor: Actor): Promise<string> {
  return (await shellFacts(actor)).timeZone;
}

/** Administration (/admin) is 404 to everyone without `org.manage`, staff included. */
export async function adminPageActor(): Promise<Actor> {
  const actor = await pageActor();
  if (!can(actor, "org.manage")) notFound();
  return actor;
}
