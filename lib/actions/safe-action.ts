import type { z } from "zod";
import type { Actor } from "@/lib/auth/actor";
import { isAppError, zodFieldErrors, INVALID_FORM, type AppErrorCode, type FieldErrors } from "@/lib/errors";

export type ActionResult<T> =
  | { ok: true; data: T }
  | { ok: false; code: AppErrorCode | "INTERNAL"; message: string; fieldErrors?: FieldErrors };

/** A domain refusal as a result; anything unexpected is logged and reported without details. */
function failure(e: unknown): ActionResult<never> {
  if (isAppError(e)) return { ok: false, code: e.code, message: e.message, fieldErrors: e.fieldErrors };
  console.error("[action] unexpected error", e);
  return { ok: false, code: "INTERNAL", message: "Something went wrong. Please try again." };
}

/**
 * The one path of every server action: session → zod → domain function →
 * typed result. Never throws to the client: a malformed request, a missing
 * session or a domain refusal all come back as a result, and anything
 * unexpected is logged and reported without details.
 */
export function defineAction<S extends z.ZodType, T>(
  resolveActor: () => Promise<Actor | null>,
  schema: S,
  run: (actor: Actor, input: z.output<S>) => Promise<T>,
) {
  return async (input: unknown): Promise<ActionResult<T>> => {
    try {
      const actor = await resolveActor();
      if (!actor) return { ok: false, code: "UNAUTHENTICATED", message: "Your session has ended. Please sign in again." };
      const parsed = schema.safeParse(input);
      if (!parsed.success) return { ok: false, code: "VALIDATION", message: INVALID_FORM, fieldErrors: zodFieldErrors(parsed.error) };
      return { ok: true, data: await run(actor, parsed.data) };
    } catch (e) {
      return failure(e);
    }
  };
}

/**
 * The same path for the few actions a signed-out visitor may call ("Forgot
 * password?", the password of an invite or reset link): no session, so the
 * domain function must decide everything from its input (a one-time token,
 * rate limits) — zod → domain function → typed result.
 */
export function definePublicAction<S extends z.ZodType, T>(schema: S, run: (input: z.output<S>) => Promise<T>) {
  return async (input: unknown): Promise<ActionResult<T>> => {
    try {
      const parsed = schema.safeParse(input);
      if (!parsed.success) return { ok: false, code: "VALIDATION", message: INVALID_FORM, fieldErrors: zodFieldErrors(parsed.error) };
      return { ok: true, data: await run(parsed.data) };
    } catch (e) {
      return failure(e);
    }
  };
}
