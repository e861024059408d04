import { defineRoute, jsonResponse } from "@/lib/http/route";
import { can } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors";
import { teamMemberCandidates } from "@/lib/domain/teams/list-teams";

/**
 * GET /api/admin/teams/member-candidates?team=<id>&q=<name>: "Add member" on
 * a team's page as the admin types — at most 20 active staff of the
 * organization not yet in the team. 401 signed out, 404 without org.manage or
 * for another organization's team, 400 with the field's message on a
 * malformed query.
 */
export const GET = defineRoute("team member candidates", { signedOut: "Sign in to search people." }, async (request, actor) => {
  if (!can(actor, "org.manage")) throw new AppError("NOT_FOUND", "Not found");
  const params = request.nextUrl.searchParams;
  const results = await teamMemberCandidates(actor, { team: params.get("team"), q: params.get("q") });
  return jsonResponse(200, { results });
});
