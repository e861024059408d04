// Timing and reporting helpers for scripts/bench.ts.

/** Milliseconds since an arbitrary origin, sub-millisecond resolution. */
export function nowMs(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}

/** Nearest-rank percentile (p in 0..100) of unsorted samples; NaN when empty. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

export interface Summary {
  n: number;
  p50: number;
  p95: number;
  max: number;
}

export function summarize(samples: readonly number[]): Summary {
  return { n: samples.length, p50: percentile(samples, 50), p95: percentile(samples, 95), max: samples.length ? Math.max(...samples) : Number.NaN };
}

/**
 * Times `a` (the domain function) and `b` (its raw-SQL twin) alternately, so
 * that drift (autovacuum, other sessions) hits both alike. Stops after
 * `iterations` pairs or when `budgetMs` is spent (after at least `minIterations`).
 */
export async function timePair(
  a: () => Promise<unknown>,
  b: (() => Promise<unknown>) | null,
  opts: { warmup: number; warmupMs?: number; iterations: number; minIterations?: number; budgetMs: number },
): Promise<{ a: number[]; b: number[] }> {
  // Warm up (caches, JIT, plans) for `warmup` rounds and at least `warmupMs`.
  const w0 = nowMs();
  for (let i = 0; i < opts.warmup || nowMs() - w0 < (opts.warmupMs ?? 0); i++) {
    await a();
    if (b) await b();
    if (i > 200) break;
  }
  const out = { a: [] as number[], b: [] as number[] };
  const start = nowMs();
  const min = opts.minIterations ?? Math.min(20, opts.iterations);
  for (let i = 0; i < opts.iterations; i++) {
    // Alternate which goes first so neither always profits from the other's warm cache.
    const first = i % 2 === 0;
    if (!first && b) out.b.push(await timeOne(b));
    out.a.push(await timeOne(a));
    if (first && b) out.b.push(await timeOne(b));
    if (i + 1 >= min && nowMs() - start > opts.budgetMs) break;
  }
  return out;
}

export async function timeOne(fn: () => Promise<unknown>): Promise<number> {
  const t0 = nowMs();
  await fn();
  return nowMs() - t0;
}

/** Runs `total` jobs from `clients` concurrent async loops; returns per-job latencies, wall time and errors. */
export async function runConcurrent(
  total: number,
  clients: number,
  job: (index: number) => Promise<void>,
): Promise<{ latencies: number[]; wallMs: number; cpuMs: number; errors: { index: number; message: string }[] }> {
  let next = 0;
  const cpu0 = process.cpuUsage();
  const latencies: number[] = [];
  const errors: { index: number; message: string }[] = [];
  const t0 = nowMs();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      for (;;) {
        const index = next++;
        if (index >= total) return;
        const s = nowMs();
        try {
          await job(index);
          latencies.push(nowMs() - s);
        } catch (e) {
          errors.push({ index, message: e instanceof Error ? e.message : String(e) });
        }
      }
    }),
  );
  const cpu = process.cpuUsage(cpu0);
  // cpuMs: this process's CPU time (all its threads) while the jobs ran.
  return { latencies, wallMs: nowMs() - t0, cpuMs: (cpu.user + cpu.system) / 1000, errors };
}

// ─── Formatting ──────────────────────────────────────────────────────────────

export function fmt(n: number | null | undefined, digits = 1): string {
  if (n === null || n === undefined || Number.isNaN(n)) return "n/a";
  return n.toFixed(digits);
}

export function fmtInt(n: number): string {
  return Math.round(n).toLocaleString("en");
}

/** A plain-text table with right-aligned numeric columns. */
export function table(headers: string[], rows: string[][]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const isNum = headers.map((_, i) => rows.every((r) => /^(n\/a|[-\d.,×x%]+[a-z/]*|—)$/i.test(r[i] ?? "")));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 || !isNum[i] ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join("  ").trimEnd();
  return [line(headers), widths.map((w) => "─".repeat(w)).join("  "), ...rows.map(line)].join("\n");
}

export function log(message: string): void {
  process.stdout.write(`${message}\n`);
}
