import { z } from "zod";
import { UPLOAD_TYPES, type UploadType } from "@/lib/domain/attachments/types";
import type { Priority } from "@/lib/generated/prisma/enums";
import { prioritySchema } from "./ticket";
import { isIsoTimestamp, text } from "./text";

// Organization.settings (jsonb): what an admin sets on /admin/settings. Read
// field by field: a missing, unknown or invalid stored value falls back to its
// default, so a bad row never breaks a page. Unknown keys are kept on write.

/** The IANA time zones this runtime knows, plus UTC (not in Intl's list). */
export function timeZones(): string[] {
  return ["UTC", ...Intl.supportedValuesOf("timeZone").filter((z) => z !== "UTC")];
}
let known: Set<string> | undefined;
export function isTimeZone(value: string): boolean {
  known ??= new Set(timeZones());
  return known.has(value);
}

export interface OrganizationSettings {
  /** Dates are shown to people in this zone unless they chose their own. */
  timeZone: string;
  /** Preselected on new requests, and given to tickets created without one (subtasks). */
  defaultPriority: Priority;
  /** Whether people who are not staff may create a new tag while tagging; staff always may. */
  requestersMayCreateTags: boolean;
  /** Whether anyone may create a requester account on the organization's sign-up page, /register/[slug] (confirmed by e-mail). */
  requestersMayRegister: boolean;
  /** Largest upload in bytes; null: the installation's UPLOAD_MAX_BYTES (also the ceiling). */
  attachmentMaxBytes: number | null;
  /** Allowed upload types; null: the installation's UPLOAD_ALLOWED_TYPES (also the ceiling). */
  allowedFileTypes: UploadType[] | null;
}

export const DEFAULT_ORGANIZATION_SETTINGS: OrganizationSettings = {
  timeZone: "UTC",
  defaultPriority: "normal",
  requestersMayCreateTags: false,
  requestersMayRegister: false,
  attachmentMaxBytes: null,
  allowedFileTypes: null,
};

const D = DEFAULT_ORGANIZATION_SETTINGS;
const storedSchema = z.object({
  timeZone: text().refine(isTimeZone).catch(D.timeZone),
  defaultPriority: prioritySchema.catch(D.defaultPriority),
  requestersMayCreateTags: z.boolean().catch(D.requestersMayCreateTags),
  requestersMayRegister: z.boolean().catch(D.requestersMayRegister),
  attachmentMaxBytes: z.number().int().min(1).max(2 ** 31 - 1).nullable().catch(D.attachmentMaxBytes),
  allowedFileTypes: z
    .array(z.enum(UPLOAD_TYPES))
    .min(1)
    .transform((v) => [...new Set(v)])
    .nullable()
    .catch(D.allowedFileTypes),
});

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** The stored JSON as settings: each field its stored value when valid, else its default. Never throws. */
export function readOrganizationSettings(stored: unknown): OrganizationSettings {
  const parsed = storedSchema.safeParse(isObject(stored) ? stored : {});
  return parsed.success ? parsed.data : { ...D };
}

/** The stored JSON with these settings written in, other keys (later features') kept. */
export function mergeOrganizationSettings(stored: unknown, settings: OrganizationSettings): Record<string, unknown> {
  return { ...(isObject(stored) ? stored : {}), ...settings };
}

export const ORGANIZATION_NAME_MAX = 100;
/** The largest limit a form may ask for, in MB (the installation's ceiling is checked on the server). */
export const ATTACHMENT_MB_MAX = 2047;

/** /admin/settings' form; the size is in MB as people type it. */
export const updateOrganizationSettingsSchema = z
  .object({
    name: text({ error: "Organization name is required" })
      .trim()
      .min(1, "Organization name is required")
      .max(ORGANIZATION_NAME_MAX, `Organization name must be at most ${ORGANIZATION_NAME_MAX} characters`),
    timeZone: text({ error: "Choose a time zone" }).refine(isTimeZone, "Choose a time zone from the list"),
    defaultPriority: prioritySchema,
    requestersMayCreateTags: z.boolean({ error: "Say whether requesters may create tags" }),
    requestersMayRegister: z.boolean({ error: "Say whether requesters may register" }),
    attachmentMaxMb: z
      .number({ error: "Enter a size in MB, e.g. 10" })
      .min(0.1, "The limit must be at least 0.1 MB")
      .max(ATTACHMENT_MB_MAX, `The limit must be at most ${ATTACHMENT_MB_MAX} MB`),
    allowedFileTypes: z.array(z.enum(UPLOAD_TYPES, { error: "Unknown file type" })).min(1, "Allow at least one file type"),
    /** The organization's updatedAt as the page loaded it: the compare-and-set token. */
    updatedAt: text({ error: "Reload the page and try again" }).refine(isIsoTimestamp, "Reload the page and try again"),
  })
  .strict();
export type UpdateOrganizationSettingsInput = z.input<typeof updateOrganizationSettingsSchema>;

export const MB = 1024 * 1024;
/** MB as typed → bytes stored (rounded to whole bytes). */
export const mbToBytes = (mb: number) => Math.round(mb * MB);
/** Bytes → MB for the form, to one decimal. */
export const bytesToMb = (bytes: number) => Math.round((bytes / MB) * 10) / 10;
