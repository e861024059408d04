import { z } from "zod";

// The one place that reads process.env. Parsed lazily so that `next build`
// does not need a database or secrets.
const schema = z.object({
  DATABASE_URL: z.string().min(1, "DATABASE_URL is required"),
  NEXTAUTH_SECRET: z.string().min(16).optional(),
  DATA_DIR: z.string().default(".data"),
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  DB_POOL_MAX: z.coerce.number().int().min(1).max(200).default(10),
});

export type Env = z.infer<typeof schema>;

let cached: Env | undefined;
export function env(): Env {
  cached ??= schema.parse(process.env);
  return cached;
}
