import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { isStaff } from "@/lib/auth/permissions";

/**
 * What the desk's reply box offers this staff member: the "Insert response"
 * picker (it asks GET /api/canned-responses/search as the agent types;
 * @mention suggestions likewise ask GET /api/staff/search?for=mention).
 * Nothing the organization holds many of comes with the page.
 */
export async function composerOptions(actor: Actor) {
  return { cannedResponses: isStaff(actor) };
}

export type ComposerOptions = Awaited<ReturnType<typeof composerOptions>>;
