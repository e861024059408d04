export type AppErrorCode = "NOT_FOUND" | "FORBIDDEN" | "INVALID_TRANSITION" | "CONFLICT" | "VALIDATION" | "UNAUTHENTICATED";

export type FieldErrors = Record<string, string[]>;

/** A failure the user can be told about; anything else is a bug. */
export class AppError extends Error {
  constructor(
    readonly code: AppErrorCode,
    message: string,
    readonly fieldErrors?: FieldErrors,
  ) {
    super(message);
    this.name = "AppError";
  }
}

export const notFound = (what = "Ticket") => new AppError("NOT_FOUND", `${what} not found`);
export const forbidden = (message = "You do not have permission to do that") => new AppError("FORBIDDEN", message);
export const conflict = (message = "Someone else changed this first. The latest version has been loaded.") =>
  new AppError("CONFLICT", message);
export const invalid = (message: string, fieldErrors?: FieldErrors) => new AppError("VALIDATION", message, fieldErrors);

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}

/** A zod failure as field messages keyed by the top-level field. */
export function zodFieldErrors(error: { issues: readonly { path: readonly PropertyKey[]; message: string; code?: string; keys?: readonly string[] }[] }): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    if (issue.code === "unrecognized_keys" && issue.keys) {
      // On the key itself, below its object ("capacities.bogus" for an unknown key of a nested object or record).
      for (const k of issue.keys) (out[[...issue.path.map(String), k].join(".")] ??= []).push("This field cannot be set here");
      continue;
    }
    // "title", or "items.1.quantity" for a field inside a list.
    const key = issue.path.length ? issue.path.map(String).join(".") : "form";
    (out[key] ??= []).push(issue.message);
  }
  return out;
}

export const INVALID_FORM = "Please correct the highlighted fields.";
