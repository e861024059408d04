import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// Two tiers (README "Test it"): `unit` runs pure rules beside the code;
// `integration` runs `*.integration.test.ts` against a real PostgreSQL
// database that test/integration/global-setup.ts recreates and migrates.
const root = fileURLToPath(new URL(".", import.meta.url));
const ignored = ["**/node_modules/**", "e2e/**", ".data/**", ".next/**", "lib/generated/**"];

export default defineConfig({
  resolve: {
    alias: {
      "@/": root,
      // Modules that reach the database import "server-only", which throws
      // outside Next's react-server bundles; the tests call them directly.
      "server-only": `${root}test/empty-module.ts`,
    },
  },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          environment: "node",
          include: ["**/*.test.ts"],
          exclude: [...ignored, "**/*.integration.test.ts"],
        },
      },
      {
        extends: true,
        test: {
          name: "integration",
          environment: "node",
          include: ["**/*.integration.test.ts"],
          exclude: ignored,
          globalSetup: ["test/integration/global-setup.ts"],
          setupFiles: ["test/integration/setup.ts"],
          // One database: files run one after another, each from a clean slate
          // (helpers.ts). They share one worker and module graph, so the Prisma
          // client and its warm query plans carry over between files.
          fileParallelism: false,
          isolate: false,
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
