import { AppShell } from "@/components/layout/app-shell";
import { AdminNav } from "@/components/admin/admin-nav";
import { adminPageActor, organizationName } from "@/lib/auth/guards";

// Administration of the signed-in admin's own organization. Every page and
// action here checks `org.manage` again on the server; this layout only keeps
// the shell (and answers 404 before anything streams to everyone else).
export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  const actor = await adminPageActor();
  return (
    <AppShell actor={actor} orgName={await organizationName(actor)}>
      <div className="grid gap-6 lg:grid-cols-[12rem_1fr]">
        <aside className="min-w-0 lg:sticky lg:top-20 lg:self-start">
          <p className="mb-2 hidden px-3 text-xs font-semibold tracking-wide text-slate-500 uppercase lg:block">Administration</p>
          <AdminNav />
        </aside>
        <div className="min-w-0">{children}</div>
      </div>
    </AppShell>
  );
}
