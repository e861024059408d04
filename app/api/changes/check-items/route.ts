import { defineRoute, jsonResponse } from "@/lib/http/route";
import { invalid } from "@/lib/errors";
import { checkItems } from "@/lib/domain/changes/check-items";

/**
 * POST /api/changes/check-items with `{ assetId, items }`: each item's
 * validation (status and message) as the save would record it, for the
 * change form to show next to each row while it is typed. Changes nothing.
 * 401 signed out; 404 for another organization's asset and for those who
 * may not pick one; 400 on a malformed body.
 */
export const POST = defineRoute("check items", { signedOut: "Sign in to check items." }, async (request, actor) => {
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    throw invalid("Send the items as JSON.");
  }
  return jsonResponse(200, { results: await checkItems(actor, body as never) });
});
