#!/usr/bin/env node
// Drops the end-to-end database on the private cluster so that the next
// `npm start` migrates and seeds it from scratch (playwright.config.ts runs
// this before starting the server). With DATABASE_URL set the database is not
// ours to drop: do nothing.
import { dropDatabase, startEmbedded } from "./embedded-pg.mjs";

const name = process.env.EMBEDDED_DB_NAME || "helpdesk_e2e";

if (process.env.DATABASE_URL) {
  console.log("[reset-e2e-db] DATABASE_URL is set; leaving the database alone.");
} else if (!/_e2e$/.test(name)) {
  // Never drop the development database by a misconfigured environment.
  console.error(`[reset-e2e-db] refusing to drop "${name}": only *_e2e databases are reset.`);
  process.exit(1);
} else {
  // Starts the cluster if needed; "postgres" always exists, so nothing is created.
  startEmbedded("postgres");
  dropDatabase(name);
  console.log(`[reset-e2e-db] dropped ${name}`);
}
