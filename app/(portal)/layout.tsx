import { AppShell } from "@/components/layout/app-shell";
import { organizationName, organizationTimeZone, pageActor } from "@/lib/auth/guards";

export default async function PortalLayout({ children }: { children: React.ReactNode }) {
  const actor = await pageActor();
  return (
    <AppShell actor={actor} orgName={await organizationName(actor)} timeZone={await organizationTimeZone(actor)}>
      {children}
    </AppShell>
  );
}
