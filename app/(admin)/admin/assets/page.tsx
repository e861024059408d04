import type { Metadata } from "next";
import Link from "next/link";
import { adminPageActor } from "@/lib/auth/guards";
import { listAssets } from "@/lib/domain/assets/admin-queries";
import { assetKindLabel } from "@/lib/domain/assets/component-types";
import { assetListSchema } from "@/lib/validation/assets";
import { PageHeader } from "@/components/layout/app-shell";
import { buttonClass } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import { MutedBadge } from "@/components/ui/badges";

export const metadata: Metadata = { title: "Assets" };

/** The servers changes target, by tag, 25 a page; ?q= finds them by tag or name prefix. */
export default async function AssetsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await adminPageActor();
  const sp = await searchParams;
  const parsed = assetListSchema.safeParse({ q: typeof sp.q === "string" ? sp.q : undefined, after: typeof sp.after === "string" ? sp.after : undefined });
  const list = await listAssets(actor, parsed.success ? parsed.data : {});
  const qs = (extra: Record<string, string>) => `/admin/assets?${new URLSearchParams({ ...(list.q ? { q: list.q } : {}), ...extra })}`;

  return (
    <>
      <PageHeader
        title="Assets"
        description="The servers change requests target: their components, slot capacities and what deployed changes did to them."
        actions={
          <Link href="/admin/assets/new" className={buttonClass("primary")}>
            New asset
          </Link>
        }
      />
      <div className="space-y-4">
        <form role="search" action="/admin/assets" className="flex flex-wrap items-center gap-2">
          <label htmlFor="asset-search" className="sr-only">
            Search assets
          </label>
          <input id="asset-search" name="q" type="search" defaultValue={list.q} placeholder="Tag or name starts with…" className={`${inputClass} max-w-sm`} />
          <button type="submit" className={buttonClass("secondary")}>
            Search
          </button>
          {list.q ? (
            <Link href="/admin/assets" className="text-sm text-brand-700 hover:underline">
              Show all
            </Link>
          ) : null}
        </form>
        {!parsed.success ? <p className="text-sm text-red-600">{parsed.error.issues[0]?.message}</p> : null}
        <div className="overflow-x-auto rounded-lg bg-white shadow-xs ring-1 ring-slate-200">
          <table className="min-w-full divide-y divide-slate-200 text-sm">
            <caption className="sr-only">Assets</caption>
            <thead className="bg-slate-50 text-left text-xs font-semibold tracking-wide text-slate-600 uppercase">
              <tr>
                <th scope="col" className="px-4 py-2.5">Tag</th>
                <th scope="col" className="px-4 py-2.5">Name</th>
                <th scope="col" className="px-4 py-2.5">Kind</th>
                <th scope="col" className="px-4 py-2.5">Location</th>
                <th scope="col" className="px-4 py-2.5 text-right">Components</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {list.rows.length === 0 ? (
                <tr>
                  <td colSpan={5} className="px-4 py-8 text-center text-slate-500">
                    {list.q ? "No asset's tag or name starts with that." : "No assets yet. Add the servers your change requests target."}
                  </td>
                </tr>
              ) : (
                list.rows.map((a) => (
                  <tr key={a.id}>
                    <td className="px-4 py-2.5 font-mono text-xs whitespace-nowrap">
                      <Link href={`/admin/assets/${a.id}`} className="text-brand-700 hover:underline">
                        {a.tag}
                      </Link>
                    </td>
                    <td className="px-4 py-2.5 whitespace-nowrap text-slate-900">
                      {a.name}
                      {a.retired ? (
                        <span className="ml-2">
                          <MutedBadge>Retired</MutedBadge>
                        </span>
                      ) : null}
                    </td>
                    <td className="px-4 py-2.5 whitespace-nowrap text-slate-600">{assetKindLabel(a.kind)}</td>
                    <td className="px-4 py-2.5 text-slate-600">{a.location ?? <span className="text-slate-400">—</span>}</td>
                    <td className="px-4 py-2.5 text-right tabular-nums text-slate-900">{a.componentCount}</td>
                  </tr>
                ))
              )}
            </tbody>
          </table>
        </div>
        <nav aria-label="Asset pages" className="flex justify-between gap-2">
          {list.paged ? (
            <Link href={qs({})} className={buttonClass("secondary")}>
              First page
            </Link>
          ) : (
            <span />
          )}
          {list.nextAfter ? (
            <Link href={qs({ after: list.nextAfter })} className={buttonClass("secondary")}>
              Next page
            </Link>
          ) : null}
        </nav>
      </div>
    </>
  );
}
