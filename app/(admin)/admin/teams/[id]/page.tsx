import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { adminPageActor } from "@/lib/auth/guards";
import { isAppError } from "@/lib/errors";
import { teamForAdmin } from "@/lib/domain/teams/list-teams";
import { safeDecodeURIComponent } from "@/lib/safe-decode";
import { TEAM_COUNT_CAP } from "@/lib/validation/teams";
import { PageHeader } from "@/components/layout/app-shell";
import { inputClass } from "@/components/ui/field";
import { TeamForm } from "@/components/admin/teams/team-form";
import { AddTeamMemberForm, TeamMembersTable } from "@/components/admin/teams/team-members";
import { DeleteTeam } from "@/components/admin/teams/delete-team";
import { cappedCount, Pager } from "@/components/admin/pager";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };
const one = (v: string | string[] | undefined) => (typeof v === "string" ? v : undefined);

export const metadata: Metadata = { title: "Team · Teams" };

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

/** One team: its name and description, its members, the projects it receives new tickets of, and delete. */
export default async function TeamAdminPage({ params, searchParams }: Props) {
  const actor = await adminPageActor();
  const sp = await searchParams;
  const id = safeDecodeURIComponent((await params).id) ?? "";
  const data = await teamForAdmin(actor, id, { q: one(sp.q), page: one(sp.page) }).catch((e) => {
    if (isAppError(e) && e.code === "NOT_FOUND") notFound();
    throw e;
  });
  const { team } = data;
  const base = `/admin/teams/${team.id}`;
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href="/admin/teams" className="text-brand-700 hover:underline">
          ← Teams
        </Link>
      </p>
      <PageHeader
        title={team.name}
        description={
          data.defaultOf.length
            ? `Default team of ${data.defaultOf.map((p) => `${p.key} (${p.name})`).join(", ")}: their new tickets start here.`
            : "Not a project's default team: tickets reach it by transfer."
        }
      />
      <div className="grid items-start gap-6 xl:grid-cols-[1fr_20rem]">
        <div className="min-w-0 space-y-6">
          <Card id="team-members" title="Members" description={`${cappedCount(data.membersTotal, TEAM_COUNT_CAP)} member${data.membersTotal === 1 ? "" : "s"}. Members see the team's tickets in “My teams” on the desk and accept them.`}>
            <div className="space-y-4">
              <AddTeamMemberForm teamId={team.id} />
              <form role="search" action={base} className="flex flex-wrap items-center gap-2">
                <label htmlFor="team-member-search" className="sr-only">
                  Search members
                </label>
                <input id="team-member-search" name="q" type="search" defaultValue={data.q} placeholder="Find a member…" className={`${inputClass} max-w-xs`} />
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
                <TeamMembersTable teamId={team.id} members={data.members} />
              ) : (
                <p className="text-sm text-slate-500">{data.q ? "No member matches." : "No members yet."}</p>
              )}
              <Pager base={base} params={{ q: data.q }} page={data.page} hasNext={data.hasNext} label="Members pages" />
            </div>
          </Card>
        </div>
        <div className="space-y-6">
          <Card id="team-settings" title="Settings">
            <TeamForm initial={{ id: team.id, version: team.version, name: team.name, description: team.description }} />
          </Card>
          <Card id="team-delete" title="Delete team">
            <DeleteTeam team={{ id: team.id, name: team.name, version: team.version }} openTickets={cappedCount(data.openTickets, TEAM_COUNT_CAP)} />
          </Card>
        </div>
      </div>
    </>
  );
}
