import "server-only";
import type { NextRequest } from "next/server";
import { getActor, type Actor } from "@/lib/auth/actor";
import { isStaff } from "@/lib/auth/permissions";
import { AppError, isAppError, type AppErrorCode } from "@/lib/errors";

/**
 * The one map from a domain refusal to an HTTP status. A Record over the code
 * union: a new AppErrorCode does not compile until it has its status here.
 * FORBIDDEN is 403 (the actor sees the thing but may not do this); anything
 * outside the actor's scope is NOT_FOUND, never FORBIDDEN (no existence oracle).
 */
export const HTTP_STATUS: Record<AppErrorCode, number> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  INVALID_TRANSITION: 409,
  VALIDATION: 400,
};

export const jsonResponse = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store", ...headers } });

/**
 * A refusal as JSON `{ ok: false, code, message, fieldErrors? }` with its status;
 * anything else is logged and answered 500 without details. For a validation
 * failure the message is the first field's own sentence ("Text cannot contain
 * a NUL character" says more than "correct the highlighted fields").
 */
export function errorResponse(e: unknown, where: string, internalMessage = "Something went wrong. Please try again."): Response {
  if (isAppError(e)) {
    const first = e.code === "VALIDATION" ? Object.values(e.fieldErrors ?? {}).flat()[0] : undefined;
    return jsonResponse(HTTP_STATUS[e.code], { ok: false, code: e.code, message: first ?? e.message, ...(e.fieldErrors ? { fieldErrors: e.fieldErrors } : {}) });
  }
  console.error(`[${where}] failed`, e);
  return jsonResponse(500, { ok: false, code: "INTERNAL", message: internalMessage });
}

interface RouteOptions {
  /** Shown when signed out. */
  signedOut: string;
  /** Staff-only surfaces are not found for everyone else (like the desk's pages). */
  staffOnly?: boolean;
}

/**
 * The route handlers' twin of defineAction: session → the handler, which calls
 * domain functions → a Response; a thrown AppError becomes its status through
 * HTTP_STATUS, anything else a logged 500. Handlers never catch to map codes.
 */
export function defineRoute<P = Record<string, never>>(
  where: string,
  opts: RouteOptions,
  run: (request: NextRequest, actor: Actor, params: P) => Promise<Response>,
) {
  return async (request: NextRequest, context?: { params?: Promise<P> }): Promise<Response> => {
    try {
      const actor = await getActor();
      if (!actor) throw new AppError("UNAUTHENTICATED", opts.signedOut);
      if (opts.staffOnly && !isStaff(actor)) throw new AppError("NOT_FOUND", "Not found");
      return await run(request, actor, (await context?.params) as P);
    } catch (e) {
      return errorResponse(e, where);
    }
  };
}
