import "server-only";
import { notFound, redirect } from "next/navigation";
import { organizationProfile } from "@/lib/domain/organization/settings";
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

/** The organization's name for the header (read once per request with its settings). */
export async function organizationName(actor: Actor): Promise<string> {
  return (await organizationProfile(actor.organizationId)).name;
}

/** The zone dates are shown in: the organization's, until users have their own. */
export async function organizationTimeZone(actor: Actor): Promise<string> {
  return (await organizationProfile(actor.organizationId)).settings.timeZone;
}

/** Administration (/admin) is 404 to everyone without `org.manage`, staff included. */
export async function adminPageActor(): Promise<Actor> {
  const actor = await pageActor();
  if (!can(actor, "org.manage")) notFound();
  return actor;
}
