import { defineRoute, jsonResponse } from "@/lib/http/route";
import { can } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors";
import { memberCandidates } from "@/lib/domain/projects/admin-queries";

/**
 * GET /api/admin/projects/member-candidates?project=<id>&q=<name or e-mail>:
 * "Add member" as the admin types — at most 20 active people of the
 * organization (staff and requesters) not yet in the project. 401 signed
 * out, 404 without org.manage or for another organization's project, 400
 * with the field's message on a malformed query.
 */
export const GET = defineRoute("member candidates", { signedOut: "Sign in to search people." }, async (request, actor) => {
  if (!can(actor, "org.manage")) throw new AppError("NOT_FOUND", "Not found");
  const params = request.nextUrl.searchParams;
  const results = await memberCandidates(actor, { project: params.get("project"), q: params.get("q") });
  return jsonResponse(200, { results });
});
