import { defineRoute, jsonResponse } from "@/lib/http/route";
import { searchCannedResponses } from "@/lib/domain/canned-responses/search";

/**
 * GET /api/canned-responses/search?q=<words>: the reply box's "Insert
 * response" as the agent types (at most 20: the organization's and the
 * agent's own, by title, with a preview of the text). 401 signed out, 404 for
 * non-staff, 400 with the field's message on a malformed query.
 */
export const GET = defineRoute("canned response search", { signedOut: "Sign in to search responses.", staffOnly: true }, async (request, actor) => {
  const results = await searchCannedResponses(actor, { q: request.nextUrl.searchParams.get("q") ?? undefined });
  return jsonResponse(200, { results });
});
