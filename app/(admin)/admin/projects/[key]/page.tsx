import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { adminPageActor } from "@/lib/auth/guards";
import { isAppError } from "@/lib/errors";
import { projectForAdmin } from "@/lib/domain/projects/admin-queries";
import { KEY_LOCKED } from "@/lib/domain/projects/access";
import { COUNT_CAP, NUMBERING_LABELS, WORKFLOW_LABELS } from "@/lib/validation/projects";
import { PageHeader } from "@/components/layout/app-shell";
import { inputClass } from "@/components/ui/field";
import { ArchiveToggle, ProjectEditForm } from "@/components/admin/projects/project-edit-form";
import { AddMemberForm, MembersTable } from "@/components/admin/projects/members-panel";
import { DefaultTeamForm } from "@/components/admin/projects/default-team-form";
import { teamOptions } from "@/lib/domain/teams/options";
import { cappedCount, Pager } from "@/components/admin/pager";

type Props = { params: Promise<{ key: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };
const one = (v: string | string[] | undefined) => (typeof v === "string" ? v : undefined);
const keyOf = (raw: string) => decodeURIComponent(raw).slice(0, 20);

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: `${keyOf((await params).key)} · Projects` };
}

function Card({ id, title, description, children }: { id: string; title: string; description?: React.ReactNode; children: React.ReactNode }) {
  return (
    <section aria-labelledby={id} className="rounded-lg bg-white p-5 shadow-xs ring-1 ring-slate-200">
      <h2 id={id} className="text-sm font-semibold text-slate-900">
        {title}
      </h2>
      {description ? <p className="mt-1 text-sm text-slate-500">{description}</p> : null}
      <div className="mt-4">{children}</div>
    </section>
  );
}

/** One project: its settings, archive state, members; kanban columns are edited on the board. */
export default async function ProjectAdminPage({ params, searchParams }: Props) {
  const actor = await adminPageActor();
  const sp = await searchParams;
  const page = Number(one(sp.page) ?? 1);
  const data = await projectForAdmin(actor, keyOf((await params).key), { q: one(sp.q), page: Number.isFinite(page) ? page : 1 }).catch((e) => {
    if (isAppError(e) && e.code === "NOT_FOUND") notFound();
    throw e;
  });
  const { project } = data;
  const teams = await teamOptions(actor.organizationId, [project.defaultTeamId]);
  const base = `/admin/projects/${project.key}`;
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href="/admin/projects" className="text-brand-700 hover:underline">
          ← Projects
        </Link>
      </p>
      <PageHeader
        title={
          <span className="flex flex-wrap items-baseline gap-2">
            <span className="font-mono text-base text-slate-500">{project.key}</span>
            <span>{project.name}</span>
            {project.archived ? <span className="rounded-full bg-slate-100 px-2 py-0.5 text-xs font-medium text-slate-600 ring-1 ring-slate-200">Archived</span> : null}
          </span>
        }
        description={`${WORKFLOW_LABELS[project.workflow]} workflow · numbered ${NUMBERING_LABELS[project.numbering]}`}
      />
      <div className="grid items-start gap-6 xl:grid-cols-[1fr_20rem]">
        <div className="min-w-0 space-y-6">
          <Card id="project-settings" title="Settings">
            <ProjectEditForm
              project={{ id: project.id, key: project.key, name: project.name, description: project.description, lead: project.lead, archived: project.archived, updatedAt: project.updatedAt.toISOString() }}
              keyLocked={data.keyLocked}
              keyLockedReason={KEY_LOCKED}
            />
          </Card>
          <Card id="project-members" title="Members" description={`${cappedCount(data.membersTotal, COUNT_CAP)} member${data.membersTotal === 1 ? "" : "s"}. Triage members are told about every new ticket in the project.`}>
            <div className="space-y-4">
              <AddMemberForm projectId={project.id} />
              <form role="search" action={base} className="flex flex-wrap items-center gap-2">
                <label htmlFor="member-search" className="sr-only">
                  Search members
                </label>
                <input id="member-search" name="q" type="search" defaultValue={data.q} placeholder="Find a member…" className={`${inputClass} max-w-xs`} />
                <button type="submit" className="rounded-md px-3 py-2 text-sm font-medium text-slate-700 ring-1 ring-slate-300 ring-inset hover:bg-slate-50">
                  Search
                </button>
                {data.q ? (
                  <Link href={base} className="text-sm text-brand-700 hover:underline">
                    Show all
                  </Link>
                ) : null}
              </form>
              {data.members.length ? (
                <MembersTable projectId={project.id} members={data.members} />
              ) : (
                <p className="text-sm text-slate-500">{data.q ? "No member matches." : "No members yet."}</p>
              )}
              <Pager base={base} params={{ q: data.q }} page={data.page} hasNext={data.hasNext} label="Members pages" />
            </div>
          </Card>
        </div>
        <div className="space-y-6">
          {project.workflow === "kanban" ? (
            <Card id="project-columns" title="Board columns">
              <p className="text-sm text-slate-600">Columns are edited where they are used: open the board and choose “Manage columns”.</p>
              <Link href={`/board/${project.key}`} className="mt-3 inline-block text-sm font-medium text-brand-700 hover:underline">
                Edit columns on the {project.key} board
              </Link>
            </Card>
          ) : null}
          <Card id="project-default-team" title="Default team" description="New tickets of the project start with this team.">
            <DefaultTeamForm project={{ id: project.id, updatedAt: project.updatedAt.toISOString(), defaultTeamId: project.defaultTeamId }} teams={teams} />
          </Card>
          <Card id="project-archive" title={project.archived ? "Archived" : "Archive"}>
            <ArchiveToggle projectId={project.id} archived={project.archived} />
          </Card>
        </div>
      </div>
    </>
  );
}
