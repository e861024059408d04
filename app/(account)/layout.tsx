import { AppShell } from "@/components/layout/app-shell";
import { organizationName, organizationTimeZone, pageActor } from "@/lib/auth/guards";

// Pages about the signed-in user themselves, for staff and requesters alike.
export default async function AccountLayout({ children }: { children: React.ReactNode }) {
  const actor = await pageActor();
  return (
    <AppShell actor={actor} orgName={await organizationName(actor)} timeZone={await organizationTimeZone(actor)}>
      {children}
    </AppShell>
  );
}
