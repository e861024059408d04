import { routes } from "@/lib/api/v1/operation";
import { listTagsOp } from "@/lib/api/v1/directory";

export const { GET } = routes(listTagsOp);
