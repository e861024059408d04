import { defineRoute, jsonResponse } from "@/lib/http/route";
import { searchAssets } from "@/lib/domain/assets/search-assets";
import { assetLabel } from "@/lib/domain/assets/label";

/**
 * GET /api/assets/search?q=<tag or name prefix>: the target-asset picker's
 * results as the user types (at most 20, the actor's organization). For staff
 * and for those who may open a change request; 401 signed out, 404 for
 * everyone else, 400 with the field's message on a malformed query.
 */
export const GET = defineRoute("asset search", { signedOut: "Sign in to search assets." }, async (request, actor) => {
  const assets = await searchAssets(actor, { q: request.nextUrl.searchParams.get("q") ?? undefined });
  return jsonResponse(200, { results: assets.map((a) => ({ id: a.id, name: assetLabel(a) })) });
});
