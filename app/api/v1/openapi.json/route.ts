import { openApiDocument } from "@/lib/api/v1/openapi";

// The document is public (like the docs): it describes, it grants nothing.
export function GET(): Response {
  return new Response(JSON.stringify(openApiDocument(), null, 2), { headers: { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "public, max-age=300" } });
}
