import { defineRoute, jsonResponse } from "@/lib/http/route";
import { searchLinkTargets } from "@/lib/domain/relationships/search-targets";

/**
 * GET /api/tickets/search?q=<number or words>&exclude=<ticket id>: the link
 * picker's results as the user types (a GET, so typing is not queued behind
 * other server actions). Scoped to the actor; 401 signed out, 404 for
 * requesters (a staff surface), 403 for staff who may not link, 400 on a malformed query — never a 500 on bad input.
 */
export const GET = defineRoute("ticket search", { signedOut: "Sign in to search tickets.", staffOnly: true }, async (request, actor) => {
  const params = request.nextUrl.searchParams;
  const results = await searchLinkTargets(actor, { q: params.get("q") ?? "", exclude: params.get("exclude") || undefined });
  return jsonResponse(200, { results });
});
