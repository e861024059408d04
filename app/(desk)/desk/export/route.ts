import { defineRoute } from "@/lib/http/route";
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

  // The page drops a malformed filter and shows the rest; a file silently holding more rows than asked must not be.
  const { query, refused } = readDeskQuery(request.nextUrl.searchParams);
  const problems = Object.entries(refused);
  if (problems.length) {
    const lines = problems.map(([key, messages]) => `- ${key}: ${messages.join("; ")}`);
    return new Response(`The export was not started: these filters are not valid.\n${lines.join("\n")}\n`, {
      status: 400,
      headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
    });
  }

  const csv = deskCsv(actor, query, { meta: requestMeta(request.headers) });
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const { value, done } = await csv.next();
        if (done) controller.close();
        else controller.enqueue(encoder.encode(value));
      } catch (e) {
        console.error("[desk export] failed", e);
        controller.error(e);
      }
    },
    async cancel() {
      // The client went away: stop querying (the audit row still records what was sent).
      await csv.return(undefined);
    },
  });

  const date = new Date().toISOString().slice(0, 10);
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8; header=present",
      "Content-Disposition": `attachment; filename="desk-${date}.csv"`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
});
