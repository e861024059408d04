import "server-only";
import { z } from "zod";
import type { Actor } from "@/lib/auth/actor";
import { audit, requestMeta } from "@/lib/audit";
import { authenticateApiToken } from "@/lib/domain/api-tokens/tokens";
import { isAppError, zodFieldErrors, type AppErrorCode, type FieldErrors } from "@/lib/errors";

// The REST API's one wrapper (issue 15), the twin of defineAction and
// defineRoute: a bearer token → the caller's Actor (never a cookie, so no
// CSRF), the path, query and body parsed by the operation's zod schemas,
// the handler — which calls the same domain functions as the pages — and
// every refusal in one shape, `{ error: { code, message, fields? } }`.
// The operation's schemas are also its OpenAPI document (openapi.ts).

/** The API's codes: the domain's, and what only HTTP can get wrong. */
export type ApiErrorCode = AppErrorCode | "BAD_REQUEST" | "RATE_LIMITED";

/**
 * One status per code; a Record over the union, so a new code does not
 * compile without its status. The domain's VALIDATION is 422 here (the
 * request was well-formed, its content refused); BAD_REQUEST is a body that is
 * not JSON or a parameter that does not parse.
 */
export const API_STATUS: Record<ApiErrorCode, number> = {
  BAD_REQUEST: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  INVALID_TRANSITION: 409,
  VALIDATION: 422,
  RATE_LIMITED: 429,
};

export class ApiError extends Error {
  constructor(
    readonly code: ApiErrorCode,
    message: string,
    readonly fields?: FieldErrors,
    readonly headers: Record<string, string> = {},
    /** More for the caller: the current version of a ticket that changed meanwhile. */
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = "ApiError";
  }
}

export const errorBodySchema = z
  .object({
    error: z.object({
      code: z.enum(Object.keys(API_STATUS) as [ApiErrorCode, ...ApiErrorCode[]]),
      message: z.string(),
      fields: z.record(z.string(), z.array(z.string())).optional(),
      current_version: z.number().int().optional(),
    }),
  })
  .meta({ id: "Error" });

const JSON_HEADERS = { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store" };

export function apiJson(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(status === 204 ? null : JSON.stringify(body), { status, headers: { ...JSON_HEADERS, ...headers } });
}

function errorJson(code: ApiErrorCode, message: string, fields?: FieldErrors, headers: Record<string, string> = {}, extra: Record<string, unknown> = {}): Response {
  return apiJson(API_STATUS[code], { error: { code, message, ...(fields && Object.keys(fields).length ? { fields } : {}), ...extra } }, headers);
}

export function errorResponseFor(e: unknown, where: string): Response {
  if (e instanceof ApiError) return errorJson(e.code, e.message, e.fields, e.headers, e.extra);
  if (isAppError(e)) return errorJson(e.code, e.code === "VALIDATION" ? (Object.values(e.fieldErrors ?? {}).flat()[0] ?? e.message) : e.message, e.fieldErrors);
  console.error(`[api] ${where} failed`, e);
  return apiJson(500, { error: { code: "INTERNAL", message: "Something went wrong. Please try again." } });
}

export type Method = "GET" | "POST" | "PATCH" | "PUT" | "DELETE";

export interface ResponseSpec {
  description: string;
  schema?: z.ZodType;
  headers?: Record<string, string>;
}

/** An operation as OpenAPI and the route handler both read it. */
export interface OperationSpec<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType> {
  method: Method;
  /** OpenAPI path below /api/v1, with {braces}: "/tickets/{id}". */
  path: string;
  operationId: string;
  summary: string;
  description?: string;
  tag: string;
  /** "write" operations refuse read-only tokens (and are audited). */
  access: "read" | "write";
  params?: P;
  query?: Q;
  body?: B;
  /** Honoured on POST: a retry with the same key returns the first answer (idempotency.ts). */
  idempotent?: boolean;
  responses: Record<number, ResponseSpec>;
}

export interface Call<P, Q, B> {
  actor: Actor;
  params: P;
  query: Q;
  body: B;
  request: Request;
}

export interface Operation {
  spec: OperationSpec<z.ZodType, z.ZodType, z.ZodType>;
  handle: (request: Request, context?: { params?: Promise<Record<string, string | string[]>> }) => Promise<Response>;
}

/** The caller of a request: a bearer token's user, or a 401 (no cookie is ever read here). */
export async function bearerActor(request: Request): Promise<Actor> {
  const header = request.headers.get("authorization");
  const challenge = { "WWW-Authenticate": 'Bearer realm="api"' };
  if (!header) throw new ApiError("UNAUTHENTICATED", "Send a personal access token: Authorization: Bearer <token> (create one on /settings/tokens).", undefined, challenge);
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  const actor = match ? await authenticateApiToken(match[1]!, { meta: requestMeta(request.headers) }) : null;
  if (!actor) throw new ApiError("UNAUTHENTICATED", "This token is not valid: it may be mistyped, expired or revoked, or its user deactivated.", undefined, { ...challenge, "WWW-Authenticate": 'Bearer realm="api", error="invalid_token"' });
  return actor;
}

function parsePart<T extends z.ZodType>(schema: T | undefined, value: unknown, code: ApiErrorCode, what: string): z.output<T> {
  if (!schema) return undefined as z.output<T>;
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const fields = zodFieldErrors(parsed.error);
    throw new ApiError(code, Object.values(fields).flat()[0] ?? `The ${what} is not valid`, fields);
  }
  return parsed.data;
}

