import { defineRoute, jsonResponse } from "@/lib/http/route";
import { searchRequesterCandidates } from "@/lib/domain/contacts/requester-candidates";

/**
 * GET /api/admin/contacts/requesters?q=<name or e-mail>: a contact's
 * "Requester account" as the admin types — at most 20 active requesters of
 * the organization who are no contact yet. 401 signed out, 404 without
 * org.manage, 400 with the field's message on a malformed query.
 */
export const GET = defineRoute("contact requesters", { signedOut: "Sign in to search people." }, async (request, actor) => {
  const results = await searchRequesterCandidates(actor, { q: request.nextUrl.searchParams.get("q") ?? undefined });
  return jsonResponse(200, { results });
});
