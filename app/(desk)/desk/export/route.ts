import { defineRoute } from "@/lib/http/route";
import { csvDownload, refusedFiltersResponse } from "@/lib/http/csv-download";
import { requestMeta } from "@/lib/audit";
import { deskCsv } from "@/lib/domain/desk/export";
import { readDeskQuery } from "@/lib/validation/desk";

/**
 * GET /desk/export?<the desk's query>: the current view as a CSV download.
 * Access and the filters are decided before anything streams (a filter the
 * database cannot take used to fail after the header line, cutting the
 * download short); the rows, scope and audit row are lib/domain/desk/export.ts's.
 */
// Like the desk page itself: not there for anyone but staff.
export const GET = defineRoute("desk export", { signedOut: "Sign in to export the desk.", staffOnly: true }, async (request, actor) => {
  const { query, refused } = readDeskQuery(request.nextUrl.searchParams);
  const bad = refusedFiltersResponse(refused);
  if (bad) return bad;
  return csvDownload(deskCsv(actor, query, { meta: requestMeta(request.headers) }), { name: "desk", label: "desk export" });
});
