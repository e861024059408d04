import type { Metadata } from "next";
import { staffPageActor } from "@/lib/auth/guards";
import { boxesFor, deskBoxes, deskCount, deskPage } from "@/lib/domain/desk/desk-query";
import { findStaff } from "@/lib/domain/users/staff-directory";
import { projectOptions } from "@/lib/domain/projects/options";
import { teamOptions } from "@/lib/domain/teams/options";
import { customersById } from "@/lib/domain/customers/ticket-customer";
import { readDeskQuery } from "@/lib/validation/desk";
import { listSavedViews } from "@/lib/domain/desk/saved-views";
import { getPreferences } from "@/lib/domain/users/preferences";
import { DeskView } from "@/components/desk/desk-view";

export const metadata: Metadata = { title: "Desk" };

export default async function DeskPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await staffPageActor();
  // A malformed filter is dropped (the rest of the view still shows); a refused search is said next to the box.
  const { query, refused } = readDeskQuery(await searchParams);
  // The box counts are the slowest read (every live ticket in scope): they are
  // not awaited here but streamed into the page, so the table renders meanwhile.
  const boxes = deskBoxes(actor);
  // Handled where it is used (the boxes' Suspense boundary); this keeps a failure
  // before the page renders from also being reported as an unhandled rejection.
  boxes.catch(() => undefined);
  // The view's total likewise (counted up to DESK_COUNT_CAP). A search is not
  // counted (all its matches would be read: ~0.9 s for "printer" at 1M): its
  // first page says "50+" or its exact size.
  const counted = query.q ? null : deskCount(actor, query);
  counted?.catch(() => undefined);
  const [page, projects, people, teams, customers, views, prefs] = await Promise.all([
    deskPage(actor, { filters: query, limit: 50 }),
    // The first projects by key and the ones the filter holds (projects are few; lib/domain/projects/options.ts).
    projectOptions({ organizationId: actor.organizationId, archived: false }, query.project),
    // Only the names the assignee filter holds; the filter finds others by typing.
    findStaff(actor.organizationId, { kind: "staff" }, { ids: query.assignee }),
    // Teams are configuration too: the first ones by name and the ones the filter holds.
    teamOptions(actor.organizationId, query.team),
    // Likewise the customers the Customer filter holds.
    customersById(actor.organizationId, query.customer),
    listSavedViews(actor),
    getPreferences(actor),
  ]);
  return (
    <DeskView
      query={query}
      rows={page.rows}
      nextCursor={page.nextCursor}
      boxes={boxes}
      total={counted ?? Promise.resolve(query.cursor ? null : { n: page.rows.length, capped: !!page.nextCursor })}
      boxKeys={boxesFor(actor)}
      options={{ projects: projects.map((p) => ({ key: p.key, name: p.name })), people, teams, customers }}
      views={views}
      preferences={prefs}
      searchError={refused.q?.join(" ")}
    />
  );
}
