import path from "node:path";
import { env } from "@/lib/env";
import type { UploadType } from "./types";

/** Where files live and what is accepted; from the environment (a per-organization screen may override it later). */
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

/** What the browser needs to check before sending (the server checks again). */
export function uploadLimits(config: UploadConfig = uploadConfig()) {
  return { maxBytes: config.maxBytes, allowedTypes: [...config.allowedTypes] };
}
export type UploadLimits = ReturnType<typeof uploadLimits>;
