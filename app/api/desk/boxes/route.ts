import { defineRoute, jsonResponse } from "@/lib/http/route";
import { deskBoxes } from "@/lib/domain/desk/desk-query";

// GET /api/desk/boxes: the desk's box counts, read again by a live desk when tickets change (staff only).
export const GET = defineRoute("desk boxes", { signedOut: "Sign in to see the desk.", staffOnly: true }, async (_request, actor) => {
  return jsonResponse(200, { boxes: await deskBoxes(actor) });
});
