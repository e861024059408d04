import { defineRoute } from "@/lib/http/route";
import { requestMeta } from "@/lib/audit";
import { auditCsv } from "@/lib/domain/audit/export-audit";
import { readAuditQuery } from "@/lib/validation/audit";

/**
 * GET /admin/audit/export?<the audit log's filter>: the filtered log as a CSV
 * download (at most 100,000 rows, streamed in keyset batches), itself an
 * `audit.exported` row. 404 without org.manage, decided before anything
 * streams; a filter that is not valid is refused (400) rather than widened.
 */
export const GET = defineRoute("audit export", { signedOut: "Sign in to export the audit log." }, async (request, actor) => {
  const { query, refused } = readAuditQuery(request.nextUrl.searchParams);
  const csv = auditCsv(actor, { ...query, older: undefined, newer: undefined }, { meta: requestMeta(request.headers) });
  const problems = Object.entries(refused);
  if (problems.length) {
    await csv.return(undefined);
    const lines = problems.map(([key, messages]) => `- ${key}: ${messages.join("; ")}`);
    return new Response(`The export was not started: these filters are not valid.\n${lines.join("\n")}\n`, {
      status: 400,
      headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
    });
  }

  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const { value, done } = await csv.next();
        if (done) controller.close();
        else controller.enqueue(encoder.encode(value));
      } catch (e) {
        console.error("[audit export] failed", e);
        controller.error(e);
      }
    },
    async cancel() {
      // The client went away: stop reading (the audit row records what was sent).
      await csv.return(undefined);
    },
  });

  const date = new Date().toISOString().slice(0, 10);
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8; header=present",
      "Content-Disposition": `attachment; filename="audit-log-${date}.csv"`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
});
