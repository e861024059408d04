import { defineConfig } from "@playwright/test";
import { PG_PORT } from "./scripts/embedded-pg.mjs";

// The specs read the e2e database directly (e2e/support/db.ts): tell them where the private cluster listens.
process.env.EMBEDDED_PG_PORT ??= String(PG_PORT);

// End-to-end tier: Debian's Chromium against the built app (`npm start`) on a
// private database, helpdesk_e2e, dropped and re-seeded at each fresh start.
// E2E_PORT lets several checkouts run their suites side by side.
const PORT = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://localhost:${PORT}`;

export default defineConfig({
  testDir: "e2e",
  // The specs share one database (demo data plus what they create).
  workers: 1,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  outputDir: "test-results/artifacts",
  reporter: [["list"], ["json", { outputFile: "test-results/e2e-results.json" }]],
  use: {
    baseURL,
    browserName: "chromium",
    screenshot: "only-on-failure",
    trace: "off",
    video: "off",
    viewport: { width: 1280, height: 800 },
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
      ],
    },
  },
  webServer: {
    command: "node scripts/reset-e2e-db.mjs && npm start",
    url: `${baseURL}/login`,
    reuseExistingServer: !process.env.CI,
    // The first start migrates, seeds and builds.
    timeout: 300_000,
    stdout: "ignore",
    stderr: "pipe",
    env: {
      PORT: String(PORT),
      EMBEDDED_DB_NAME: "helpdesk_e2e",
      NEXTAUTH_URL: baseURL,
      // e2e/admin-users.spec.ts reads the invite and reset e-mails the outbox writes under DATA_DIR/mail.
      OUTBOX_INTERVAL_MS: "1000",
    },
  },
});
