import "server-only";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { notFound } from "@/lib/errors";
import { parseInput } from "@/lib/validation/parse";
import { setThemeSchema, type SetThemeInput, type Theme } from "@/lib/validation/theme";

/**
 * Sets the actor's own colour theme. Whose row it is comes from the session
 * alone (the schema has no user field), and the write is limited to the
 * actor's organization and an active account. Like the desk layout and
 * notification choices, it is a personal display setting: no audit row.
 */
export async function setTheme(actor: Actor, raw: SetThemeInput): Promise<{ theme: Theme }> {
  const { theme } = parseInput(setThemeSchema, raw);
  const { count } = await db.user.updateMany({ where: { id: actor.id, organizationId: actor.organizationId, active: true }, data: { theme } });
  if (count === 0) throw notFound("User");
  return { theme };
}
