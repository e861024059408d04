// The live stream at size (issue 14): CLIENTS browsers' streams open on the
// production server at once (/api/live, server-sent events), most on the
// ticket page of one ticket and the rest on the desk, then replies sent
// through the page's server action. Timed: from sending a reply until each
// ticket-page stream has its event (what a viewer waits for before their
// page reads the reply), and the server's memory with every stream open.

export interface LiveStream {
  /** Resolves at the next event of this name (ms since `since`). */
  next(event: string, since: number): Promise<number>;
  close(): void;
}

/** Opens one stream with the session cookie; resolves once the server said "ready". */
export async function openStream(base: string, cookie: string, query: string, timeoutMs = 15_000): Promise<LiveStream> {
  const ac = new AbortController();
  const res = await fetch(`${base}/api/live?${query}`, { headers: { cookie, accept: "text/event-stream" }, signal: ac.signal });
  if (res.status !== 200 || !res.body) throw new Error(`live: GET /api/live?${query} answered ${res.status}`);
  const waiting = new Map<string, ((at: number) => void)[]>();
  let readyResolve: () => void = () => {};
  const ready = new Promise<void>((r) => (readyResolve = r));
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  void (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += decoder.decode(value, { stream: true });
        let cut: number;
        while ((cut = buffer.indexOf("\n\n")) >= 0) {
          const block = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          const name = /^event: (.+)$/m.exec(block)?.[1];
          if (!name) continue;
          if (name === "ready") readyResolve();
          const at = performance.now();
          for (const w of waiting.get(name)?.splice(0) ?? []) w(at);
        }
      }
    } catch {
      // aborted
    }
  })();
  const timer = setTimeout(() => ac.abort(), timeoutMs);
  await ready;
  clearTimeout(timer);
  return {
    next(event, since) {
      return new Promise((resolve, reject) => {
        const t = setTimeout(() => reject(new Error(`live: no "${event}" event within ${timeoutMs} ms`)), timeoutMs);
        const list = waiting.get(event) ?? [];
        list.push((at) => {
          clearTimeout(t);
          resolve(at - since);
        });
        waiting.set(event, list);
      });
    },
    close: () => ac.abort(),
  };
}

export interface LiveReport {
  clients: number;
  /** Every ticket-page stream's delay after each reply (ms). */
  delays: number[];
  rssMb: number | null;
}

/**
 * Opens `clients` streams (a fifth on the desk, the rest on the ticket page of
 * `ticketNumber`), sends `rounds` replies through `reply`, and collects each
 * ticket-page stream's delay; `rss` reads the server's memory while all are open.
 */
export async function liveOps(o: {
  base: string;
  cookie: string;
  ticketNumber: string;
  clients: number;
  rounds: number;
  reply: () => Promise<unknown>;
  rss: () => number | null;
}): Promise<LiveReport> {
  const streams: { s: LiveStream; page: boolean }[] = [];
  try {
    // Opened a few at a time, as browsers arriving.
    for (let i = 0; i < o.clients; i += 20) {
      const batch = await Promise.all(
        Array.from({ length: Math.min(20, o.clients - i) }, (_, k) => {
          const page = (i + k) % 5 !== 0;
          return openStream(o.base, o.cookie, page ? `ticket=${encodeURIComponent(o.ticketNumber)}` : "desk=").then((s) => ({ s, page }));
        }),
      );
      streams.push(...batch);
    }
    const delays: number[] = [];
    for (let r = 0; r < o.rounds; r++) {
      const since = performance.now();
      const heard = streams.filter((x) => x.page).map((x) => x.s.next("ticket", since));
      await o.reply();
      delays.push(...(await Promise.all(heard)));
      // Let the round's page reads (none here: the streams only listen) and notices settle.
      await new Promise((res) => setTimeout(res, 150));
    }
    return { clients: streams.length, delays, rssMb: o.rss() };
  } finally {
    for (const x of streams) x.s.close();
  }
}
