import { defineRoute, jsonResponse } from "@/lib/http/route";
import { can } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors";
import { userMemberships } from "@/lib/domain/users/memberships";

/**
 * GET /api/admin/users/<id>/memberships: the user's row on /admin/users opens
 * "Projects for <name>" — the organization's projects (at most 100, theirs
 * first) with whether they are a member and triage there. 401 signed out,
 * 404 without org.manage or for another organization's user.
 */
export const GET = defineRoute<{ id: string }>("user memberships", { signedOut: "Sign in to see memberships." }, async (_request, actor, params) => {
  if (!can(actor, "org.manage")) throw new AppError("NOT_FOUND", "Not found");
  return jsonResponse(200, await userMemberships(actor, params.id));
});
