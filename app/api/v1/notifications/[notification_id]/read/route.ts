import { routes } from "@/lib/api/v1/operation";
import { markNotificationReadOp } from "@/lib/api/v1/directory";

export const { POST } = routes(markNotificationReadOp);
