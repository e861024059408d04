import type { z } from "zod";
import type { Actor } from "@/lib/auth/actor";
import { isAppError, zodFieldErrors, INVALID_FORM, type AppErrorCode, type FieldErrors } from "@/lib/errors";

export type ActionResult<T> =
  | { ok: true; data: T }
  | { ok: false; code: AppErrorCode | "INTERNAL"; message: string; fieldErrors?: FieldErrors };

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
      if (isAppError(e)) return { ok: false, code: e.code, message: e.message, fieldErrors: e.fieldErrors };
      console.error("[action] unexpected error", e);
      return { ok: false, code: "INTERNAL", message: "Something went wrong. Please try again." };
    }
  };
}
