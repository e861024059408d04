import type { Metadata } from "next";
import Link from "next/link";
import { pageActor } from "@/lib/auth/guards";
import { listTickets } from "@/lib/domain/tickets/queries";
import { PageHeader } from "@/components/layout/app-shell";
import { Pager, TicketTable } from "@/components/tickets/ticket-table";
import { buttonClass } from "@/components/ui/button";

export const metadata: Metadata = { title: "My requests" };

export default async function PortalHome({ searchParams }: { searchParams: Promise<{ cursor?: string | string[] }> }) {
  const actor = await pageActor();
  const raw = (await searchParams).cursor;
  const cursor = Array.isArray(raw) ? raw[0] : raw;
  const { rows, nextCursor } = await listTickets(actor, { cursor, limit: 25, ownOnly: true });
  return (
    <>
      <PageHeader
        title="My requests"
        description="Everything you have asked for, and where it stands."
        actions={
          <Link href="/portal/new" className={buttonClass("primary")}>
            New request
          </Link>
        }
      />
      <TicketTable rows={rows} hrefBase="/portal/tickets" showRequester={false} caption="My requests" />
      <Pager basePath="/portal" nextCursor={nextCursor} isFirst={!cursor} />
    </>
  );
}
