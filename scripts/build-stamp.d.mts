// Types for scripts/build-stamp.mjs (imported by scripts/bench/pages.ts).
export function fingerprint(): string;
export function buildIsCurrent(fp?: string): boolean;
export function ensureBuild(env?: NodeJS.ProcessEnv, log?: (message: string) => void): { built: boolean; seconds: number };
