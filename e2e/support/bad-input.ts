import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { request, type APIRequestContext, type APIResponse } from "@playwright/test";
import { E2E_DATABASE_URL } from "./db";
import { DEMO_PASSWORD } from "./fixtures";

// Helpers for e2e/bad-input.spec.ts: replaying server actions over HTTP the way
// the browser sends them, signing in through next-auth's credentials endpoint
// with an APIRequestContext, and a fingerprint of the database to prove that a
// refused input wrote nothing.

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");

// ─── Build manifests ─────────────────────────────────────────────────────────

export interface ManifestAction {
  id: string;
  exportedName: string;
  filename: string;
  /** "app/(desk)/desk/page", … — the pages whose bundle carries the action. */
  workers: string[];
}

/** Every server action of the build (.next/server/server-reference-manifest.json), by exported name. */
export function manifestActions(): Map<string, ManifestAction> {
  const file = path.join(ROOT, ".next/server/server-reference-manifest.json");
  const manifest = JSON.parse(fs.readFileSync(file, "utf8")) as {
    node: Record<string, { workers: Record<string, unknown>; filename?: string; exportedName?: string }>;
  };
  const out = new Map<string, ManifestAction>();
  for (const [id, entry] of Object.entries(manifest.node)) {
    const exportedName = entry.exportedName ?? "";
    if (out.has(exportedName)) throw new Error(`Two server actions export ${exportedName}`);
    out.set(exportedName, { id, exportedName, filename: entry.filename ?? "", workers: Object.keys(entry.workers) });
  }
  return out;
}

/** The page and route entries of the build (.next/server/app-paths-manifest.json): "/(desk)/desk/page", "/api/uploads/route", … */
export function manifestAppPaths(): string[] {
  const file = path.join(ROOT, ".next/server/app-paths-manifest.json");
  return Object.keys(JSON.parse(fs.readFileSync(file, "utf8")) as Record<string, string>);
}

/** The same list from the sources (app/**\/page.tsx and route.ts), available before the build: "/(desk)/desk/page", … */
export function sourceAppPaths(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (/^(page|route)\.tsx?$/.test(e.name)) out.push("/" + path.relative(path.join(ROOT, "app"), p).replace(/\\/g, "/").replace(/\.tsx?$/, ""));
    }
  };
  walk(path.join(ROOT, "app"));
  return out.sort();
}

/** "/(desk)/tickets/[number]/page" → "/tickets/[number]" (route groups and the file name dropped). */
export function routeOf(appPath: string): string {
  const segs = appPath.split("/").filter((s) => s && !/^\(.*\)$/.test(s));
  segs.pop();
  return "/" + segs.join("/");
}

/** A URL for a route, each [param] filled from `values` (raw, already URL-encoded). */
export function fillRoute(route: string, values: Record<string, string>): string {
  return route.replace(/\[(?:\.\.\.)?([^\]]+)\]/g, (_m, name: string) => {
    if (!(name in values)) throw new Error(`No value for [${name}] in ${route}`);
    return values[name];
  });
}

// ─── Sessions ────────────────────────────────────────────────────────────────

/** Signs in through next-auth's credentials endpoint; the context keeps the session cookie. */
export async function signedInContext(baseURL: string, email: string, password = DEMO_PASSWORD): Promise<APIRequestContext> {
  const ctx = await request.newContext({ baseURL });
  const res = await credentialsSignIn(ctx, baseURL, email, password);
  const cookies = (await ctx.storageState()).cookies.map((c) => c.name);
  if (!res.status().toString().startsWith("2") || !cookies.some((c) => c.endsWith("next-auth.session-token"))) {
    throw new Error(`Sign-in as ${email} failed: ${res.status()} ${await res.text()}`);
  }
  return ctx;
}

/** One POST to /api/auth/callback/credentials with a fresh CSRF token (json=true: next-auth answers { url } instead of redirecting). */
export async function credentialsSignIn(ctx: APIRequestContext, baseURL: string, email: string, password: string): Promise<APIResponse> {
  const csrf = await ctx.get("/api/auth/csrf");
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  return ctx.post("/api/auth/callback/credentials", {
    form: { email, password, csrfToken, callbackUrl: `${baseURL}/desk`, json: "true" },
    maxRedirects: 0,
  });
}

// ─── Server actions over HTTP ────────────────────────────────────────────────

export const ACTION_HEADERS = { Accept: "text/x-component", "Content-Type": "text/plain;charset=UTF-8" };

export interface ActionAnswer {
  status: number;
  /** The action's returned object ({ ok, … }), when the RSC payload carries one. */
  result: Record<string, unknown> | null;
  text: string;
}

/**
 * The action's return value inside the RSC answer: row 0 is
 * {"a":"$@1",…} and row 1 the value. Only plain JSON rows are read.
 */
export function actionResult(text: string): Record<string, unknown> | null {
  const rows = new Map<string, unknown>();
  for (const line of text.split("\n")) {
    const m = /^([0-9a-f]+):(.*)$/.exec(line);
    if (!m) continue;
    try {
      rows.set(m[1], JSON.parse(m[2]));
    } catch {
      /* a non-JSON row (T, I, E …) */
    }
  }
  const head = rows.get("0") as { a?: unknown } | undefined;
  const ref = typeof head?.a === "string" && head.a.startsWith("$@") ? head.a.slice(2) : null;
  const value = ref !== null ? rows.get(parseInt(ref, 16).toString(16)) ?? rows.get(ref) : undefined;
  if (value && typeof value === "object" && "ok" in value) return value as Record<string, unknown>;
  for (const v of rows.values()) if (v && typeof v === "object" && "ok" in v) return v as Record<string, unknown>;
  return null;
}

