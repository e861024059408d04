import { routes } from "@/lib/api/v1/operation";
import { listUsersOp } from "@/lib/api/v1/directory";

export const { GET } = routes(listUsersOp);
