import { AppShell } from "@/components/layout/app-shell";
import { organizationName, pageActor } from "@/lib/auth/guards";

export default async function PortalLayout({ children }: { children: React.ReactNode }) {
  const actor = await pageActor();
  return (
    <AppShell actor={actor} orgName={await organizationName(actor)}>
      {children}
    </AppShell>
  );
}
