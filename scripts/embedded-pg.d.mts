// Types for the launcher helpers imported by TypeScript configs (playwright.config.ts, tests).
export const ROOT: string;
export const DATA_DIR: string;
export const PG_PORT: number;
export function startEmbedded(db?: string): string;
export function stopEmbedded(): void;
export function ensureDatabase(name: string): void;
export function dropDatabase(name: string): void;
export function embeddedUrl(db: string): string;
export function persistentSecret(): string;
export function projectEnv(extra?: Record<string, string>): NodeJS.ProcessEnv;
