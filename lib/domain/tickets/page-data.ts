import { notFound } from "next/navigation";
import type { Actor } from "@/lib/auth/actor";
import { isAppError } from "@/lib/errors";
import { ticketNumberSchema } from "@/lib/validation/ticket";
import { getTicketDetail } from "./queries";

/** For pages: the ticket or an HTTP 404, decided before anything streams. */
export async function ticketOr404(actor: Actor, rawNumber: string, surface: "desk" | "portal") {
  const parsed = ticketNumberSchema.safeParse(decodeURIComponent(rawNumber));
  if (!parsed.success) notFound();
  try {
    return await getTicketDetail(actor, parsed.data, surface === "portal" ? { ownOnly: true, requesterView: true } : {});
  } catch (e) {
    if (isAppError(e) && e.code === "NOT_FOUND") notFound();
    throw e;
  }
}
