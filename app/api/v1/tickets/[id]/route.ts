import { routes } from "@/lib/api/v1/operation";
import { deleteTicketOp, getTicketOp, updateTicketOp } from "@/lib/api/v1/tickets";

export const { GET, PATCH, DELETE } = routes(getTicketOp, updateTicketOp, deleteTicketOp);
