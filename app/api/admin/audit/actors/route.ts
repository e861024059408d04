import { defineRoute, jsonResponse } from "@/lib/http/route";
import { searchAuditActors } from "@/lib/domain/audit/search-actors";

/**
 * GET /api/admin/audit/actors?q=<name or e-mail>: the audit log's actor
 * picker as the admin types (at most 20, the actor's organization, anyone in
 * it). 401 signed out, 404 without org.manage, 400 on a malformed query.
 */
export const GET = defineRoute("audit actor search", { signedOut: "Sign in to search people." }, async (request, actor) => {
  const results = await searchAuditActors(actor, { q: request.nextUrl.searchParams.get("q") ?? undefined });
  return jsonResponse(200, { results });
});
