import type { Metadata } from "next";
import Link from "next/link";
import { adminPageActor } from "@/lib/auth/guards";
import { listProjectsForAdmin } from "@/lib/domain/projects/admin-queries";
import { COUNT_CAP, NUMBERING_LABELS, WORKFLOW_LABELS } from "@/lib/validation/projects";
import { PageHeader } from "@/components/layout/app-shell";
import { NewProjectForm } from "@/components/admin/projects/new-project-form";
import { cappedCount, Pager } from "@/components/admin/pager";
import { AdminTable, type AdminColumn } from "@/components/admin/admin-table";
import { ListSearch } from "@/components/admin/list-search";
import { MutedBadge } from "@/components/ui/badges";

export const metadata: Metadata = { title: "Projects" };

const PROJECT_COLUMNS: AdminColumn[] = [
  { label: "Key" },
  { label: "Name" },
  { label: "Workflow" },
  { label: "Numbering" },
  { label: "Lead" },
  { label: "Members", align: "right" },
  { label: "Tickets", align: "right" },
  { label: "State" },
];

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
      <div className="mb-4">
        <ListSearch action="/admin/projects" id="project-search" label="Search projects" placeholder="Key or name…" q={list.q} />
      </div>
      <AdminTable caption="Projects" columns={PROJECT_COLUMNS} empty={list.q ? "No project matches." : "No projects yet."}>
        {list.rows.map((p) => (
          <tr key={p.id} className={p.archived ? "text-slate-500" : undefined}>
            <td className="px-4 py-2.5 font-mono whitespace-nowrap">
              <Link href={`/admin/projects/${p.key}`} className="font-medium text-brand-700 hover:underline max-md:inline-flex max-md:min-h-11 max-md:min-w-11 max-md:items-center">
                {p.key}
              </Link>
            </td>
            <td className="px-4 py-2.5">{p.name}</td>
            <td className="px-4 py-2.5 whitespace-nowrap">{WORKFLOW_LABELS[p.workflow]}</td>
            <td className="px-4 py-2.5 font-mono text-xs whitespace-nowrap">{NUMBERING_LABELS[p.numbering]}</td>
            <td className="px-4 py-2.5 whitespace-nowrap">{p.leadName ?? <span className="text-slate-500">None</span>}</td>
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
      </AdminTable>
      <Pager base="/admin/projects" params={{ q: list.q }} page={list.page} hasNext={list.hasNext} label="Projects pages" />
    </>
  );
}
