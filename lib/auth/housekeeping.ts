import "server-only";
import { sweepSessions } from "@/lib/auth/sessions";
import { sweepThrottle } from "@/lib/auth/throttle";

// Hourly, inside the server process (instrumentation.ts): old sessions and idle
// sign-in counters are forgotten, so neither table grows with time. Several
// instances may run it at once; the deletes are idempotent.
const state = globalThis as unknown as { __authHousekeeping?: NodeJS.Timeout };

export function startAuthHousekeeping(intervalMs = 60 * 60 * 1000): void {
  if (state.__authHousekeeping) return;
  const tick = async () => {
    try {
      await sweepSessions();
      await sweepThrottle();
    } catch (err) {
      console.error("[auth] housekeeping failed", err);
    }
  };
  state.__authHousekeeping = setInterval(() => void tick(), intervalMs);
  state.__authHousekeeping.unref();
}
