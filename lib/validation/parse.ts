import type { z } from "zod";
import { invalid, INVALID_FORM, zodFieldErrors } from "@/lib/errors";

/** Domain functions validate their own input (the API and tests call them directly). */
export function parseInput<S extends z.ZodType>(schema: S, raw: unknown): z.output<S> {
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw invalid(INVALID_FORM, zodFieldErrors(parsed.error));
  return parsed.data;
}
