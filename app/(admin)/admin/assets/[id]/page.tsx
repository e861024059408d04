import type { Metadata } from "next";
import Link from "next/link";
import { adminPageActor } from "@/lib/auth/guards";
import { loadAssetForAdmin, ASSET_HISTORY_LIMIT, type AssetHistoryEntry } from "@/lib/domain/assets/admin-queries";
import { assetKindLabel, componentTypeLabel, type AssetKind, ASSET_KINDS } from "@/lib/domain/assets/component-types";
import { PageHeader } from "@/components/layout/app-shell";
import { AssetForm } from "@/components/admin/assets/asset-form";
import { ComponentsEditor } from "@/components/admin/assets/components-editor";
import { CapacitiesForm } from "@/components/admin/assets/capacities-form";
import { AssetVersionProvider } from "@/components/admin/assets/asset-version";
import { StatusBadge } from "@/components/ui/badges";
import { AssetLifecycle } from "@/components/admin/assets/asset-lifecycle";
import { LocalTime } from "@/components/ui/local-time";
import { foundOr404 } from "@/lib/http/found-or-404";
import { SectionCard } from "@/components/admin/section-card";

export const metadata: Metadata = { title: "Asset" };

const ACTION_LABELS: Record<string, string> = { add: "Add", remove: "Remove", replace: "Replace", modify: "Modify" };

function itemText(i: AssetHistoryEntry["items"][number]) {
  const what = i.componentRef || i.requestedValue || i.currentValue || "";
  const change = i.action === "replace" || i.action === "modify" ? `${i.currentValue ?? "—"} → ${i.requestedValue ?? "—"}` : what;
  return `${ACTION_LABELS[i.action] ?? i.action} ${i.quantity} × ${componentTypeLabel(i.componentType)}${change ? `: ${change}` : ""}`;
}

function HistoryEntry({ h }: { h: AssetHistoryEntry }) {
  return (
    <li className="py-4 first:pt-0 last:pb-0">
      <div className="flex flex-wrap items-center gap-2">
        <Link href={`/tickets/${encodeURIComponent(h.number)}`} className="font-mono text-xs text-brand-700 hover:underline">
          {h.number}
        </Link>
        <span className="text-sm font-medium break-words text-slate-900">{h.title}</span>
        <StatusBadge status={h.status} />
      </div>
      <p className="mt-1 text-xs text-slate-500">
        Opened <LocalTime iso={h.createdAt.toISOString()} />
        {h.deployedAt ? (
          <>
            {" "}
            · deployed <LocalTime iso={h.deployedAt.toISOString()} />
          </>
        ) : null}
        {h.completedAt ? (
          <>
            {" "}
            · completed <LocalTime iso={h.completedAt.toISOString()} />
          </>
        ) : null}
        {h.before ? ` · ${h.before.length} component rows before the deploy (restored by a roll back)` : null}
      </p>
      <ul className="mt-2 space-y-1 text-sm text-slate-700">
        {h.items.map((i) => (
          <li key={i.id} className="break-words">
            {itemText(i)}
            {i.fulfilled || h.deployedAt ? (
              <span className="text-emerald-700">
                {" "}
                — {h.deployedAt ? "applied" : "fulfilled"}
                {i.fulfilledWith ? ` with ${i.fulfilledWith}` : ""}
                {i.fulfilledBy ? ` by ${i.fulfilledBy}` : ""}
                {i.fulfilledAt ? (
                  <>
                    {" "}
                    on <LocalTime iso={i.fulfilledAt.toISOString()} />
                  </>
                ) : null}
                {i.fulfilmentNotes ? ` (${i.fulfilmentNotes})` : ""}
              </span>
            ) : (
              <span className="text-slate-500"> — not applied</span>
            )}
          </li>
        ))}
      </ul>
    </li>
  );
}

export default async function AssetPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await adminPageActor();
  const { id } = await params;
  const found = await foundOr404(loadAssetForAdmin(actor, id));
  const { asset, history, ticketCount } = found;
  const installed: Record<string, number> = {};
  for (const c of asset.components) installed[c.componentType] = (installed[c.componentType] ?? 0) + c.quantity;
  const kind = (ASSET_KINDS as readonly string[]).includes(asset.kind) ? (asset.kind as AssetKind) : "other";

  return (
    <>
      <PageHeader
        back={{ href: "/admin/assets", label: "Assets" }} title={`${asset.tag} · ${asset.name}`} description={[assetKindLabel(asset.kind), asset.location, asset.retiredAt ? "Retired" : null].filter(Boolean).join(" · ")} />
      <AssetVersionProvider version={asset.version}>
        <div className="space-y-6">
          <SectionCard id="asset-details" title="Details">
            <AssetForm id={asset.id} initial={{ name: asset.name, tag: asset.tag, location: asset.location ?? "", kind }} />
          </SectionCard>
          <SectionCard id="asset-components" title="Components" description="What is installed. Deploying a change updates this list; a roll back restores it.">
            <ComponentsEditor assetId={asset.id} rows={asset.components} />
          </SectionCard>
          <SectionCard id="asset-capacities" title="Slot capacities" description="How many of each component type the asset can hold; change requests are checked against it. Leave a box empty when unknown.">
            <CapacitiesForm assetId={asset.id} capacities={asset.slotCapacities} installed={installed} />
          </SectionCard>
          <SectionCard id="asset-service" title="Service">
            <AssetLifecycle id={asset.id} label={`${asset.tag} · ${asset.name}`} retired={asset.retiredAt !== null} targeted={ticketCount} />
          </SectionCard>
          <SectionCard
            id="asset-history"
            title="History of changes"
            description={ticketCount > history.length ? `The ${ASSET_HISTORY_LIMIT} most recent of ${ticketCount} change requests for this asset.` : "Change requests that targeted this asset, newest first, with what their deployment applied."}
          >
            {history.length ? (
              <ul className="divide-y divide-slate-100">
                {history.map((h) => (
                  <HistoryEntry key={h.id} h={h} />
                ))}
              </ul>
            ) : (
              <p className="text-sm text-slate-500">No change request has targeted this asset yet.</p>
            )}
          </SectionCard>
        </div>
      </AssetVersionProvider>
    </>
  );
}
