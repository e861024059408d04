import { routes } from "@/lib/api/v1/operation";
import { listAttachmentsOp, uploadToTicketOp } from "@/lib/api/v1/attachments";

export const { GET, POST } = routes(listAttachmentsOp, uploadToTicketOp);
