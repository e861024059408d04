import type { Metadata } from "next";
import { adminPageActor } from "@/lib/auth/guards";
import { foundOr404 } from "@/lib/http/found-or-404";
import { teamForAdmin } from "@/lib/domain/teams/list-teams";
import { safeDecodeURIComponent } from "@/lib/safe-decode";
import { TEAM_COUNT_CAP } from "@/lib/validation/teams";
import { PageHeader } from "@/components/layout/app-shell";
import { SectionCard } from "@/components/admin/section-card";
import { MembersSection } from "@/components/admin/members-section";
import { TeamForm } from "@/components/admin/teams/team-form";
import { AddTeamMemberForm, TeamMembersTable } from "@/components/admin/teams/team-members";
import { DeleteTeam } from "@/components/admin/teams/delete-team";
import { cappedCount } from "@/components/admin/pager";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };
const one = (v: string | string[] | undefined) => (typeof v === "string" ? v : undefined);

export const metadata: Metadata = { title: "Team · Teams" };

/** One team: its name and description, its members, the projects it receives new tickets of, and delete. */
export default async function TeamAdminPage({ params, searchParams }: Props) {
  const actor = await adminPageActor();
  const sp = await searchParams;
  const id = safeDecodeURIComponent((await params).id) ?? "";
  const data = await foundOr404(teamForAdmin(actor, id, { q: one(sp.q), page: one(sp.page) }));
  const { team } = data;
  const base = `/admin/teams/${team.id}`;
  return (
    <>
      <PageHeader
        back={{ href: "/admin/teams", label: "Teams" }}
        title={team.name}
        description={
          data.defaultOf.length
            ? `Default team of ${data.defaultOf.map((p) => `${p.key} (${p.name})`).join(", ")}: their new tickets start here.`
            : "Not a project's default team: tickets reach it by transfer."
        }
      />
      <div className="grid items-start gap-6 xl:grid-cols-[1fr_20rem]">
        <div className="min-w-0 space-y-6">
          <MembersSection
            id="team-members"
            total={data.membersTotal}
            cap={TEAM_COUNT_CAP}
            note="Members see the team's tickets in “My teams” on the desk and accept them."
            add={<AddTeamMemberForm teamId={team.id} />}
            table={data.members.length ? <TeamMembersTable teamId={team.id} members={data.members} /> : null}
            list={{ base, q: data.q, page: data.page, hasNext: data.hasNext, searchId: "team-member-search" }}
          />
        </div>
        <div className="space-y-6">
          <SectionCard id="team-settings" title="Settings">
            <TeamForm initial={{ id: team.id, version: team.version, name: team.name, description: team.description }} />
          </SectionCard>
          <SectionCard id="team-delete" title="Delete team">
            <DeleteTeam team={{ id: team.id, name: team.name, version: team.version }} openTickets={cappedCount(data.openTickets, TEAM_COUNT_CAP)} />
          </SectionCard>
        </div>
      </div>
    </>
  );
}
