import { z } from "zod";
import { UPLOAD_TYPES } from "@/lib/domain/attachments/types";

// The one place that reads process.env. Parsed lazily so that `next build`
// does not need a database or secrets.

// An empty variable reads as unset.
const blankAsUnset = (v: unknown) => (v === "" ? undefined : v);
const optionalUrl = z.preprocess(blankAsUnset, z.string().url().optional());

const schema = z.object({
  DATABASE_URL: z.string().min(1, "DATABASE_URL is required"),
  NEXTAUTH_SECRET: z.string().min(16).optional(),
  DATA_DIR: z.string().default(".data"),
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  DB_POOL_MAX: z.coerce.number().int().min(1).max(200).default(10),
  /** Largest accepted upload, in bytes (default 10 MB). */
  UPLOAD_MAX_BYTES: z.coerce.number().int().min(1).max(2 ** 31 - 1).default(10 * 1024 * 1024),
  /** Allowed upload types by extension, comma-separated (each must be a type the server can check by content). */
  UPLOAD_ALLOWED_TYPES: z
    .string()
    .default("pdf,png,jpg,jpeg,doc,docx,xls,xlsx,txt,csv,log")
    .transform((v) => [...new Set(v.split(",").map((t) => t.trim().toLowerCase().replace(/^\./, "")).filter(Boolean))])
    .pipe(z.array(z.enum(UPLOAD_TYPES, { error: `UPLOAD_ALLOWED_TYPES may list only: ${UPLOAD_TYPES.join(", ")}` })).min(1)),
  // Links in e-mails; NEXTAUTH_URL is the usual source.
  APP_URL: optionalUrl,
  NEXTAUTH_URL: optionalUrl,
  // E-mail (lib/mail). Without SMTP_URL messages are written as .eml files under DATA_DIR/mail.
  SMTP_URL: z.preprocess(blankAsUnset, z.string().optional()),
  SMTP_FROM: z.string().min(3).default("Help desk <helpdesk@localhost>"),
  OUTBOX_WORKER: z.enum(["on", "off"]).default("on"),
  OUTBOX_INTERVAL_MS: z.coerce.number().int().min(1000).default(15_000),
  OUTBOX_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(8),
  OUTBOX_BATCH: z.coerce.number().int().min(1).max(500).default(25),
  /** Whether anyone may create an organization at /register (off: the page is a 404 and /login does not offer it). */
  ALLOW_REGISTRATION: z
    .preprocess(blankAsUnset, z.enum(["true", "false"], { error: "ALLOW_REGISTRATION must be true or false" }).default("false"))
    .transform((v) => v === "true"),
});

export type Env = z.infer<typeof schema>;

/** Parses an environment (tests pass their own). */
export function parseEnv(source: Record<string, string | undefined>): Env {
  return schema.parse(source);
}

let cached: Env | undefined;
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/** The public base URL of the app, for links in e-mails. */
export function appUrl(): string {
  const e = env();
  return e.APP_URL ?? e.NEXTAUTH_URL ?? "http://localhost:3000";
}

/** Whether this installation lets anyone register an organization (/register). */
export function registrationAllowed(e = env()): boolean {
  return e.ALLOW_REGISTRATION;
}

/** Whether the app is told it is served over HTTPS (its public URL is https): HSTS and upgraded requests. */
export function servedOverHttps(): boolean {
  return appUrl().startsWith("https://");
}
