import { SectionCard } from "./section-card";
import { ListSearch } from "./list-search";
import { cappedCount, Pager } from "./pager";

/**
 * The "Members" card of a project's or a team's page: the count (capped),
 * what membership means, "Add member", a search and one page of members.
 */
export function MembersSection({
  id,
  total,
  cap,
  note,
  add,
  table,
  list,
}: {
  id: string;
  total: number;
  cap: number;
  /** What being a member means here. */
  note: string;
  add: React.ReactNode;
  /** The page of members, or null when none matches. */
  table: React.ReactNode | null;
  list: { base: string; q: string; page: number; hasNext: boolean; searchId: string };
}) {
  return (
    <SectionCard id={id} title="Members" description={`${cappedCount(total, cap)} member${total === 1 ? "" : "s"}. ${note}`}>
      <div className="space-y-4">
        {add}
        <ListSearch action={list.base} id={list.searchId} label="Search members" placeholder="Find a member…" q={list.q} />
        {table ?? <p className="text-sm text-slate-500">{list.q ? "No member matches." : "No members yet."}</p>}
        <Pager base={list.base} params={{ q: list.q }} page={list.page} hasNext={list.hasNext} label="Members pages" />
      </div>
    </SectionCard>
  );
}
