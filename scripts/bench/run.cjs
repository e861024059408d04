// Entry point of `npm run bench`: runs scripts/bench.ts through tsx's CommonJS
// hook. In tsx's ESM mode, `import X from "<CommonJS module>"` follows Node's
// rule (X = module.exports), so lib/auth/options.ts's default import of
// next-auth/providers/credentials is not a function there; the CommonJS hook
// applies the same __esModule interop as Next.js and Vitest.
require("tsx/cjs/api").register();
require("../bench.ts");
