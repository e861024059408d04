import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

// `npm run lint` (and the lint runner of `npm test`): Next's rules (React,
// React Hooks, accessibility, imports, Core Web Vitals) and typescript-eslint's
// recommended set.
export default defineConfig([
  ...nextVitals,
  ...nextTs,
  {
    rules: {
      // An unused name is dead code or a forgotten use: fail, but let a
      // leading underscore mark a parameter or binding kept on purpose.
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrorsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_", ignoreRestSiblings: true },
      ],
      "@typescript-eslint/no-unused-expressions": "error",
    },
  },
  {
    // Next's config covers these files (and defines the react-hooks plugin).
    files: ["**/*.{js,jsx,mjs,ts,tsx,mts,cts}"],
    rules: {
      // A missing effect dependency is a stale-closure bug more often than not.
      "react-hooks/exhaustive-deps": "error",
    },
  },
  {
    // Playwright's fixtures hand their value to a callback named `use`, which
    // the hooks rule takes for React's use(); no React code lives in e2e/.
    files: ["e2e/**"],
    rules: { "react-hooks/rules-of-hooks": "off" },
  },
  {
    // The CommonJS scripts (preloads, the bench entry point): require() is
    // their module system.
    files: ["**/*.cjs"],
    languageOptions: { sourceType: "commonjs" },
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
  globalIgnores([
    // Next's defaults (overridden by listing them here).
    ".next/**",
    "out/**",
    "build/**",
    "next-env.d.ts",
    // Generated or produced by runs, never edited by hand.
    "lib/generated/**",
    "test-results/**",
    "playwright-report/**",
    ".data/**",
  ]),
]);
