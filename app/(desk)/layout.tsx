import { AppShell } from "@/components/layout/app-shell";
import { organizationName, organizationTimeZone, staffPageActor } from "@/lib/auth/guards";

export default async function DeskLayout({ children }: { children: React.ReactNode }) {
  const actor = await staffPageActor();
  return (
    <AppShell actor={actor} orgName={await organizationName(actor)} timeZone={await organizationTimeZone(actor)}>
      {children}
    </AppShell>
  );
}
