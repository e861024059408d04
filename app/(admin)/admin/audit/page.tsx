import type { Metadata } from "next";
import Link from "next/link";
import { adminPageActor } from "@/lib/auth/guards";
import { listAudit } from "@/lib/domain/audit/list-audit";
import { actorChoice } from "@/lib/domain/audit/search-actors";
import { AUDIT_ACTIONS, auditActionLabel, isKnownAuditAction } from "@/lib/domain/audit/actions";
import { entityOf, summarizeData } from "@/lib/domain/audit/describe";
import { auditFilterString, readAuditQuery, AUDIT_EXPORT_MAX_ROWS } from "@/lib/validation/audit";
import { PageHeader } from "@/components/layout/app-shell";
import { AuditFilters } from "@/components/admin/audit/audit-filters";
import { AdminTable, type AdminColumn } from "@/components/admin/admin-table";
import { LocalTime } from "@/components/ui/local-time";
import { buttonClass } from "@/components/ui/button";

export const metadata: Metadata = { title: "Audit log" };

const AUDIT_COLUMNS: AdminColumn[] = [{ label: "Time" }, { label: "Actor" }, { label: "Action" }, { label: "Entity" }, { label: "Details" }, { label: "IP" }];

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

function paramsOf(raw: Record<string, string | string[] | undefined>): URLSearchParams {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(raw)) if (typeof v === "string") params.set(k, v);
  return params;
}

/** Organization events, newest first, 50 a page (the layout answers 404 without org.manage). */
export default async function AuditLogPage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await adminPageActor();
  const { query, refused } = readAuditQuery(paramsOf(await searchParams));
  const [page, chosenActor] = await Promise.all([listAudit(actor, query), actorChoice(actor, query.actor)]);
  const filter = auditFilterString(query);
  const pageLink = (key: "older" | "newer", cursor: string) => `/admin/audit?${new URLSearchParams([...new URLSearchParams(filter), [key, cursor]])}`;
  const actions: { value: string; label: string }[] = AUDIT_ACTIONS.map((a) => ({ value: a, label: auditActionLabel(a) }));
  if (query.action && !isKnownAuditAction(query.action)) actions.push({ value: query.action, label: auditActionLabel(query.action) });

  return (
    <>
      <PageHeader
        title="Audit log"
        description="Everything that happened in your organization: sign-ins, changes by admins, exports and removals."
        actions={
          <a href={`/admin/audit/export${filter ? `?${filter}` : ""}`} className={buttonClass("secondary")} download>
            Export CSV
          </a>
        }
      />
      <div className="space-y-4">
        <AuditFilters
          key={filter}
          initial={{ action: query.action ?? "", actor: chosenActor, from: query.from ?? "", to: query.to ?? "" }}
          actions={actions}
          errors={refused}
        />
        <p className="text-xs text-slate-500">The export holds the rows the filter finds, newest first, at most {AUDIT_EXPORT_MAX_ROWS.toLocaleString("en")}.</p>
        <AdminTable caption="Audit log" columns={AUDIT_COLUMNS} empty={filter ? "No event matches this filter." : "Nothing has been recorded yet."}>
          {page.rows.map((r) => {
            const entity = entityOf(r, page.lookups);
            const summary = summarizeData(r.data);
            return (
              <tr key={r.id} className="align-top">
                <td className="px-4 py-2.5 text-slate-600">
                  <LocalTime iso={r.createdAt.toISOString()} />
                </td>
                <td className="px-4 py-2.5 whitespace-nowrap text-slate-900">{r.actorId ? (r.actorName ?? "(removed user)") : <span className="text-slate-500">System</span>}</td>
                <td className="px-4 py-2.5 whitespace-nowrap font-medium text-slate-900" title={r.action}>
                  {auditActionLabel(r.action)}
                </td>
                <td className="max-w-xs min-w-40 px-4 py-2.5 break-words">
                  {entity ? (
                    <>
                      <span className="text-slate-500">{entity.kind}: </span>
                      {entity.href ? (
                        <Link href={entity.href} className="text-brand-700 hover:underline">
                          {entity.label}
                        </Link>
                      ) : (
                        <span className="text-slate-900">{entity.label}</span>
                      )}
                    </>
                  ) : (
                    <span className="text-slate-500">—</span>
                  )}
                </td>
                <td className="max-w-md min-w-56 px-4 py-2.5 break-words text-slate-700">{summary || <span className="text-slate-500">—</span>}</td>
                <td className="px-4 py-2.5 whitespace-nowrap text-slate-600" title={r.userAgent ?? undefined}>
                  {r.ip ?? <span className="text-slate-500">—</span>}
                </td>
              </tr>
            );
          })}
        </AdminTable>
        <nav aria-label="Audit log pages" className="flex justify-between gap-2">
          {page.newerCursor ? (
            <Link href={pageLink("newer", page.newerCursor)} className={buttonClass("secondary")}>
              <span aria-hidden>←</span> Newer
            </Link>
          ) : (
            <span />
          )}
          {page.olderCursor ? (
            <Link href={pageLink("older", page.olderCursor)} className={buttonClass("secondary")}>
              Older <span aria-hidden>→</span>
            </Link>
          ) : null}
        </nav>
      </div>
    </>
  );
}
