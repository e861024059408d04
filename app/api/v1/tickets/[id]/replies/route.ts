import { routes } from "@/lib/api/v1/operation";
import { addReplyOp, listRepliesOp } from "@/lib/api/v1/tickets";

export const { GET, POST } = routes(listRepliesOp, addReplyOp);