/** React's encodeReply of one plain argument: a JSON array of the arguments, strings starting with "$" escaped. */
export function encodeReply(input: unknown): string {
  return JSON.stringify([input], (_k, v) => (typeof v === "string" && v.startsWith("$") ? "$" + v : v));
}

export async function postAction(
  ctx: APIRequestContext,
  pagePath: string,
  actionId: string,
  body: string | Buffer,
  headers: Record<string, string> = {},
): Promise<ActionAnswer> {
  const res = await ctx.post(pagePath, {
    headers: { ...ACTION_HEADERS, "Next-Action": actionId, ...headers },
    data: body,
    maxRedirects: 0,
    failOnStatusCode: false,
  });
  const text = await res.text().catch((e: Error) => `<body aborted: ${e.message}>`);
  return { status: res.status(), result: actionResult(text), text };
}

export async function callAction(ctx: APIRequestContext, pagePath: string, actionId: string, input: unknown): Promise<ActionAnswer> {
  return postAction(ctx, pagePath, actionId, encodeReply(input));
}

// ─── "Never a write": a fingerprint of the database ──────────────────────────

/**
 * Tables whose every row is hashed: any insert, update or delete changes the
 * hash. OutboxMessage is counted only (the server's outbox worker updates
 * rows in the background); AuditLog is counted (expected audit rows are
 * asserted per case).
 */
export const HASHED_TABLES = [
  "Organization", "Role", "User", "Project", "ProjectMember", "KanbanColumn", "NumberCounter",
  "Ticket", "TicketAssignee", "ChangeItem", "Asset", "AssetComponent", "TicketHistory",
  "Comment", "CommentRevision", "CommentMention", "Attachment", "Relationship", "Tag", "TicketTag",
  "Watcher", "Notification", "NotificationPreference", "SavedView", "CannedResponse",
  "SlaPolicy", "CustomField", "ApiToken", "AuthSession", "Team", "TeamMember", "Customer", "CustomerDomain", "Contact", "ContactTag",
] as const;
export const COUNTED_TABLES = ["AuditLog", "OutboxMessage"] as const;

const FINGERPRINT_SQL = `SELECT ${[
  ...HASHED_TABLES.map((t) => `(SELECT md5(coalesce(string_agg(x::text, ',' ORDER BY x::text), '')) FROM "${t}" x) AS "${t}"`),
  ...COUNTED_TABLES.map((t) => `(SELECT count(*)::text FROM "${t}") AS "${t}"`),
].join(",\n")}`;

export type Fingerprint = Record<string, string>;

/** One connection kept open for the whole spec (a fingerprint per case). */
export class Db {
  private client: pg.Client | null = null;
  async query<T extends pg.QueryResultRow = Record<string, unknown>>(text: string, params: unknown[] = []): Promise<T[]> {
    if (!this.client) {
      this.client = new pg.Client({ connectionString: E2E_DATABASE_URL });
      await this.client.connect();
    }
    return (await this.client.query<T>(text, params)).rows;
  }
  async fingerprint(): Promise<Fingerprint> {
    return (await this.query<Fingerprint>(FINGERPRINT_SQL))[0]!;
  }
  async close() {
    await this.client?.end();
    this.client = null;
  }
}

/** The tables that differ between two fingerprints ("AuditLog +1" for counted ones). */
export function changedTables(before: Fingerprint, after: Fingerprint): string[] {
  const out: string[] = [];
  for (const k of Object.keys(before)) {
    if (before[k] === after[k]) continue;
    out.push((COUNTED_TABLES as readonly string[]).includes(k) ? `${k} ${Number(after[k]) - Number(before[k]) >= 0 ? "+" : ""}${Number(after[k]) - Number(before[k])}` : k);
  }
  return out;
}

// ─── Variants ────────────────────────────────────────────────────────────────

export const NUL = "\u0000";
export const LONE_SURROGATE = "\uD800";
export const OVERSIZED = 100_000;

export type Leaf = { path: (string | number)[]; value: unknown };

/** Every leaf of a plain JSON value (strings, numbers, booleans, null, empty arrays/objects count as leaves; arrays/objects also as nodes). */
export function walk(value: unknown, at: (string | number)[] = [], out: Leaf[] = []): Leaf[] {
  if (Array.isArray(value)) {
    out.push({ path: at, value });
    value.forEach((v, i) => walk(v, [...at, i], out));
  } else if (value && typeof value === "object") {
    if (at.length) out.push({ path: at, value });
    for (const [k, v] of Object.entries(value)) walk(v, [...at, k], out);
  } else {
    out.push({ path: at, value });
  }
  return out;
}

/** A deep copy of `value` with the leaf at `at` replaced. */
export function withLeaf<T>(value: T, at: (string | number)[], replacement: unknown): T {
  if (!at.length) return replacement as T;
  const copy = (Array.isArray(value) ? [...value] : { ...(value as object) }) as Record<string | number, unknown>;
  const [head, ...rest] = at;
  copy[head as string] = withLeaf(copy[head as string], rest, replacement);
  return copy as T;
}

export const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A field error for `path`: the key itself ("changes.title"), a key below it ("ticketIds.0"), or its own name ("title" for "changes.title"). */
export function hasFieldError(result: Record<string, unknown> | null, path: (string | number)[]): boolean {
  const fe = result?.fieldErrors as Record<string, unknown> | undefined;
  if (!fe || typeof fe !== "object") return false;
  const full = path.map(String).join(".");
  return Object.keys(fe).some((k) => k === full || k.startsWith(full + ".") || full.endsWith("." + k));
}
