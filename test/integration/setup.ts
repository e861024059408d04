// Runs in the worker before each integration test file: point lib/db (which
// reads DATABASE_URL at first use) at the test database prepared by
// global-setup.ts.
import { inject } from "vitest";

process.env.DATABASE_URL = inject("databaseUrl");
