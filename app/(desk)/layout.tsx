import { AppShell } from "@/components/layout/app-shell";
import { organizationName, staffPageActor } from "@/lib/auth/guards";

export default async function DeskLayout({ children }: { children: React.ReactNode }) {
  const actor = await staffPageActor();
  return (
    <AppShell actor={actor} orgName={await organizationName(actor)}>
      {children}
    </AppShell>
  );
}
