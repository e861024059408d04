import type { Metadata } from "next";
import { staffPageActor } from "@/lib/auth/guards";
import { listCannedResponses } from "@/lib/domain/canned-responses/list";
import { PageHeader } from "@/components/layout/app-shell";
import { CannedResponseForm } from "@/components/settings/canned-response-form";
import { CannedResponseList } from "@/components/settings/canned-response-list";

export const metadata: Metadata = { title: "Canned responses" };

function Card({ id, title, description, children }: { id: string; title: string; description?: string; children: React.ReactNode }) {
  return (
    <section aria-labelledby={id} className="rounded-lg bg-white p-5 shadow-xs ring-1 ring-slate-200">
      <h2 id={id} className="text-sm font-semibold text-slate-900">{title}</h2>
      {description ? <p className="mt-1 text-sm text-slate-500">{description}</p> : null}
      <div className="mt-4">{children}</div>
    </section>
  );
}

/** Staff only (the desk layout answers 404 to everyone else). */
export default async function CannedResponsesPage() {
  const actor = await staffPageActor();
  const list = await listCannedResponses(actor);
  const rows = (items: typeof list.organization) => items.map((r) => ({ id: r.id, title: r.title, body: r.body, personal: r.ownerId !== null }));
  return (
    <>
      <PageHeader title="Canned responses" description="Reusable replies for the reply box's “Insert response” picker. Placeholders are filled for the ticket you reply to." />
      <div className="grid items-start gap-6 lg:grid-cols-[1fr_24rem]">
        <div className="space-y-6">
          <Card
            id="org-responses"
            title="Organization-wide"
            description={list.canManageOrganization ? "Everyone on the desk can use these; you can manage them." : "Everyone on the desk can use these; organization admins manage them."}
          >
            <CannedResponseList label="Organization-wide responses" rows={rows(list.organization)} editable={list.canManageOrganization} canManageOrganization={list.canManageOrganization} empty="No organization-wide responses yet." />
          </Card>
          <Card id="personal-responses" title="Personal" description="Only you see these.">
            <CannedResponseList label="Personal responses" rows={rows(list.personal)} editable canManageOrganization={list.canManageOrganization} empty="You have no personal responses yet." />
          </Card>
        </div>
        <Card id="new-response" title="New response">
          <CannedResponseForm initial={{ title: "", body: "", scope: "personal" }} canManageOrganization={list.canManageOrganization} />
        </Card>
      </div>
    </>
  );
}
