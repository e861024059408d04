import "server-only";
import { organizationSettings } from "@/lib/domain/organization/settings";
import { uploadConfig, uploadLimits, withOrganizationLimits, type UploadConfig, type UploadLimits } from "./config";

/** The upload rules for one organization: its settings within the installation's (base). */
export async function organizationUploadConfig(organizationId: string, base: UploadConfig = uploadConfig()): Promise<UploadConfig> {
  return withOrganizationLimits(base, await organizationSettings(organizationId));
}

/** The same as the browser's pre-check and hint text need them. */
export async function organizationUploadLimits(organizationId: string): Promise<UploadLimits> {
  return uploadLimits(await organizationUploadConfig(organizationId));
}
