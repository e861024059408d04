import type { Metadata } from "next";
import { adminPageActor } from "@/lib/auth/guards";
import { PageHeader } from "@/components/layout/app-shell";
import { AssetForm } from "@/components/admin/assets/asset-form";

export const metadata: Metadata = { title: "New asset" };

export default async function NewAssetPage() {
  await adminPageActor();
  return (
    <>
      <PageHeader
        back={{ href: "/admin/assets", label: "Assets" }} title="New asset" description="Components and slot capacities are added on the asset's page once it exists." />
      <section className="max-w-2xl rounded-lg bg-white p-5 shadow-xs ring-1 ring-slate-200">
        <AssetForm initial={{ name: "", tag: "", location: "", kind: "server" }} />
      </section>
    </>
  );
}
