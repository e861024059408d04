import type { Metadata } from "next";
import Link from "next/link";
import { adminPageActor } from "@/lib/auth/guards";
import { listTeamsForAdmin } from "@/lib/domain/teams/list-teams";
import { TEAM_COUNT_CAP } from "@/lib/validation/teams";
import { PageHeader } from "@/components/layout/app-shell";
import { ListSearch } from "@/components/admin/list-search";
import { NewTeamPanel } from "@/components/admin/teams/team-form";
import { cappedCount, Pager } from "@/components/admin/pager";
import { AdminTable, type AdminColumn } from "@/components/admin/admin-table";

export const metadata: Metadata = { title: "Teams" };

const TEAM_COLUMNS: AdminColumn[] = [
  { label: "Team" },
  { label: "Description", className: "hidden sm:table-cell" },
  { label: "Members", align: "right" },
  { label: "Open tickets", align: "right" },
];

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };
const one = (v: string | string[] | undefined) => (typeof v === "string" ? v : undefined);

/** The organization's teams, a page at a time (the layout answers 404 without org.manage; the domain checks again). */
export default async function TeamsAdminPage({ searchParams }: Props) {
  const actor = await adminPageActor();
  const sp = await searchParams;
  const list = await listTeamsForAdmin(actor, { q: one(sp.q), page: one(sp.page) });
  return (
    <>
      <PageHeader
        title="Teams"
        description="Support groups share a queue: tickets are given to a team, transferred between teams and accepted by a member. A project's default team receives its new tickets."
      />
      <div className="mb-6">
        <NewTeamPanel />
      </div>
      <div className="mb-4">
        <ListSearch action="/admin/teams" id="team-search" label="Search teams" placeholder="Team name starts with…" q={list.q} />
      </div>
      <AdminTable caption="Teams" columns={TEAM_COLUMNS} empty={list.q ? "No team starts with that." : "No teams yet."}>
        {list.rows.map((t) => (
          <tr key={t.id}>
            <td className="px-4 py-2.5">
              <Link href={`/admin/teams/${t.id}`} className="font-medium text-brand-700 hover:underline max-md:inline-flex max-md:min-h-11 max-md:items-center">
                {t.name}
              </Link>
              {/* On a phone the description goes under the name (its column is hidden). */}
              {t.description ? <p className="mt-0.5 text-xs break-words text-slate-500 sm:hidden">{t.description}</p> : null}
            </td>
            <td className="hidden max-w-md px-4 py-2.5 break-words text-slate-600 sm:table-cell">{t.description || <span className="text-slate-500">—</span>}</td>
            <td className="px-4 py-2.5 text-right tabular-nums">{cappedCount(t.members, TEAM_COUNT_CAP)}</td>
            <td className="px-4 py-2.5 text-right tabular-nums">{cappedCount(t.openTickets, TEAM_COUNT_CAP)}</td>
          </tr>
        ))}
      </AdminTable>
      <Pager base="/admin/teams" params={{ q: list.q }} page={list.page} hasNext={list.hasNext} label="Teams pages" />
    </>
  );
}
