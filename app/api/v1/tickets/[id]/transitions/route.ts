import { routes } from "@/lib/api/v1/operation";
import { transitionTicketOp } from "@/lib/api/v1/tickets";

export const { POST } = routes(transitionTicketOp);
