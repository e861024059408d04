import type { Metadata } from "next";
import Link from "next/link";
import { adminPageActor } from "@/lib/auth/guards";
import { listAssets } from "@/lib/domain/assets/admin-queries";
import { assetKindLabel } from "@/lib/domain/assets/component-types";
import { assetListSchema } from "@/lib/validation/assets";
import { PageHeader } from "@/components/layout/app-shell";
import { buttonClass } from "@/components/ui/button";
import { AdminTable, type AdminColumn } from "@/components/admin/admin-table";
import { ListSearch } from "@/components/admin/list-search";
import { MutedBadge } from "@/components/ui/badges";

export const metadata: Metadata = { title: "Assets" };

const ASSET_COLUMNS: AdminColumn[] = [{ label: "Tag" }, { label: "Name" }, { label: "Kind" }, { label: "Location" }, { label: "Components", align: "right" }];

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
        <ListSearch action="/admin/assets" id="asset-search" label="Search assets" placeholder="Tag or name starts with…" q={list.q} />
        {!parsed.success ? <p className="text-sm text-red-600">{parsed.error.issues[0]?.message}</p> : null}
        <AdminTable caption="Assets" columns={ASSET_COLUMNS} empty={list.q ? "No asset's tag or name starts with that." : "No assets yet. Add the servers your change requests target."}>
          {list.rows.map((a) => (
            <tr key={a.id}>
              <td className="px-4 py-2.5 font-mono text-xs whitespace-nowrap">
                <Link href={`/admin/assets/${a.id}`} className="text-brand-700 hover:underline max-md:inline-flex max-md:min-h-11 max-md:items-center">
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
              <td className="px-4 py-2.5 text-slate-600">{a.location ?? <span className="text-slate-500">—</span>}</td>
              <td className="px-4 py-2.5 text-right tabular-nums text-slate-900">{a.componentCount}</td>
            </tr>
          ))}
        </AdminTable>
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
