import type { Metadata } from "next";
import Link from "next/link";
import { pageActor } from "@/lib/auth/guards";
import { portalControls, ticketControls, ticketOr404, ticketPageTitle } from "@/lib/domain/tickets/page-data";
import { TicketView } from "@/components/tickets/ticket-view";
import { ticketRelationships } from "@/lib/domain/relationships/list-links";

type Props = { params: Promise<{ number: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: ticketPageTitle((await params).number) };
}

export default async function PortalTicketPage({ params }: Props) {
  const actor = await pageActor();
  const ticket = await ticketOr404(actor, (await params).number, "portal");
  const [controls, relationships] = await Promise.all([ticketControls(actor, ticket), ticketRelationships(actor, ticket.id, { ownOnly: true })]);
  return (
    <>
      <Link href="/portal" className="mb-4 inline-block text-sm text-brand-700 hover:underline max-md:inline-flex max-md:min-h-11 max-md:items-center">← My requests</Link>
      <TicketView ticket={ticket} controls={portalControls(controls)} audience="requester" relationships={relationships} viewerId={actor.id} />
    </>
  );
}
