import type { Metadata } from "next";
import { pageActor } from "@/lib/auth/guards";
import { isStaff } from "@/lib/auth/permissions";
import { DEFAULT_CHANNEL, EVENTS, eventsFor } from "@/lib/domain/notifications/events";
import { getNotificationPreferences } from "@/lib/domain/notifications/preferences";
import { PageHeader } from "@/components/layout/app-shell";
import { PreferencesForm, type PreferenceRow } from "@/components/notifications/preferences-form";

export const metadata: Metadata = { title: "Notification settings" };

export default async function NotificationSettingsPage() {
  const actor = await pageActor();
  const prefs = await getNotificationPreferences(actor);
  const rows: PreferenceRow[] = eventsFor(isStaff(actor)).map((event) => ({
    event,
    label: EVENTS[event].label,
    description: EVENTS[event].description,
    channel: prefs[event] ?? DEFAULT_CHANNEL,
  }));
  return (
    <div className="mx-auto max-w-3xl">
      <PageHeader title="Notification settings" description={`How we tell you about tickets: in the app (the bell), by e-mail to ${actor.email}, both, or not at all.`} />
      <PreferencesForm rows={rows} />
    </div>
  );
}
