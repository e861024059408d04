import { routes } from "@/lib/api/v1/operation";
import { listNotificationsOp } from "@/lib/api/v1/directory";

export const { GET } = routes(listNotificationsOp);
