import { routes } from "@/lib/api/v1/operation";
import { listColumnsOp } from "@/lib/api/v1/directory";

export const { GET } = routes(listColumnsOp);
