import { defineRoute, jsonResponse } from "@/lib/http/route";
import { searchStaff } from "@/lib/domain/users/search-staff";

/**
 * GET /api/staff/search?q=<name>&for=staff|mention&ticket=<id>&limit=<≤20>:
 * the people pickers' results as the user types (a GET, so typing is not
 * queued behind server actions). Scoped to the actor's organization; 401
 * signed out, 404 for non-staff and for a ticket they cannot see, 400 with
 * the field's message on a malformed query — never a 500 on bad input.
 */
export const GET = defineRoute("staff search", { signedOut: "Sign in to search people.", staffOnly: true }, async (request, actor) => {
  const params = request.nextUrl.searchParams;
  const results = await searchStaff(actor, {
    q: params.get("q") ?? undefined,
    for: (params.get("for") ?? undefined) as "staff" | "mention" | undefined,
    ticket: params.get("ticket") ?? undefined,
    limit: params.get("limit") ?? undefined,
  });
  return jsonResponse(200, { results });
});
