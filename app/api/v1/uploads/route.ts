import { routes } from "@/lib/api/v1/operation";
import { stageUploadOp } from "@/lib/api/v1/attachments";

export const { POST } = routes(stageUploadOp);
