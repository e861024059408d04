import { defineRoute, jsonResponse } from "@/lib/http/route";
import { searchTags } from "@/lib/domain/tags/search-tags";

/**
 * GET /api/tags/search?q=<prefix>: the tag filters' results as the user
 * types (at most 20, the actor's organization). 401 signed out, 404 for
 * non-staff, 400 with the field's message on a malformed query.
 */
export const GET = defineRoute("tag search", { signedOut: "Sign in to search tags.", staffOnly: true }, async (request, actor) => {
  const results = await searchTags(actor, { q: request.nextUrl.searchParams.get("q") ?? undefined });
  return jsonResponse(200, { results });
});
