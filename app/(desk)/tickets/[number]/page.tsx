import type { Metadata } from "next";
import { staffPageActor } from "@/lib/auth/guards";
import { ticketControls, ticketOr404, ticketPageTitle } from "@/lib/domain/tickets/page-data";
import { TicketView } from "@/components/tickets/ticket-view";
import { ticketRelationships } from "@/lib/domain/relationships/list-links";
import { composerOptions } from "@/lib/domain/comments/composer-options";

type Props = { params: Promise<{ number: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: ticketPageTitle((await params).number) };
}

export default async function StaffTicketPage({ params }: Props) {
  const actor = await staffPageActor();
  const ticket = await ticketOr404(actor, (await params).number, "desk");
  const [controls, relationships, composer] = await Promise.all([ticketControls(actor, ticket), ticketRelationships(actor, ticket.id), composerOptions(actor)]);
  return (
    <TicketView
      ticket={ticket}
      controls={controls}
      audience="staff"
      relationships={relationships}
      viewerId={actor.id}
      composer={composer}
    />
  );
}
