import { routes } from "@/lib/api/v1/operation";
import { markAllReadOp } from "@/lib/api/v1/directory";

export const { POST } = routes(markAllReadOp);
