// Entry point of `npm run bench`: runs scripts/bench.ts through tsx's CommonJS
// hook. In tsx's ESM mode, `import X from "<CommonJS module>"` follows Node's
// rule (X = module.exports), so lib/auth/options.ts's default import of
// next-auth/providers/credentials is not a function there; the CommonJS hook
// applies the same __esModule interop as Next.js and Vitest.
//
// The lib/ modules that reach the database import "server-only", which throws
// unless resolved with the react-server export condition (as in Next's server
// bundles): `npm run bench` starts Node with --conditions=react-server.
if (!require.resolve("server-only").endsWith("empty.js")) {
  console.error("bench: run it with `node --conditions=react-server scripts/bench/run.cjs` (npm run bench does)");
  process.exit(2);
}
require("tsx/cjs/api").register();
require("../bench.ts");
