import { defineRoute, jsonResponse } from "@/lib/http/route";
import { searchCustomers } from "@/lib/domain/customers/search-customers";

/**
 * GET /api/customers/search?q=<name>: the customer pickers as the user types
 * (at most 20, the actor's organization). 401 signed out, 404 for anyone who
 * may not pick customers (requesters), 400 with the field's message on a
 * malformed query.
 */
export const GET = defineRoute("customer search", { signedOut: "Sign in to search customers." }, async (request, actor) => {
  const results = await searchCustomers(actor, { q: request.nextUrl.searchParams.get("q") ?? undefined });
  return jsonResponse(200, { results });
});
