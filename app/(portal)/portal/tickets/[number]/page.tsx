import type { Metadata } from "next";
import Link from "next/link";
import { pageActor } from "@/lib/auth/guards";
import { can } from "@/lib/auth/permissions";
import { ticketControls, ticketOr404, ticketPageTitle } from "@/lib/domain/tickets/page-data";
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
  // The portal is the requester's side of their own request: no staff tools here.
  const portalControls = { ...controls, approval: null, canAssign: false, canRemoveAnyFile: false, canAccept: false, canFulfil: false, staffOptions: [], kanbanColumns: [] };
  return (
    <>
      <Link href="/portal" className="mb-4 inline-block text-sm text-brand-700 hover:underline">← My requests</Link>
      <TicketView ticket={ticket} controls={portalControls} audience="requester" allowInternal={false} canReply={can(actor, "ticket.comment")} relationships={relationships} viewerId={actor.id} />
    </>
  );
}
