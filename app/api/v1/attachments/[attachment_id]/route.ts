import { routes } from "@/lib/api/v1/operation";
import { downloadAttachmentOp } from "@/lib/api/v1/attachments";

export const { GET } = routes(downloadAttachmentOp);
