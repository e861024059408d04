import { defineRoute } from "@/lib/http/route";
import { csvDownload, refusedFiltersResponse } from "@/lib/http/csv-download";
import { requestMeta } from "@/lib/audit";
import { auditCsv } from "@/lib/domain/audit/export-audit";
import { readAuditQuery } from "@/lib/validation/audit";

/**
 * GET /admin/audit/export?<the audit log's filter>: the filtered log as a CSV
 * download (at most 100,000 rows, streamed in keyset batches), itself an
 * `audit.exported` row. 404 without org.manage, decided before anything
 * streams (auditCsv asks before its first row); a filter that is not valid is
 * refused (400) rather than widened.
 */
export const GET = defineRoute("audit export", { signedOut: "Sign in to export the audit log." }, async (request, actor) => {
  const { query, refused } = readAuditQuery(request.nextUrl.searchParams);
  const csv = auditCsv(actor, { ...query, older: undefined, newer: undefined }, { meta: requestMeta(request.headers) });
  const bad = refusedFiltersResponse(refused);
  if (bad) {
    await csv.return(undefined);
    return bad;
  }
  return csvDownload(csv, { name: "audit-log", label: "audit export" });
});
