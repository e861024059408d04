import { routes } from "@/lib/api/v1/operation";
import { listProjectsOp } from "@/lib/api/v1/directory";

export const { GET } = routes(listProjectsOp);
