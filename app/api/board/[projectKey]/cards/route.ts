import { defineRoute, jsonResponse } from "@/lib/http/route";
import { boardCardsById, boardKeyFromParam } from "@/lib/domain/board/board-query";
import { parseBoardQuery } from "@/lib/validation/board";

/**
 * GET /api/board/<key>/cards?ids=<id,id…>&<the board's filters>[&totals=1]:
 * the cards a live board reads again after others moved or changed them, in
 * the viewer's scope and filters (an id it may not see is just absent).
 * 404 for non-staff and unknown boards; malformed ids are ignored.
 */
export const GET = defineRoute<{ projectKey: string }>("board cards", { signedOut: "Sign in to see the board.", staffOnly: true }, async (request, actor, params) => {
  const sp = request.nextUrl.searchParams;
  const ids = (sp.get("ids") ?? "").split(",").filter(Boolean);
  const result = await boardCardsById(actor, boardKeyFromParam(params.projectKey), parseBoardQuery(sp), ids, { totals: sp.get("totals") === "1" });
  return jsonResponse(200, result);
});
