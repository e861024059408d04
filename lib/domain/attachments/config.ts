import path from "node:path";
import { env } from "@/lib/env";
import type { UploadType } from "./types";
import type { OrganizationSettings } from "@/lib/validation/organization-settings";

/** Where files live and what is accepted: the environment's values, narrowed by the organization's settings (withOrganizationLimits). */
export interface UploadConfig {
  /** Absolute; files are DATA_DIR/uploads/<first 2 hex>/<sha256>, temporary ones DATA_DIR/uploads/tmp. */
  dataDir: string;
  maxBytes: number;
  allowedTypes: readonly UploadType[];
}

export function uploadConfig(): UploadConfig {
  const e = env();
  return { dataDir: path.resolve(e.DATA_DIR), maxBytes: e.UPLOAD_MAX_BYTES, allowedTypes: e.UPLOAD_ALLOWED_TYPES };
}

/**
 * The organization's limits (/admin/settings) within the installation's: the
 * environment is the default and the ceiling, so an organization can only
 * accept less — a smaller size, fewer types.
 */
export function withOrganizationLimits(base: UploadConfig, settings: Pick<OrganizationSettings, "attachmentMaxBytes" | "allowedFileTypes">): UploadConfig {
  const maxBytes = Math.min(settings.attachmentMaxBytes ?? base.maxBytes, base.maxBytes);
  const chosen = settings.allowedFileTypes;
  const allowed = chosen ? base.allowedTypes.filter((t) => chosen.includes(t)) : base.allowedTypes;
  // Nothing left (the installation dropped every type the organization chose): the installation's list.
  return { ...base, maxBytes, allowedTypes: allowed.length ? allowed : base.allowedTypes };
}

/** What the browser needs to check before sending (the server checks again). */
export function uploadLimits(config: UploadConfig = uploadConfig()) {
  return { maxBytes: config.maxBytes, allowedTypes: [...config.allowedTypes] };
}
export type UploadLimits = ReturnType<typeof uploadLimits>;
