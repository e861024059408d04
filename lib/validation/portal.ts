import { z } from "zod";
import { text } from "./text";

/** The portal's "My requests" filters: which of them (open or closed work) and words of the title or the number. */
export const PORTAL_STATES = ["open", "closed"] as const;
export type PortalState = (typeof PORTAL_STATES)[number];

export const portalQuerySchema = z.object({
  q: text().trim().max(200, "Search for at most 200 characters").optional(),
  state: z.enum(PORTAL_STATES, { error: "Choose open or closed requests" }).optional(),
});

export type PortalQuery = z.output<typeof portalQuerySchema>;

/** The query string's filters (the first of a repeated value), what was valid of them, and the message for each refused one. */
export function readPortalQuery(raw: Record<string, string | string[] | undefined>): { query: PortalQuery; errors: Partial<Record<keyof PortalQuery, string>> } {
  const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
  const input = { q: first(raw.q) || undefined, state: first(raw.state) || undefined };
  const query: PortalQuery = {};
  const errors: Partial<Record<keyof PortalQuery, string>> = {};
  for (const key of ["q", "state"] as const) {
    const one = portalQuerySchema.shape[key].safeParse(input[key]);
    if (one.success) (query as Record<string, unknown>)[key] = one.data || undefined;
    else errors[key] = one.error.issues[0]?.message ?? "Not valid";
  }
  return { query, errors };
}
