import "server-only";
import { env } from "@/lib/env";
import { drainOutbox } from "./outbox";

// The outbox worker inside the server process (started by instrumentation.ts):
// an unref'd interval that drains the outbox, one drain at a time, and only
// logs its failures — mail trouble never takes the server down.

const state = globalThis as unknown as { __outboxWorker?: NodeJS.Timeout };

export function startOutboxWorker(): boolean {
  const e = env();
  if (e.OUTBOX_WORKER === "off" || state.__outboxWorker) return false;
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      const r = await drainOutbox();
      if (r.claimed) console.log(`[outbox] sent ${r.sent}, retrying ${r.retried}, failed ${r.failed}`);
    } catch (err) {
      console.error("[outbox] drain failed", err);
    } finally {
      running = false;
    }
  };
  state.__outboxWorker = setInterval(() => void tick(), e.OUTBOX_INTERVAL_MS);
  state.__outboxWorker.unref();
  return true;
}

export function stopOutboxWorker(): void {
  if (state.__outboxWorker) clearInterval(state.__outboxWorker);
  state.__outboxWorker = undefined;
}
