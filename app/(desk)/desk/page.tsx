import type { Metadata } from "next";
import { db } from "@/lib/db";
import { staffPageActor } from "@/lib/auth/guards";
import { deskBoxes, deskPage } from "@/lib/domain/desk/desk-query";
import { findStaff } from "@/lib/domain/users/staff-directory";
import { readDeskQuery } from "@/lib/validation/desk";
import { listSavedViews } from "@/lib/domain/desk/saved-views";
import { getPreferences } from "@/lib/domain/users/preferences";
import { DeskView } from "@/components/desk/desk-view";

export const metadata: Metadata = { title: "Desk" };

export default async function DeskPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await staffPageActor();
  // A malformed filter is dropped (the rest of the view still shows); a refused search is said next to the box.
  const { query, refused } = readDeskQuery(await searchParams);
  const [page, boxes, projects, people, views, prefs] = await Promise.all([
    deskPage(actor, { filters: query, limit: 50 }),
    deskBoxes(actor),
    db.project.findMany({ where: { organizationId: actor.organizationId, archived: false }, orderBy: { key: "asc" }, select: { key: true, name: true } }),
    // Only the names the assignee filter holds; the filter finds others by typing.
    findStaff(actor.organizationId, { kind: "staff" }, { ids: query.assignee }),
    listSavedViews(actor),
    getPreferences(actor),
  ]);
  return (
    <DeskView
      query={query}
      rows={page.rows}
      nextCursor={page.nextCursor}
      boxes={boxes}
      options={{ projects, people }}
      views={views}
      preferences={prefs}
      searchError={refused.q?.join(" ")}
    />
  );
}
