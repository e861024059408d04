import type { Metadata } from "next";
import { staffPageActor } from "@/lib/auth/guards";
import { listCannedResponses } from "@/lib/domain/canned-responses/list";
import { cannedResponseSearchSchema, CANNED_LIST_LIMIT } from "@/lib/validation/canned-responses";
import { inputClass } from "@/components/ui/field";
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
export default async function CannedResponsesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await staffPageActor();
  // Each section shows at most CANNED_LIST_LIMIT responses; ?q= finds the others. A malformed q shows them unfiltered.
  const raw = (await searchParams).q;
  const parsed = cannedResponseSearchSchema.safeParse({ q: typeof raw === "string" ? raw : undefined });
  const list = await listCannedResponses(actor, { q: parsed.success ? parsed.data.q : "" });
  const capped = (more: boolean) => (more ? ` Showing the first ${CANNED_LIST_LIMIT} by title: search to find the others.` : "");
  const rows = (items: typeof list.organization) => items.map((r) => ({ id: r.id, title: r.title, body: r.body, personal: r.ownerId !== null }));
  return (
    <>
      <PageHeader title="Canned responses" description="Reusable replies for the reply box's “Insert response” picker. Placeholders are filled for the ticket you reply to." />
      <div className="grid items-start gap-6 lg:grid-cols-[1fr_24rem]">
        <div className="space-y-6">
          <form role="search" action="/settings/canned-responses" className="flex flex-wrap items-center gap-2">
            <label htmlFor="canned-search" className="sr-only">
              Search canned responses
            </label>
            <input id="canned-search" name="q" type="search" defaultValue={list.q} placeholder="Search titles and text…" className={`${inputClass} max-w-md`} />
            <button type="submit" className="rounded-md px-3 py-2 text-sm font-medium text-slate-700 ring-1 ring-slate-300 ring-inset hover:bg-slate-50 max-md:min-h-11">
              Search
            </button>
            {list.q ? (
              <a href="/settings/canned-responses" className="text-sm text-brand-700 hover:underline">
                Show all
              </a>
            ) : null}
          </form>
          <Card
            id="org-responses"
            title="Organization-wide"
            description={(list.canManageOrganization ? "Everyone on the desk can use these; you can manage them." : "Everyone on the desk can use these; organization admins manage them.") + capped(list.more.organization)}
          >
            <CannedResponseList label="Organization-wide responses" rows={rows(list.organization)} editable={list.canManageOrganization} canManageOrganization={list.canManageOrganization} empty={list.q ? "No organization-wide response matches." : "No organization-wide responses yet."} />
          </Card>
          <Card id="personal-responses" title="Personal" description={"Only you see these." + capped(list.more.personal)}>
            <CannedResponseList label="Personal responses" rows={rows(list.personal)} editable canManageOrganization={list.canManageOrganization} empty={list.q ? "No personal response matches." : "You have no personal responses yet."} />
          </Card>
        </div>
        <Card id="new-response" title="New response">
          <CannedResponseForm initial={{ title: "", body: "", scope: "personal" }} canManageOrganization={list.canManageOrganization} />
        </Card>
      </div>
    </>
  );
}
