import "server-only";

/**
 * A 400 naming each filter that is not valid, for an export asked with one:
 * the page drops a malformed filter and shows the rest, but a file silently
 * holding more rows than asked must not be. Null when every filter holds.
 */
export function refusedFiltersResponse(refused: Record<string, string[]>): Response | null {
  const problems = Object.entries(refused);
  if (!problems.length) return null;
  const lines = problems.map(([key, messages]) => `- ${key}: ${messages.join("; ")}`);
  return new Response(`The export was not started: these filters are not valid.\n${lines.join("\n")}\n`, {
    status: 400,
    headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
  });
}

/**
 * A CSV download streamed from `chunks` (an export's generator: header line,
 * then rows in keyset batches) as the client reads it. A client that goes
 * away stops the generator, so no more rows are read (the export's audit row
 * records what was sent); a failure mid-stream ends the download with an
 * error, logged under `label`. Named `<name>-<today>.csv`, never cached.
 */
export function csvDownload(chunks: AsyncGenerator<string, unknown, unknown>, opts: { name: string; label: string }): Response {
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const { value, done } = await chunks.next();
        if (done) controller.close();
        else controller.enqueue(encoder.encode(value));
      } catch (e) {
        console.error(`[${opts.label}] failed`, e);
        controller.error(e);
      }
    },
    async cancel() {
      await chunks.return(undefined);
    },
  });
  const date = new Date().toISOString().slice(0, 10);
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8; header=present",
      "Content-Disposition": `attachment; filename="${opts.name}-${date}.csv"`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
