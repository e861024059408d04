"use client";

import { useEffect, useState } from "react";
import type { ItemValidation } from "@/lib/domain/changes/validate-items";

/** One row's check as the editor shows it. */
export type RowCheck = { state: "checking" } | { state: "failed" } | ({ state: "done" } & ItemValidation);

export const CHECK_DELAY_MS = 300;

interface Settled {
  assetId: string | null;
  /** Each row's input as it was checked (JSON), so an unchanged row keeps its result while another is typed. */
  rows: string[];
  results: ItemValidation[];
}

/**
 * Each item row checked by the server's own validator (POST
 * /api/changes/check-items) while it is typed: ~300 ms after the last
 * keystroke, a late answer never replacing a newer one. A row whose input
 * changed since its last answer reads "checking" until the next one.
 */
export function useItemChecks(assetId: string | null, items: readonly unknown[], enabled = true): RowCheck[] {
  const body = JSON.stringify({ assetId, items });
  const [settled, setSettled] = useState<Settled | null>(null);
  const [failedFor, setFailedFor] = useState<string | null>(null);

  useEffect(() => {
    if (!enabled) return;
    const sent = JSON.parse(body) as { assetId: string | null; items: unknown[] };
    if (sent.items.length === 0) return;
    const controller = new AbortController();
    const timer = setTimeout(async () => {
      try {
        const res = await fetch("/api/changes/check-items", {
          method: "POST",
          headers: { "Content-Type": "application/json", Accept: "application/json" },
          body,
          signal: controller.signal,
        });
        const answer = (await res.json()) as { results?: ItemValidation[] };
        if (!res.ok || !answer.results) return setFailedFor(body);
        setSettled({ assetId: sent.assetId, rows: sent.items.map((i) => JSON.stringify(i)), results: answer.results });
      } catch {
        if (!controller.signal.aborted) setFailedFor(body);
      }
    }, CHECK_DELAY_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [body, enabled]);

  return items.map((item, i): RowCheck => {
    const result = settled && settled.assetId === assetId && settled.rows[i] === JSON.stringify(item) ? settled.results[i] : undefined;
    if (result) return { state: "done", ...result };
    return failedFor === body ? { state: "failed" } : { state: "checking" };
  });
}
