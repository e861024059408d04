// Stands in for the `server-only` package under Vitest (vitest.config.ts).
// `server-only` throws unless it is resolved with the `react-server` export
// condition, which only Next's server bundles (and our tsx scripts, through
// `--conditions=react-server`) use; the tests import server modules directly.
export {};
