import type { NextRequest } from "next/server";
import { getActor } from "@/lib/auth/actor";
import { isAppError } from "@/lib/errors";
import { searchTags } from "@/lib/domain/tags/search-tags";

/**
 * GET /api/tags/search?q=<prefix>: the tag filters' results as the user
 * types (at most 20, the actor's organization). 401 signed out, 404 for
 * non-staff, 400 with the field's message on a malformed query.
 */
export async function GET(request: NextRequest): Promise<Response> {
  const actor = await getActor();
  if (!actor) return Response.json({ error: "Sign in to search tags." }, { status: 401 });
  try {
    const results = await searchTags(actor, { q: request.nextUrl.searchParams.get("q") ?? undefined });
    return Response.json({ results }, { headers: { "Cache-Control": "no-store" } });
  } catch (e) {
    if (isAppError(e) && e.code === "FORBIDDEN") return Response.json({ error: "Not found" }, { status: 404 });
    if (isAppError(e) && e.code === "VALIDATION") {
      const first = Object.values(e.fieldErrors ?? {}).flat()[0];
      return Response.json({ error: first ?? e.message, fieldErrors: e.fieldErrors }, { status: 400 });
    }
    throw e;
  }
}
