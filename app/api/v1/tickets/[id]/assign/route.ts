import { routes } from "@/lib/api/v1/operation";
import { assignTicketOp } from "@/lib/api/v1/ticket-actions";

export const { POST } = routes(assignTicketOp);
