import type { Metadata } from "next";
import Link from "next/link";
import { pageActor } from "@/lib/auth/guards";
import { can } from "@/lib/auth/permissions";
import { ticketOr404 } from "@/lib/domain/tickets/page-data";
import { TicketView } from "@/components/tickets/ticket-view";

type Props = { params: Promise<{ number: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: decodeURIComponent((await params).number) };
}

export default async function PortalTicketPage({ params }: Props) {
  const actor = await pageActor();
  const ticket = await ticketOr404(actor, (await params).number, "portal");
  return (
    <>
      <Link href="/portal" className="mb-4 inline-block text-sm text-brand-700 hover:underline">← My requests</Link>
      <TicketView ticket={ticket} audience="requester" allowInternal={false} canReply={can(actor, "ticket.comment")} />
    </>
  );
}
