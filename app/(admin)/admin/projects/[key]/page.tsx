import type { Metadata } from "next";
import Link from "next/link";
import { adminPageActor } from "@/lib/auth/guards";
import { projectForAdmin } from "@/lib/domain/projects/admin-queries";
import { KEY_LOCKED } from "@/lib/domain/projects/access";
import { COUNT_CAP, NUMBERING_LABELS, WORKFLOW_LABELS } from "@/lib/validation/projects";
import { PageHeader } from "@/components/layout/app-shell";
import { SectionCard } from "@/components/admin/section-card";
import { MembersSection } from "@/components/admin/members-section";
import { ArchiveToggle, ProjectEditForm } from "@/components/admin/projects/project-edit-form";
import { AddMemberForm, MembersTable } from "@/components/admin/projects/members-panel";
import { MutedBadge } from "@/components/ui/badges";
import { foundOr404 } from "@/lib/http/found-or-404";
import { DefaultTeamForm } from "@/components/admin/projects/default-team-form";
import { teamOptions } from "@/lib/domain/teams/options";

type Props = { params: Promise<{ key: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };
const one = (v: string | string[] | undefined) => (typeof v === "string" ? v : undefined);
const keyOf = (raw: string) => decodeURIComponent(raw).slice(0, 20);

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: `${keyOf((await params).key)} · Projects` };
}

/** One project: its settings, archive state, members; kanban columns are edited on the board. */
export default async function ProjectAdminPage({ params, searchParams }: Props) {
  const actor = await adminPageActor();
  const sp = await searchParams;
  const page = Number(one(sp.page) ?? 1);
  const data = await foundOr404(projectForAdmin(actor, keyOf((await params).key), { q: one(sp.q), page: Number.isFinite(page) ? page : 1 }));
  const { project } = data;
  const teams = await teamOptions(actor.organizationId, [project.defaultTeamId]);
  const base = `/admin/projects/${project.key}`;
  return (
    <>
      <PageHeader
        back={{ href: "/admin/projects", label: "Projects" }}
        title={
          <span className="flex flex-wrap items-baseline gap-2">
            <span className="font-mono text-base text-slate-500">{project.key}</span>
            <span>{project.name}</span>
            {project.archived ? <MutedBadge>Archived</MutedBadge> : null}
          </span>
        }
        description={`${WORKFLOW_LABELS[project.workflow]} workflow · numbered ${NUMBERING_LABELS[project.numbering]}`}
      />
      <div className="grid items-start gap-6 xl:grid-cols-[1fr_20rem]">
        <div className="min-w-0 space-y-6">
          <SectionCard id="project-settings" title="Settings">
            <ProjectEditForm
              project={{ id: project.id, key: project.key, name: project.name, description: project.description, lead: project.lead, archived: project.archived, updatedAt: project.updatedAt.toISOString() }}
              keyLocked={data.keyLocked}
              keyLockedReason={KEY_LOCKED}
            />
          </SectionCard>
          <MembersSection
            id="project-members"
            total={data.membersTotal}
            cap={COUNT_CAP}
            note="Triage members are told about every new ticket in the project."
            add={<AddMemberForm projectId={project.id} />}
            table={data.members.length ? <MembersTable projectId={project.id} members={data.members} /> : null}
            list={{ base, q: data.q, page: data.page, hasNext: data.hasNext, searchId: "member-search" }}
          />
        </div>
        <div className="space-y-6">
          {project.workflow === "kanban" ? (
            <SectionCard id="project-columns" title="Board columns">
              <p className="text-sm text-slate-600">Columns are edited where they are used: open the board and choose “Manage columns”.</p>
              <Link href={`/board/${project.key}`} className="mt-3 inline-block text-sm font-medium text-brand-700 hover:underline">
                Edit columns on the {project.key} board
              </Link>
            </SectionCard>
          ) : null}
          <SectionCard id="project-default-team" title="Default team" description="New tickets of the project start with this team.">
            <DefaultTeamForm project={{ id: project.id, updatedAt: project.updatedAt.toISOString(), defaultTeamId: project.defaultTeamId }} teams={teams} />
          </SectionCard>
          <SectionCard id="project-archive" title={project.archived ? "Archived" : "Archive"}>
            <ArchiveToggle projectId={project.id} archived={project.archived} />
          </SectionCard>
        </div>
      </div>
    </>
  );
}
