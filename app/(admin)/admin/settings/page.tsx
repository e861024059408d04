import type { Metadata } from "next";
import { adminPageActor } from "@/lib/auth/guards";
import { loadOrganizationProfile } from "@/lib/domain/organization/settings";
import { installationUploadLimits } from "@/lib/domain/organization/update-settings";
import { formatBytes } from "@/lib/domain/attachments/types";
import { withOrganizationLimits } from "@/lib/domain/attachments/config";
import { bytesToMb, timeZones } from "@/lib/validation/organization-settings";
import { PageHeader } from "@/components/layout/app-shell";
import { SettingsForm } from "@/components/admin/settings/settings-form";
import { portalSignUpUrl } from "@/lib/domain/registration/portal-sign-up";

export const metadata: Metadata = { title: "Settings" };

/** The organization's settings (the admin layout answers 404 without org.manage). */
export default async function SettingsPage() {
  const actor = await adminPageActor();
  // Read fresh, not the request's cached copy: the compare-and-set token must be the row's.
  const org = await loadOrganizationProfile(actor.organizationId);
  const installation = installationUploadLimits();
  const effective = withOrganizationLimits({ dataDir: "", maxBytes: installation.maxBytes, allowedTypes: installation.allowedTypes }, org.settings);
  const zones = timeZones();
  return (
    <>
      <PageHeader title="Settings" description="How your organization works: its name, time zone, defaults for new tickets, who may sign up and what may be attached." />
      <div className="max-w-2xl">
        <SettingsForm
          updatedAt={org.updatedAt.toISOString()}
          timeZones={zones.includes(org.settings.timeZone) ? zones : [org.settings.timeZone, ...zones]}
          signUpUrl={portalSignUpUrl(org.slug)}
          installation={{ maxLabel: formatBytes(installation.maxBytes), types: [...installation.allowedTypes] }}
          initial={{
            name: org.name,
            timeZone: org.settings.timeZone,
            defaultPriority: org.settings.defaultPriority,
            requestersMayCreateTags: org.settings.requestersMayCreateTags,
            requestersMayRegister: org.settings.requestersMayRegister,
            attachmentMaxMb: String(bytesToMb(effective.maxBytes)),
            allowedFileTypes: [...effective.allowedTypes],
          }}
        />
      </div>
    </>
  );
}
