import { routes } from "@/lib/api/v1/operation";
import { acceptTicketOp } from "@/lib/api/v1/ticket-actions";

export const { POST } = routes(acceptTicketOp);
