import { defineRoute, jsonResponse } from "@/lib/http/route";
import { listAssetComponents } from "@/lib/domain/assets/asset-components";

/**
 * GET /api/assets/<id>/components?q=<reference, serial or type>: the change
 * form's installed-component picker for one asset (at most 20, `more` when
 * there are others: type to narrow). For staff and for those who may open a
 * change request; 401 signed out, 404 for another organization's asset and
 * for everyone else.
 */
export const GET = defineRoute<{ id: string }>("asset components", { signedOut: "Sign in to see an asset's components." }, async (request, actor, params) => {
  const { components, more } = await listAssetComponents(actor, { assetId: params.id, q: request.nextUrl.searchParams.get("q") ?? undefined });
  return jsonResponse(200, { results: components, more });
});
