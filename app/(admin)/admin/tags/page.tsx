import type { Metadata } from "next";
import Link from "next/link";
import { adminPageActor } from "@/lib/auth/guards";
import { listTagsForAdmin, TAG_COUNT_CAP } from "@/lib/domain/tags/list-tags";
import { PageHeader } from "@/components/layout/app-shell";
import { inputClass } from "@/components/ui/field";
import { TagForm } from "@/components/admin/tags/tag-form";
import { TagList } from "@/components/admin/tags/tag-rows";
import { cappedCount, Pager } from "@/components/admin/pager";

export const metadata: Metadata = { title: "Tags" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };
const one = (v: string | string[] | undefined) => (typeof v === "string" ? v : undefined);

/** The organization's tags, a page at a time (the layout answers 404 without org.manage; the domain checks again). */
export default async function TagsAdminPage({ searchParams }: Props) {
  const actor = await adminPageActor();
  const sp = await searchParams;
  const list = await listTagsForAdmin(actor, { q: one(sp.q), page: one(sp.page) });
  return (
    <>
      <PageHeader title="Tags" description="Tags label tickets across projects. Staff apply them on tickets; here you name, colour, describe, merge and delete them." />
      <div className="grid items-start gap-6 xl:grid-cols-[1fr_24rem]">
        <section aria-labelledby="tags-list" className="min-w-0 rounded-lg bg-white p-5 shadow-xs ring-1 ring-slate-200">
          <h2 id="tags-list" className="sr-only">
            All tags
          </h2>
          <form role="search" action="/admin/tags" className="mb-6 flex flex-wrap items-center gap-2">
            <label htmlFor="tag-search" className="sr-only">
              Search tags
            </label>
            <input id="tag-search" name="q" type="search" defaultValue={list.q} placeholder="Tag name starts with…" className={`${inputClass} max-w-xs`} />
            <button type="submit" className="rounded-md px-3 py-2 text-sm font-medium text-slate-700 ring-1 ring-slate-300 ring-inset hover:bg-slate-50 max-md:min-h-11">
              Search
            </button>
            {list.q ? (
              <Link href="/admin/tags" className="text-sm text-brand-700 hover:underline">
                Show all
              </Link>
            ) : null}
          </form>
          {list.rows.length ? (
            <TagList tags={list.rows.map((t) => ({ ...t, ticketsLabel: cappedCount(t.tickets, TAG_COUNT_CAP) }))} />
          ) : (
            <p className="text-sm text-slate-500">{list.q ? "No tag starts with that." : "No tags yet."}</p>
          )}
          <Pager base="/admin/tags" params={{ q: list.q }} page={list.page} hasNext={list.hasNext} label="Tags pages" />
        </section>
        <section aria-labelledby="new-tag" className="rounded-lg bg-white p-5 shadow-xs ring-1 ring-slate-200">
          <h2 id="new-tag" className="text-sm font-semibold text-slate-900">
            New tag
          </h2>
          <div className="mt-4">
            <TagForm initial={{ name: "", color: "#64748b", description: "" }} />
          </div>
        </section>
      </div>
    </>
  );
}
