import "server-only";
import { z } from "zod";
import type { Actor } from "@/lib/auth/actor";
import { audit, requestMeta } from "@/lib/audit";
import { authenticateApiToken } from "@/lib/domain/api-tokens/tokens";
import { claimKey, completeKey, KEY_PATTERN, releaseKey, requestHash } from "./idempotency";
import { hit, rateHeaders, rateLimits, type RateLimits } from "./rate-limit";
import { isAppError, zodFieldErrors, type AppErrorCode, type FieldErrors } from "@/lib/errors";

// The REST API's one wrapper (issue 15), the twin of defineAction and
// defineRoute: a bearer token → the caller's Actor (never a cookie, so no
// CSRF), the path, query and body parsed by the operation's zod schemas,
// the handler — which calls the same domain functions as the pages — and
// every refusal in one shape, `{ error: { code, message, fields? } }`.
// The operation's schemas are also its OpenAPI document (openapi.ts).

/** The API's codes: the domain's, and what only HTTP can get wrong. */
export type ApiErrorCode = AppErrorCode | "BAD_REQUEST" | "METHOD_NOT_ALLOWED" | "RATE_LIMITED" | "LENGTH_REQUIRED" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE";

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
  METHOD_NOT_ALLOWED: 405,
  LENGTH_REQUIRED: 411,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
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
  /** The body is multipart/form-data with one field "file" (read by the handler). */
  upload?: boolean;
  /** The 200 answer is the file's bytes, not JSON. */
  binary?: boolean;
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

/**
 * The caller of a request: a bearer token's user, or a 401 (no cookie is
 * ever read here). Failed authentications count against the IP: past the
 * limit they are answered 429, which slows down guessing.
 */
export async function bearerActor(request: Request, limits: RateLimits = rateLimits()): Promise<Actor> {
  const header = request.headers.get("authorization");
  const challenge = { "WWW-Authenticate": 'Bearer realm="api"' };
  const match = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
  const meta = requestMeta(request.headers);
  const actor = match ? await authenticateApiToken(match[1]!, { meta }) : null;
  if (actor) return actor;
  const state = await hit(`ip:${meta.ip ?? "unknown"}`, limits.perIp);
  if (state.exceeded) throw new ApiError("RATE_LIMITED", `Too many failed attempts from this address. Try again in ${state.reset} s.`, undefined, rateHeaders(state));
  if (!header) throw new ApiError("UNAUTHENTICATED", "Send a personal access token: Authorization: Bearer <token> (create one on /settings/tokens).", undefined, challenge);
  throw new ApiError("UNAUTHENTICATED", "This token is not valid: it may be mistyped, expired or revoked, or its user deactivated.", undefined, { "WWW-Authenticate": 'Bearer realm="api", error="invalid_token"' });
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

async function readBodyText(request: Request): Promise<string> {
  const type = request.headers.get("content-type") ?? "";
  if (!/^application\/(?:[\w.+-]+\+)?json\b/i.test(type)) throw new ApiError("BAD_REQUEST", "Send the body as JSON (Content-Type: application/json).");
  const text = await request.text();
  if (text.length > BODY_LIMIT_BYTES) throw new ApiError("BAD_REQUEST", "The body is larger than 1 MB.");
  return text;
}

function parseJson(text: string): unknown {
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
    let limitHeaders: Record<string, string> = {};
    let idem: { userId: string; key: string } | null = null;
    try {
      const limits = rateLimits();
      const actor = await bearerActor(request, limits);
      const state = await hit(`token:${actor.apiToken!.id}`, limits.perToken);
      limitHeaders = rateHeaders(state);
      if (state.exceeded) throw new ApiError("RATE_LIMITED", `This token made more than ${state.limit} requests this minute. Try again in ${state.reset} s.`, undefined, limitHeaders);
      if (spec.access === "write" && actor.apiToken?.scope !== "write") {
        throw new ApiError("FORBIDDEN", "This token is read-only: create a token with Read and write to make changes.");
      }
      const params = parsePart(spec.params, (await context?.params) ?? {}, "NOT_FOUND", "path");
      const query = parsePart(spec.query, queryObject(new URL(request.url)), "BAD_REQUEST", "query");
      const text = spec.body ? await readBodyText(request) : "";

      const key = spec.idempotent ? request.headers.get("idempotency-key") : null;
      if (key !== null) {
        if (!KEY_PATTERN.test(key)) throw new ApiError("BAD_REQUEST", "An Idempotency-Key is 1 to 200 visible ASCII characters.", { "Idempotency-Key": ["1 to 200 visible ASCII characters"] });
        const claim = await claimKey(actor.id, key, requestHash(spec.method, new URL(request.url).pathname, text));
        if (claim.kind === "other_request") throw new ApiError("VALIDATION", "This Idempotency-Key was used for another request. Use a new key for a new request.", { "Idempotency-Key": ["Used for another request"] });
        if (claim.kind === "in_progress") throw new ApiError("CONFLICT", "The first request with this Idempotency-Key is still running. Retry in a moment.");
        if (claim.kind === "replay") {
          return new Response(claim.body || null, {
            status: claim.status,
            headers: { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store", "Idempotent-Replayed": "true", ...(claim.location ? { Location: claim.location } : {}), ...limitHeaders },
          });
        }
        idem = { userId: actor.id, key };
      }

      const body = spec.body ? parsePart(spec.body, parseJson(text), "VALIDATION", "body") : undefined;
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
      return await finish(response, idem, limitHeaders);
    } catch (e) {
      const response = errorResponseFor(e, spec.operationId);
      for (const [k, v] of Object.entries(limitHeaders)) if (!response.headers.has(k)) response.headers.set(k, v);
      return finish(response, idem, {});
    }
  };
  return { spec: spec as unknown as OperationSpec<z.ZodType, z.ZodType, z.ZodType>, handle };
}

/**
 * The answer, with the rate headers; for a POST sent with an Idempotency-Key
 * the answer is kept for its retries — unless the server failed (5xx), which
 * frees the key for a retry instead.
 */
async function finish(response: Response, idem: { userId: string; key: string } | null, headers: Record<string, string>): Promise<Response> {
  for (const [k, v] of Object.entries(headers)) response.headers.set(k, v);
  if (!idem) return response;
  if (response.status >= 500) {
    await releaseKey(idem.userId, idem.key).catch((e) => console.error("[api] could not release an idempotency key", e));
    return response;
  }
  const body = await response.clone().text();
  await completeKey(idem.userId, idem.key, { status: response.status, body, location: response.headers.get("location") });
  return response;
}

