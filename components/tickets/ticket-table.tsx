import Link from "next/link";
import type { Priority, TicketStatus } from "@/lib/generated/prisma/enums";
import { PriorityLabel, StatusBadge } from "@/components/ui/badges";
import { TimeAgo } from "@/components/ui/time-ago";

export interface TicketRow {
  id: string;
  number: string;
  title: string;
  status: TicketStatus;
  priority: Priority;
  updatedAt: Date;
  project: { key: string; name: string };
  requester: { name: string };
  assignee: { name: string } | null;
}

/** A plain server-rendered ticket list; `hrefBase` is /tickets or /portal/tickets. */
export function TicketTable({
  rows,
  hrefBase,
  showRequester = true,
  caption,
  empty = "No tickets here yet.",
}: {
  rows: TicketRow[];
  hrefBase: string;
  showRequester?: boolean;
  caption: string;
  /** Said when there are no rows. */
  empty?: string;
}) {
  if (rows.length === 0) {
    return <div className="rounded-lg border border-dashed border-slate-300 bg-white px-6 py-12 text-center text-sm text-slate-500">{empty}</div>;
  }
  return (
    <>
      {/* Below md a card per ticket (a phone has no room for the columns); the table from md. */}
      <ul aria-label={caption} className="space-y-2 md:hidden">
        {rows.map((t) => (
          <li key={t.id} className="rounded-lg bg-white p-3 shadow-xs ring-1 ring-slate-200">
            <div className="flex items-baseline justify-between gap-2 text-xs text-slate-600">
              <span className="font-mono">{t.number}</span>
              <span className="shrink-0">
                Updated <TimeAgo date={t.updatedAt} />
              </span>
            </div>
            <Link href={`${hrefBase}/${t.number}`} className="mt-0.5 block py-1 font-medium leading-snug max-md:min-h-11 max-md:py-2.5 text-slate-900 [overflow-wrap:anywhere] hover:text-brand-700 hover:underline">
              {t.title}
            </Link>
            <div className="mt-1 flex flex-wrap items-center gap-x-3 gap-y-1.5 text-sm">
              <StatusBadge status={t.status} />
              <PriorityLabel priority={t.priority} />
              <span className="min-w-0 truncate text-slate-700">
                <span className="sr-only">Assignee: </span>
                {t.assignee?.name ?? <span className="text-slate-500">Unassigned</span>}
              </span>
            </div>
          </li>
        ))}
      </ul>
      <div className="relative hidden overflow-x-auto rounded-lg bg-white shadow-xs ring-1 ring-slate-200 md:block">
        <table className="min-w-full divide-y divide-slate-200 text-sm">
          <caption className="sr-only">{caption}</caption>
          <thead className="bg-slate-50 text-left text-xs font-semibold tracking-wide text-slate-600 uppercase">
            <tr>
              <th scope="col" className="px-4 py-2.5">Number</th>
              <th scope="col" className="px-4 py-2.5">Title</th>
              <th scope="col" className="px-4 py-2.5">Status</th>
              <th scope="col" className="px-4 py-2.5">Priority</th>
              {showRequester ? <th scope="col" className="px-4 py-2.5">Requester</th> : null}
              <th scope="col" className="px-4 py-2.5">Assignee</th>
              <th scope="col" className="px-4 py-2.5">Project</th>
              <th scope="col" className="px-4 py-2.5">Updated</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {rows.map((t) => (
              <tr key={t.id} className="hover:bg-slate-50">
                <td className="px-4 py-2.5 font-mono text-xs whitespace-nowrap text-slate-600">{t.number}</td>
                <td className="max-w-md px-4 py-2.5">
                  <Link href={`${hrefBase}/${t.number}`} className="font-medium text-slate-900 hover:text-brand-700 hover:underline">
                    {t.title}
                  </Link>
                </td>
                <td className="px-4 py-2.5"><StatusBadge status={t.status} /></td>
                <td className="px-4 py-2.5"><PriorityLabel priority={t.priority} /></td>
                {showRequester ? <td className="px-4 py-2.5 whitespace-nowrap text-slate-700">{t.requester.name}</td> : null}
                <td className="px-4 py-2.5 whitespace-nowrap text-slate-700">{t.assignee?.name ?? <span className="text-slate-500">Unassigned</span>}</td>
                <td className="px-4 py-2.5 whitespace-nowrap text-slate-600">{t.project.key}</td>
                <td className="px-4 py-2.5 whitespace-nowrap text-slate-600"><TimeAgo date={t.updatedAt} /></td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

/** 44 px tall below md (a finger), text-sized from md. */
const PAGE_LINK = "text-brand-700 hover:underline max-md:inline-flex max-md:min-h-11 max-md:items-center";

/** "← First page" / "Next page →"; `basePath` may carry the list's filters as a query string. */
export function Pager({ basePath, nextCursor, isFirst }: { basePath: string; nextCursor: string | null; isFirst: boolean }) {
  if (isFirst && !nextCursor) return null;
  return (
    <nav aria-label="Pagination" className="mt-4 flex items-center justify-between text-sm">
      {isFirst ? <span /> : <Link href={basePath} className={PAGE_LINK}>← First page</Link>}
      {nextCursor ? <Link href={`${basePath}${basePath.includes("?") ? "&" : "?"}cursor=${nextCursor}`} className={PAGE_LINK}>Next page →</Link> : <span />}
    </nav>
  );
}
