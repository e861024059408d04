import { routes } from "@/lib/api/v1/operation";
import { createTicketOp, listTickets } from "@/lib/api/v1/tickets";

export const { GET, POST } = routes(listTickets, createTicketOp);
