// Runs once when a Next.js server instance starts (Next 16 instrumentation).
// The e-mail outbox worker lives in the Node.js server process only; set
// OUTBOX_WORKER=off to keep it from running (lib/env.ts). Old sessions and
// sign-in counters are swept hourly (lib/auth/housekeeping.ts).
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startOutboxWorker } = await import("./lib/mail/worker");
  try {
    startOutboxWorker();
  } catch (err) {
    console.error("[outbox] worker not started", err);
  }
  const { startAuthHousekeeping } = await import("./lib/auth/housekeeping");
  startAuthHousekeeping();
}
