import type { Metadata } from "next";
import Link from "next/link";
import { pageActor } from "@/lib/auth/guards";
import { listTickets } from "@/lib/domain/tickets/queries";
import { readPortalQuery } from "@/lib/validation/portal";
import { PageHeader } from "@/components/layout/app-shell";
import { Pager, TicketTable } from "@/components/tickets/ticket-table";
import { buttonClass } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import { PortalLive } from "@/components/portal/portal-live";

export const metadata: Metadata = { title: "My requests" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** The requester's own requests, newest activity first, 25 a page: searched by title or number, and open or closed. */
export default async function PortalHome({ searchParams }: { searchParams: SearchParams }) {
  const actor = await pageActor();
  const sp = await searchParams;
  const raw = sp.cursor;
  const cursor = Array.isArray(raw) ? raw[0] : raw;
  const { query, errors } = readPortalQuery(sp);
  const { rows, nextCursor } = await listTickets(actor, { cursor, limit: 25, ownOnly: true, q: query.q, state: query.state });
  const filter = new URLSearchParams({ ...(query.q ? { q: query.q } : {}), ...(query.state ? { state: query.state } : {}) }).toString();
  const filtered = Boolean(query.q || query.state);
  return (
    <>
      <PortalLive />
      <PageHeader
        title="My requests"
        description="Everything you have asked for, and where it stands."
        actions={
          <Link href="/portal/new" className={buttonClass("primary")}>
            New request
          </Link>
        }
      />
      <form role="search" aria-label="Filter my requests" action="/portal" className="mb-4 flex flex-wrap items-start gap-2">
        <div className="min-w-0 flex-1 basis-56">
          <label htmlFor="portal-q" className="sr-only">
            Search my requests
          </label>
          <input
            id="portal-q"
            name="q"
            type="search"
            defaultValue={query.q ?? ""}
            placeholder="Words of the title, or the number…"
            aria-invalid={errors.q ? true : undefined}
            aria-describedby={errors.q ? "portal-q-error" : undefined}
            className={inputClass}
          />
          {errors.q ? (
            <p id="portal-q-error" className="mt-1 text-xs text-red-600">
              {errors.q}
            </p>
          ) : null}
        </div>
        <div>
          <label htmlFor="portal-state" className="sr-only">
            Status
          </label>
          <select id="portal-state" name="state" defaultValue={query.state ?? ""} aria-invalid={errors.state ? true : undefined} aria-describedby={errors.state ? "portal-state-error" : undefined} className={inputClass}>
            <option value="">All requests</option>
            <option value="open">Open</option>
            <option value="closed">Closed</option>
          </select>
          {errors.state ? (
            <p id="portal-state-error" className="mt-1 text-xs text-red-600">
              {errors.state}
            </p>
          ) : null}
        </div>
        <button type="submit" className={buttonClass("secondary")}>
          Search
        </button>
        {filtered ? (
          <Link href="/portal" className="self-center text-sm text-brand-700 hover:underline">
            Show all
          </Link>
        ) : null}
      </form>
      <TicketTable rows={rows} hrefBase="/portal/tickets" showRequester={false} caption="My requests" empty={filtered ? "None of your requests matches." : "You have not asked for anything yet."} />
      <Pager basePath={filter ? `/portal?${filter}` : "/portal"} nextCursor={nextCursor} isFirst={!cursor} />
    </>
  );
}
