import type { Metadata } from "next";
import { staffPageActor } from "@/lib/auth/guards";
import { listTickets } from "@/lib/domain/tickets/queries";
import { PageHeader } from "@/components/layout/app-shell";
import { Pager, TicketTable } from "@/components/tickets/ticket-table";

export const metadata: Metadata = { title: "Desk" };

export default async function DeskPage({ searchParams }: { searchParams: Promise<{ cursor?: string | string[] }> }) {
  const actor = await staffPageActor();
  const raw = (await searchParams).cursor;
  const cursor = Array.isArray(raw) ? raw[0] : raw;
  const { rows, nextCursor } = await listTickets(actor, { cursor, limit: 50 });
  return (
    <>
      <PageHeader title="Desk" description="Tickets in your projects, most recently active first." />
      <TicketTable rows={rows} hrefBase="/tickets" caption="Tickets" />
      <Pager basePath="/desk" nextCursor={nextCursor} isFirst={!cursor} />
    </>
  );
}
