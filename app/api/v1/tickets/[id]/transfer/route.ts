import { routes } from "@/lib/api/v1/operation";
import { transferTicketOp } from "@/lib/api/v1/ticket-actions";

export const { POST } = routes(transferTicketOp);
