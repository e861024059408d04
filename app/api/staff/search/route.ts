import type { NextRequest } from "next/server";
import { getActor } from "@/lib/auth/actor";
import { isAppError } from "@/lib/errors";
import { searchStaff } from "@/lib/domain/users/search-staff";

/**
 * GET /api/staff/search?q=<name>&for=staff|mention&ticket=<id>&limit=<≤20>:
 * the people pickers' results as the user types (a GET, so typing is not
 * queued behind server actions). Scoped to the actor's organization; 401
 * signed out, 404 for non-staff and for a ticket they cannot see, 400 with
 * the field's message on a malformed query — never a 500 on bad input.
 */
export async function GET(request: NextRequest): Promise<Response> {
  const actor = await getActor();
  if (!actor) return Response.json({ error: "Sign in to search people." }, { status: 401 });
  const params = request.nextUrl.searchParams;
  try {
    const results = await searchStaff(actor, {
      q: params.get("q") ?? undefined,
      for: (params.get("for") ?? undefined) as "staff" | "mention" | undefined,
      ticket: params.get("ticket") ?? undefined,
      limit: params.get("limit") ?? undefined,
    });
    return Response.json({ results }, { headers: { "Cache-Control": "no-store" } });
  } catch (e) {
    if (isAppError(e) && (e.code === "FORBIDDEN" || e.code === "NOT_FOUND")) return Response.json({ error: "Not found" }, { status: 404 });
    if (isAppError(e) && e.code === "VALIDATION") {
      const first = Object.values(e.fieldErrors ?? {}).flat()[0];
      return Response.json({ error: first ?? e.message, fieldErrors: e.fieldErrors }, { status: 400 });
    }
    throw e;
  }
}
