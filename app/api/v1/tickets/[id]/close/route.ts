import { routes } from "@/lib/api/v1/operation";
import { closeTicketOp } from "@/lib/api/v1/ticket-actions";

export const { POST } = routes(closeTicketOp);
