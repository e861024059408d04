import "server-only";
import { API_STATUS, apiJson, type ApiErrorCode, type Method, type Operation } from "./operation";
import { OPERATIONS } from "./registry";

// One route handler serves every operation (app/api/v1/[...path]/route.ts):
// the registry — the list the OpenAPI document is written from — is the
// router, so no path can be served that the document does not describe. One
// entry also keeps the server small: Next loads every route entry at start.

interface Compiled {
  op: Operation;
  pattern: RegExp;
  names: string[];
}

const compiled: Compiled[] = OPERATIONS.map((op) => {
  const names: string[] = [];
  const source = op.spec.path.replace(/[.*+?^$()|[\]\\]/g, "\\$&").replace(/\\?\{(\w+)\\?\}/g, (_, n: string) => (names.push(n), "([^/]+)"));
  return { op, pattern: new RegExp(`^${source}$`), names };
});

export type Match = { op: Operation; params: Record<string, string> } | { allowed: Method[] } | null;

/**
 * The operation for a method and a path below /api/v1 ("/tickets/SUP-1"), with
 * its path parameters (still percent-encoded: decoded by the caller); or the
 * methods the path allows; or null for a path no operation has.
 */
export function match(method: string, path: string): Match {
  const allowed: Method[] = [];
  for (const c of compiled) {
    const m = c.pattern.exec(path);
    if (!m) continue;
    if (c.op.spec.method !== method) {
      allowed.push(c.op.spec.method);
      continue;
    }
    return { op: c.op, params: Object.fromEntries(c.names.map((n, i) => [n, m[i + 1]!])) };
  }
  return allowed.length ? { allowed } : null;
}

/** Decodes each path parameter; a malformed %-escape names nothing. */
function decoded(params: Record<string, string>): Record<string, string> | null {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(params)) {
    try {
      out[k] = decodeURIComponent(v);
    } catch {
      return null;
    }
  }
  return out;
}

const notFound = () => apiJson(API_STATUS.NOT_FOUND, { error: { code: "NOT_FOUND" satisfies ApiErrorCode, message: "No such operation: see /api/v1/openapi.json" } });

/** Serves a request under /api/v1 by its method and path. */
export async function dispatch(method: Method, request: Request): Promise<Response> {
  const path = new URL(request.url).pathname.replace(/^\/api\/v1(?=\/|$)/, "") || "/";
  const found = match(method, path);
  if (!found) return notFound();
  if ("allowed" in found) {
    return apiJson(API_STATUS.METHOD_NOT_ALLOWED, { error: { code: "METHOD_NOT_ALLOWED" satisfies ApiErrorCode, message: `${method} is not an operation of ${path}: ${found.allowed.join(", ")}` } }, { Allow: found.allowed.join(", ") });
  }
  const params = decoded(found.params);
  if (!params) return notFound();
  return found.op.handle(request, { params: Promise.resolve(params) });
}