/** The query string as an object: a repeated key is a list, a single one a string. */
export function queryObject(url: URL): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const key of new Set(url.searchParams.keys())) {
    const all = url.searchParams.getAll(key);
    out[key] = all.length > 1 ? all : all[0]!;
  }
  return out;
}

export const BODY_LIMIT_BYTES = 1024 * 1024;

async function readJsonBody(request: Request): Promise<unknown> {
  const type = request.headers.get("content-type") ?? "";
  if (!/^application\/(?:[\w.+-]+\+)?json\b/i.test(type)) throw new ApiError("BAD_REQUEST", "Send the body as JSON (Content-Type: application/json).");
  const text = await request.text();
  if (text.length > BODY_LIMIT_BYTES) throw new ApiError("BAD_REQUEST", "The body is larger than 1 MB.");
  try {
    return JSON.parse(text);
  } catch {
    throw new ApiError("BAD_REQUEST", "The body is not valid JSON.");
  }
}

/**
 * Defines an operation: the spec (documented as it is enforced) and its
 * route handler. A read-only token is refused every write before the body
 * is read; every write that succeeds is audited ("api.write").
 */
export function defineOperation<P extends z.ZodType = z.ZodUndefined, Q extends z.ZodType = z.ZodUndefined, B extends z.ZodType = z.ZodUndefined>(
  spec: OperationSpec<P, Q, B>,
  run: (call: Call<z.output<P>, z.output<Q>, z.output<B>>) => Promise<Response>,
): Operation {
  const handle = async (request: Request, context?: { params?: Promise<Record<string, string | string[]>> }): Promise<Response> => {
    try {
      const actor = await bearerActor(request);
      if (spec.access === "write" && actor.apiToken?.scope !== "write") {
        throw new ApiError("FORBIDDEN", "This token is read-only: create a token with Read and write to make changes.");
      }
      const params = parsePart(spec.params, (await context?.params) ?? {}, "NOT_FOUND", "path");
      const query = parsePart(spec.query, queryObject(new URL(request.url)), "BAD_REQUEST", "query");
      const body = spec.body ? parsePart(spec.body, await readJsonBody(request), "VALIDATION", "body") : undefined;
      const response = await run({ actor, params, query, body: body as z.output<B>, request });
      if (spec.access === "write" && response.status < 400) {
        await audit({
          organizationId: actor.organizationId,
          actorId: actor.id,
          action: "api.write",
          entityType: "api_token",
          entityId: actor.apiToken?.id,
          data: { operation: spec.operationId, method: spec.method, path: new URL(request.url).pathname, status: response.status },
          ...requestMeta(request.headers),
        });
      }
      return response;
    } catch (e) {
      return errorResponseFor(e, spec.operationId);
    }
  };
  return { spec: spec as unknown as OperationSpec<z.ZodType, z.ZodType, z.ZodType>, handle };
}

/** A route file's exports: each operation under its method (`export const { GET, POST } = routes(list, create)`). */
export function routes(...ops: Operation[]): Partial<Record<Method, Operation["handle"]>> {
  const out: Partial<Record<Method, Operation["handle"]>> = {};
  for (const op of ops) {
    if (out[op.spec.method]) throw new Error(`Two operations for ${op.spec.method} ${op.spec.path}`);
    out[op.spec.method] = op.handle;
  }
  return out;
}
