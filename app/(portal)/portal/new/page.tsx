import type { Metadata } from "next";
import { db } from "@/lib/db";
import { pageActor } from "@/lib/auth/guards";
import { mayCreateTicket, projectScope } from "@/lib/domain/tickets/policy";
import { PageHeader } from "@/components/layout/app-shell";
import { NewRequestForm } from "@/components/portal/new-request-form";
import { organizationSettings } from "@/lib/domain/organization/settings";
import { organizationUploadLimits } from "@/lib/domain/attachments/organization-limits";
import { mayWriteInThread } from "@/lib/domain/tickets/policy";

export const metadata: Metadata = { title: "New request" };

const REQUEST_TYPE_LABELS = { support: "Support request", change: "Change request" } as const;

export default async function NewRequestPage() {
  const actor = await pageActor();
  // Which request types the actor may open: one row per kind at most (an organization-wide
  // requester's scope is every project, so the projects themselves are not read).
  const kinds = mayCreateTicket(actor)
    ? await Promise.all((["support", "change"] as const).map((workflow) => db.project.findFirst({ where: { ...projectScope(actor), workflow }, select: { workflow: true } })))
    : [];
  const projects = kinds.filter((p) => p !== null);
  const requestTypes = projects.map((p) => ({ value: p.workflow, label: REQUEST_TYPE_LABELS[p.workflow as keyof typeof REQUEST_TYPE_LABELS] }));
  return (
    <div className="mx-auto max-w-2xl">
      <PageHeader title="New request" description="Tell us what you need. You can follow the answer on your requests page." />
      {requestTypes.length ? (
        <NewRequestForm
          requestTypes={requestTypes}
          defaultPriority={(await organizationSettings(actor.organizationId)).defaultPriority}
          // Files go to the created ticket through POST /api/uploads, which asks the same of the actor.
          uploadLimits={mayWriteInThread(actor) ? await organizationUploadLimits(actor.organizationId) : null}
        />
      ) : (
        <p className="rounded-lg bg-white p-6 text-sm text-slate-600 ring-1 ring-slate-200">You cannot open requests in any project yet. Ask your administrator to add you to one.</p>
      )}
    </div>
  );
}
