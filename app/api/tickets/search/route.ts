import type { NextRequest } from "next/server";
import { getActor } from "@/lib/auth/actor";
import { isAppError } from "@/lib/errors";
import { searchLinkTargets } from "@/lib/domain/relationships/search-targets";

/**
 * GET /api/tickets/search?q=<number or words>&exclude=<ticket id>: the link
 * picker's results as the user types (a GET, so typing is not queued behind
 * other server actions). Scoped to the actor; 401 signed out, 404 for those
 * who cannot link, 400 on a malformed query — never a 500 on bad input.
 */
export async function GET(request: NextRequest): Promise<Response> {
  const actor = await getActor();
  if (!actor) return Response.json({ error: "Sign in to search tickets." }, { status: 401 });
  const params = request.nextUrl.searchParams;
  try {
    const results = await searchLinkTargets(actor, { q: params.get("q") ?? "", exclude: params.get("exclude") || undefined });
    return Response.json({ results }, { headers: { "Cache-Control": "no-store" } });
  } catch (e) {
    if (isAppError(e) && e.code === "FORBIDDEN") return Response.json({ error: "Not found" }, { status: 404 });
    if (isAppError(e) && e.code === "VALIDATION") {
      // The field's own sentence ("Text cannot contain a NUL character") says more than "correct the highlighted fields".
      const first = Object.values(e.fieldErrors ?? {}).flat()[0];
      return Response.json({ error: first ?? e.message, fieldErrors: e.fieldErrors }, { status: 400 });
    }
    throw e;
  }
}
