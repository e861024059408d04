import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { isStaff } from "@/lib/auth/permissions";
import { listCannedResponses } from "@/lib/domain/canned-responses/list";
import { mentionsAsPlainText } from "./mention-token";

const PREVIEW = 90;

/**
 * What the desk's reply box offers this staff member: canned responses.
 * (@mention suggestions are asked for as the name is typed: GET /api/staff/search?for=mention.)
 */
export async function composerOptions(actor: Actor) {
  if (!isStaff(actor)) return { cannedResponses: undefined };
  const list = await listCannedResponses(actor);
  const cannedResponses = [...list.organization, ...list.personal].map((r) => ({
    id: r.id,
    title: r.title,
    preview: mentionsAsPlainText(r.body).replace(/\s+/g, " ").slice(0, PREVIEW),
    personal: r.ownerId !== null,
  }));
  return { cannedResponses };
}

export type ComposerOptions = Awaited<ReturnType<typeof composerOptions>>;
