import type { Metadata } from "next";
import Link from "next/link";
import { adminPageActor } from "@/lib/auth/guards";
import { listProjectsForAdmin } from "@/lib/domain/projects/admin-queries";
import { COUNT_CAP, NUMBERING_LABELS, WORKFLOW_LABELS } from "@/lib/validation/projects";
import { PageHeader } from "@/components/layout/app-shell";
import { inputClass } from "@/components/ui/field";
import { NewProjectForm } from "@/components/admin/projects/new-project-form";
import { cappedCount, Pager } from "@/components/admin/pager";
import { MutedBadge } from "@/components/ui/badges";

export const metadata: Metadata = { title: "Projects" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };
const one = (v: string | string[] | undefined) => (typeof v === "string" ? v : undefined);

/** The organization's projects (the layout answers 404 without org.manage; the domain checks again). */
export default async function ProjectsAdminPage({ searchParams }: Props) {
  const actor = await adminPageActor();
  const sp = await searchParams;
  const list = await listProjectsForAdmin(actor, { q: one(sp.q), page: one(sp.page) });
  return (
    <>
      <PageHeader title="Projects" description="Each project has a key that starts its ticket numbers, a workflow and its members. Archived projects take no new requests but keep their tickets." />
      <div className="mb-6">
        <NewProjectForm />
      </div>
      <form role="search" action="/admin/projects" className="mb-4 flex flex-wrap items-center gap-2">
        <label htmlFor="project-search" className="sr-only">
          Search projects
        </label>
        <input id="project-search" name="q" type="search" defaultValue={list.q} placeholder="Key or name…" className={`${inputClass} max-w-xs`} />
        <button type="submit" className="rounded-md px-3 py-2 text-sm font-medium text-slate-700 ring-1 ring-slate-300 ring-inset hover:bg-slate-50">
          Search
        </button>
        {list.q ? (
          <Link href="/admin/projects" className="text-sm text-brand-700 hover:underline">
            Show all
          </Link>
        ) : null}
      </form>
      {list.rows.length === 0 ? (
        <p className="rounded-lg bg-white p-6 text-sm text-slate-600 ring-1 ring-slate-200">{list.q ? "No project matches." : "No projects yet."}</p>
      ) : (
        <div className="overflow-x-auto rounded-lg bg-white shadow-xs ring-1 ring-slate-200">
          <table className="min-w-full divide-y divide-slate-200 text-sm">
            <caption className="sr-only">Projects</caption>
            <thead className="bg-slate-50 text-left text-xs font-semibold text-slate-600">
              <tr>
                <th scope="col" className="px-4 py-2.5">Key</th>
                <th scope="col" className="px-4 py-2.5">Name</th>
                <th scope="col" className="px-4 py-2.5">Workflow</th>
                <th scope="col" className="px-4 py-2.5">Numbering</th>
                <th scope="col" className="px-4 py-2.5">Lead</th>
                <th scope="col" className="px-4 py-2.5 text-right">Members</th>
                <th scope="col" className="px-4 py-2.5 text-right">Tickets</th>
                <th scope="col" className="px-4 py-2.5">State</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {list.rows.map((p) => (
                <tr key={p.id} className={p.archived ? "text-slate-500" : undefined}>
                  <td className="px-4 py-2.5 font-mono whitespace-nowrap">
                    <Link href={`/admin/projects/${p.key}`} className="font-medium text-brand-700 hover:underline">
                      {p.key}
                    </Link>
                  </td>
                  <td className="px-4 py-2.5">{p.name}</td>
                  <td className="px-4 py-2.5 whitespace-nowrap">{WORKFLOW_LABELS[p.workflow]}</td>
                  <td className="px-4 py-2.5 font-mono text-xs whitespace-nowrap">{NUMBERING_LABELS[p.numbering]}</td>
                  <td className="px-4 py-2.5 whitespace-nowrap">{p.leadName ?? <span className="text-slate-400">None</span>}</td>
                  <td className="px-4 py-2.5 text-right tabular-nums">{cappedCount(p.members, COUNT_CAP)}</td>
                  <td className="px-4 py-2.5 text-right tabular-nums">{cappedCount(p.tickets, COUNT_CAP)}</td>
                  <td className="px-4 py-2.5 whitespace-nowrap">
                    {p.archived ? (
                      <MutedBadge>Archived</MutedBadge>
                    ) : (
                      <span className="text-xs text-slate-600">Active</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager base="/admin/projects" params={{ q: list.q }} page={list.page} hasNext={list.hasNext} label="Projects pages" />
    </>
  );
}
